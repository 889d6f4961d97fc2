"""Slow work (backup, export, import) on a worker thread, with progress and cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from pmo_journal.core.validation import JournalError

# The work receives ``progress(done, total)`` and ``cancelled()`` and returns a result.
Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Runner(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.stop = stop

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except JournalError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """Runs ``work`` on its own thread; signals arrive on the thread that created the task."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread = QThread()
        self._runner = _Runner(work, self._stop)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progressed.connect(self.progressed)
        self._runner.succeeded.connect(self._succeeded)
        self._runner.failed.connect(self._failed)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next check; it then fails with a 'cancelled' message."""
        self._stop.set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.done.emit()

    def _succeeded(self, result: object) -> None:
        self._finish()
        self.succeeded.emit(result)

    def _failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
