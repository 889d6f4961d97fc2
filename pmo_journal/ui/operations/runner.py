"""Runs a core call on the thread pool and reports back on the GUI thread.

In the spirit of Anki's ``CollectionOp``: the work is handed ``progress(fraction,
message)`` and ``cancelled()``; its result reaches ``on_success``; what it changed
(a :class:`~pmo_journal.core.changes.Changes`, alone or in an ``Outcome``) is announced
to every screen through the journal context. Every exception is reported: a
:class:`JournalError` (and an ``OSError``) by its own message, anything else as an
unexpected error with its traceback behind "Show Details…".
"""

from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot
from PySide6.QtWidgets import QWidget

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.tasks import Cancelled, Progress, WorkCancelled
from pmo_journal.core.validation import JournalError
from pmo_journal.ui import prompts
from pmo_journal.ui.context import JournalContext

Work = Callable[[Progress, Cancelled], Any]
UNEXPECTED = "An unexpected error stopped this"


@dataclass(frozen=True)
class Failure:
    """Why a piece of work stopped. ``expected`` failures say so in their own words."""

    message: str
    details: str = ""
    expected: bool = True
    cancelled: bool = False


def failure_of(exc: BaseException) -> Failure:
    """How ``exc`` is told to the user."""
    if isinstance(exc, JournalError):
        return Failure(str(exc), cancelled=isinstance(exc, WorkCancelled))
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return Failure(f"{exc.strerror or exc}{where}")
    details = "".join(traceback.format_exception(exc))
    return Failure(f"{UNEXPECTED}: {type(exc).__name__}: {exc}", details, expected=False)


class _Signals(QObject):
    """Emitted from the worker thread; received (queued) on the GUI thread."""

    progressed = Signal(float, str)
    returned = Signal(object)
    raised = Signal(object)


class _Runnable(QRunnable):
    """The pool owns and deletes it once ``run`` returns; it only ever emits."""

    def __init__(
        self, work: Work, signals: _Signals, stop: threading.Event, done: threading.Event
    ) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.stop = stop
        self.done = done

    def run(self) -> None:
        try:
            result = self.work(self._progress, self.stop.is_set)
        except Exception as exc:  # a worker reports every error, never dies silently
            self._emit(self.signals.raised, failure_of(exc))
        else:
            self._emit(self.signals.returned, result)
        finally:
            self.done.set()

    def _progress(self, fraction: float, message: str) -> None:
        self._emit(self.signals.progressed, fraction, message)

    @staticmethod
    def _emit(signal: SignalInstance, *args: object) -> None:
        # RuntimeError: the operation went with its window, so nobody is listening.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


class Operation(QObject):
    """One run of a piece of work. Its signals arrive on the GUI thread.

    Exactly one of :attr:`succeeded` (the result, an ``Outcome``'s value) or
    :attr:`failed` (a :class:`Failure`) is emitted, then :attr:`finished`.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        work: Work,
        *,
        parent: QWidget,
        context: JournalContext | None = None,
        title: str = "",
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._context = context
        self._title = title
        self._stop = threading.Event()
        self._done = threading.Event()
        # A child, so it is deleted on the GUI thread with the operation.
        self._signals = _Signals(self)
        self._signals.progressed.connect(self.progressed)
        self._signals.returned.connect(self._returned)
        self._signals.raised.connect(self._raised)
        self._work = work
        self.running = False

    def start(self) -> Operation:
        self.running = True
        runnable = _Runnable(self._work, self._signals, self._stop, self._done)
        QThreadPool.globalInstance().start(runnable)
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next ``cancelled()`` check."""
        self._stop.set()

    @property
    def is_cancelling(self) -> bool:
        return self._stop.is_set()

    def wait(self, timeout_seconds: float) -> bool:
        """Block until the work has returned or raised (for closing a dialog while it runs)."""
        return self._done.wait(timeout_seconds)

    @Slot(object)
    def _returned(self, result: object) -> None:
        value = result
        if isinstance(result, Outcome):
            value = result.value
            self._announce(result.changes)
        elif isinstance(result, Changes):
            self._announce(result)
        try:
            self.succeeded.emit(value)
        finally:
            self._finish()

    @Slot(object)
    def _raised(self, failure: Failure) -> None:
        try:
            if not failure.expected:
                prompts.tell(
                    self._parent, failure.message, title=self._title, details=failure.details
                )
            self.failed.emit(failure)
        finally:
            self._finish()

    def _announce(self, changes: Changes) -> None:
        if self._context is not None:
            self._context.announce(changes)

    def _finish(self) -> None:
        self.running = False
        self.finished.emit()


def run_operation(
    parent: QWidget,
    work: Work,
    *,
    context: JournalContext | None = None,
    title: str,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    on_finished: Callable[[], None] | None = None,
) -> Operation:
    """Start ``work(progress, cancelled)`` off the GUI thread and return its operation.

    ``title`` heads any error dialog ("The backup could not be made"). A failure the
    core explained goes to ``on_failure`` (told in a dialog when there is none);
    an unexpected one is always told in a dialog, with details, and then goes there too.
    ``on_finished`` runs last either way: the place to leave a busy state.
    """
    operation = Operation(work, parent=parent, context=context, title=title)
    if on_progress is not None:
        operation.progressed.connect(on_progress)
    if on_success is not None:
        operation.succeeded.connect(on_success)
    operation.failed.connect(on_failure or (lambda failure: _tell(parent, title, failure)))
    if on_finished is not None:
        operation.finished.connect(on_finished)
    operation.finished.connect(operation.deleteLater)
    return operation.start()


def _tell(parent: QWidget, title: str, failure: Failure) -> None:
    if failure.expected and not failure.cancelled:
        prompts.tell(parent, failure.message, title=title)
