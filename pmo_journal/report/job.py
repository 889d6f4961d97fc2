"""Builds a report off the GUI thread, reporting progress and honouring a cancel request."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from pmo_journal.core.validation import JournalError
from pmo_journal.report.gather import ProgressCallback, ReportCancelled

BuildFunction = Callable[[ProgressCallback], Any]


class _Runnable(QRunnable):
    def __init__(self, job: ReportJob) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()


class ReportJob(QObject):
    """Runs ``build(progress)`` on the thread pool; signals arrive on the GUI thread.

    Exactly one of :attr:`finished`, :attr:`failed` or :attr:`cancelled` is emitted.
    """

    progressed = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, build: BuildFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._cancel = threading.Event()
        self._done = threading.Event()

    def start(self) -> None:
        QThreadPool.globalInstance().start(_Runnable(self))

    def cancel(self) -> None:
        """Ask the job to stop at its next progress step."""
        self._cancel.set()

    @property
    def is_cancelling(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout_seconds: float) -> bool:
        """Block until the job has stopped (for tests and shutting down)."""
        return self._done.wait(timeout_seconds)

    def _progress(self, percent: int, message: str) -> None:
        if self._cancel.is_set():
            raise ReportCancelled()
        self.progressed.emit(percent, message)

    def _run(self) -> None:
        try:
            result = self._build(self._progress)
            if self._cancel.is_set():
                raise ReportCancelled()
        except ReportCancelled:
            self.cancelled.emit()
        except JournalError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a worker must report, never die silently
            self.failed.emit(f"The report could not be built: {exc}")
        else:
            self.finished.emit(result)
        finally:
            self._done.set()
