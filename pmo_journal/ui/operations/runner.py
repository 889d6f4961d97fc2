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
import itertools
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMetaMethod,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

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


class _Relay(QObject):
    """The one receiver of every worker's reports: it lives on the GUI thread for as long
    as the application, so a worker never emits on an object a closed window takes with
    it. It hands each report (queued, on the GUI thread) to the operation it is for, or
    drops it when that operation has gone with its window.

    It also holds each running operation's work until its last report has arrived, so that
    whatever the work holds (a dialog, a screen) is let go of on the GUI thread, never on
    the worker's.
    """

    progressed = Signal(int, float, str)
    returned = Signal(int, object)
    raised = Signal(int, object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._keys = itertools.count(1)
        self._running: dict[int, tuple[Operation, Work]] = {}
        self.progressed.connect(self._progressed)
        self.returned.connect(self._returned)
        self.raised.connect(self._raised)

    def admit(self, operation: Operation, work: Work) -> int:
        key = next(self._keys)
        self._running[key] = (operation, work)
        return key

    @property
    def running(self) -> int:
        """How many operations have not yet had their last report."""
        return len(self._running)

    @Slot(int, float, str)
    def _progressed(self, key: int, fraction: float, message: str) -> None:
        operation, _work = self._running.get(key, (None, None))
        if operation is not None and isValid(operation):
            operation.progressed.emit(fraction, message)

    @Slot(int, object)
    def _returned(self, key: int, result: object) -> None:
        operation, _work = self._running.pop(key)
        if isValid(operation):
            operation._returned(result)

    @Slot(int, object)
    def _raised(self, key: int, failure: Failure) -> None:
        operation, _work = self._running.pop(key)
        if isValid(operation):
            operation._raised(failure)


def relay() -> _Relay:
    """The application's relay (made on first use, a child of the application)."""
    app = QCoreApplication.instance()
    assert app is not None, "the runner needs the application"
    found = app.findChild(_Relay)
    return found if isinstance(found, _Relay) else _Relay(app)


class _Runnable(QRunnable):
    """The pool owns and deletes it once ``run`` returns; it only ever emits on the relay."""

    def __init__(
        self,
        work: Work,
        relay: _Relay,
        key: int,
        stop: threading.Event,
        done: threading.Event,
    ) -> None:
        super().__init__()
        self.work: Work | None = work
        self.relay = relay
        self.key = key
        self.stop = stop
        self.done = done

    def run(self) -> None:
        signal, payload = self._outcome()
        try:
            self._emit(signal, self.key, payload)
        finally:
            self.done.set()

    def _outcome(self) -> tuple[SignalInstance, object]:
        # The runnable lets go of the work here; the relay holds it until the last report.
        work, self.work = self.work, None
        assert work is not None
        try:
            return self.relay.returned, work(self._progress, self.stop.is_set)
        except Exception as exc:  # a worker reports every error, never dies silently
            return self.relay.raised, failure_of(exc)

    def _progress(self, fraction: float, message: str) -> None:
        self._emit(self.relay.progressed, self.key, fraction, message)

    @staticmethod
    def _emit(signal: SignalInstance, *args: object) -> None:
        # RuntimeError: the application itself has gone (it is quitting).
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


class Operation(QObject):
    """One run of a piece of work. Its signals arrive on the GUI thread.

    Exactly one of :attr:`succeeded` (the result, an ``Outcome``'s value) or
    :attr:`failed` (a :class:`Failure`) is emitted, then :attr:`finished`. When its
    parent (a window) is deleted while the work runs, the operation goes with it and the
    rest of the work's reports are dropped.
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
        # No Python reference to ``parent`` (it is ``self.parent()``): deleting the
        # operation must never let go of the last one, which would delete the parent and
        # with it, from inside its own destructor, the operation a second time.
        super().__init__(parent)
        self._context = context
        self._title = title
        self._stop = threading.Event()
        self._done = threading.Event()
        self._work: Work | None = work
        self.running = False

    def start(self) -> Operation:
        work, self._work = self._work, None
        assert work is not None, "an operation runs once"
        self.running = True
        to = relay()
        key = to.admit(self, work)
        QThreadPool.globalInstance().start(_Runnable(work, to, key, self._stop, self._done))
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

    def window(self) -> QWidget | None:
        """The widget the operation was started for (its parent), if it is one."""
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

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

    def _raised(self, failure: Failure) -> None:
        try:
            if not failure.expected:
                prompts.tell(
                    self.window(), failure.message, title=self._title, details=failure.details
                )
            self.failed.emit(failure)
        finally:
            self._finish()

    def _tell(self, failure: Failure) -> None:
        """What a failure with nobody else to hear it does: an explained one is told."""
        if failure.expected and not failure.cancelled:
            prompts.tell(self.window(), failure.message, title=self._title)

    def _announce(self, changes: Changes) -> None:
        if self._context is not None:
            self._context.announce(changes)

    def _finish(self) -> None:
        self.running = False
        if isValid(self):  # else a callback deleted the window, and this with it
            self.finished.emit()
        if not isValid(self):
            return
        # Let go of what the callers handed in (their callbacks hold their windows) now,
        # on the GUI thread and outside any destructor. ``window`` keeps the parent alive
        # through the disconnecting; when it was the last hold, the parent goes as this
        # method ends, and this operation with it.
        window = self.parent()
        self._context = None
        for signal in (self.progressed, self.succeeded, self.failed, self.finished):
            if self.isSignalConnected(QMetaMethod.fromSignal(signal)):
                signal.disconnect()
        del window


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
    operation.failed.connect(on_failure or operation._tell)
    if on_finished is not None:
        operation.finished.connect(on_finished)
    operation.finished.connect(operation.deleteLater)
    return operation.start()
