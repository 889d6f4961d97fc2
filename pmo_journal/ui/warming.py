"""The screens' own modules, imported on the GUI thread one at a time while it is idle.

:mod:`pmo_journal.core.preload` brings in the use cases on a worker; what is left of a
screen's first visit is importing its widgets' module (its classes, their signals and
Qt's bindings for them: 20-60 ms each), which has to happen on the GUI thread. Here each
is imported in an event-loop turn of its own, a short pause apart, after the first paint,
so the user's first visit finds it ready and no single turn holds the window long.

Then the screens a user reaches first (the journal and People, whose first visits also
read the most) can be built the same way, one per turn, once what they read has been
read ahead on the worker (``ui.read_ahead``): building them takes 35-80 ms at 100,000
entries, and their first visit is then only showing and painting them.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

#: Each screen's module, in the order a user tends to reach them, then the dialogs.
SCREEN_MODULES = (
    "pmo_journal.ui.journal.view",
    "pmo_journal.ui.people.view",
    "pmo_journal.ui.career.mentor_overview",
    "pmo_journal.ui.editors",
    "pmo_journal.ui.career.goals_view",
    "pmo_journal.ui.career.open_items_view",
    "pmo_journal.ui.career.readiness_view",
    "pmo_journal.ui.pdus.view",
    "pmo_journal.ui.backups.view",
    "pmo_journal.ui.report.report_dialog",
)
PAUSE_MS = 40


class Warming(QObject):
    """Imports :attr:`pending` one per turn, then runs :attr:`builds` one per turn once
    ``ready()`` says so; stops with its parent (a closed window)."""

    def __init__(
        self,
        parent: QObject,
        modules: Sequence[str] = SCREEN_MODULES,
        pause_ms: int = PAUSE_MS,
        *,
        builds: Sequence[Callable[[], object]] = (),
        ready: Callable[[], bool] = lambda: True,
        then: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.pending = [name for name in modules if name not in sys.modules]
        self.builds = list(builds)
        self.pause_ms = pause_ms
        self._ready = ready
        self._then = then
        self._next()

    @property
    def done(self) -> bool:
        return not self.pending and not self.builds

    def _next(self) -> None:
        if self.pending:
            QTimer.singleShot(self.pause_ms, self, self._import_one)
        elif self.builds:
            QTimer.singleShot(self.pause_ms, self, self._build_one)
        elif self._then is not None:
            then, self._then = self._then, None
            then()

    def _import_one(self) -> None:
        name = self.pending.pop(0)
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except Exception:  # the screen's own first visit will say what went wrong
                self.pending.clear()
                self.builds.clear()
                return
        self._next()

    def _build_one(self) -> None:
        if not self._ready():
            self._next()  # what the screens read is still on its way: look again soon
            return
        build = self.builds.pop(0)
        try:
            build()
        except Exception:  # the screen's own first visit will say what went wrong
            self.builds.clear()
            return
        self._next()


def warm_screens(
    parent: QObject,
    modules: Sequence[str] = SCREEN_MODULES,
    *,
    builds: Sequence[Callable[[], object]] = (),
    ready: Callable[[], bool] = lambda: True,
    then: Callable[[], object] | None = None,
) -> Warming:
    """Start importing ``modules``, then running ``builds`` once ``ready()``, in idle turns
    of the GUI thread (see the module's doc), and call ``then`` when all is done."""
    return Warming(parent, modules, builds=builds, ready=ready, then=then)


def freeze_what_lives() -> None:
    """Leave every object alive now out of the cyclic garbage collector's passes.

    Once the screens are imported and built, what exists (modules, classes, the screens'
    widgets and their Python side, SQLAlchemy's mappings) lives as long as the window.
    A full collection scanned all of it again each time: at 100,000 entries one came
    during the dashboard's figures and held every thread of the process for ~140 ms.
    """
    gc.freeze()
