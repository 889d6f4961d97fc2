"""The screens' own modules, imported on the GUI thread one at a time while it is idle.

:mod:`pmo_journal.core.preload` brings in the use cases on a worker; what is left of a
screen's first visit is importing its widgets' module (its classes, their signals and
Qt's bindings for them: 20-60 ms each), which has to happen on the GUI thread. Here each
is imported in an event-loop turn of its own, a short pause apart, after the first paint,
so the user's first visit finds it ready and no single turn holds the window long.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

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
    """Imports :attr:`pending` one per turn; stops with its parent (a closed window)."""

    def __init__(
        self, parent: QObject, modules: Sequence[str] = SCREEN_MODULES, pause_ms: int = PAUSE_MS
    ) -> None:
        super().__init__(parent)
        self.pending = [name for name in modules if name not in sys.modules]
        self.pause_ms = pause_ms
        self._next()

    @property
    def done(self) -> bool:
        return not self.pending

    def _next(self) -> None:
        if self.pending:
            QTimer.singleShot(self.pause_ms, self, self._import_one)

    def _import_one(self) -> None:
        name = self.pending.pop(0)
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except Exception:  # the screen's own first visit will say what went wrong
                self.pending.clear()
                return
        self._next()


def warm_screens(parent: QObject, modules: Sequence[str] = SCREEN_MODULES) -> Warming:
    """Start importing ``modules`` in idle turns of the GUI thread (see the module's doc)."""
    return Warming(parent, modules)
