"""Closing a window while the runner's work for it is in flight: nothing crashes, the
work's result is dropped, and whatever the window's work held goes with it on the GUI
thread."""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pmo_journal.core.tasks import Cancelled, Progress
from pmo_journal.ui.operations import run_operation

ROUNDS = 30
WAIT_MS = 10_000


@pytest.fixture
def no_cycle_collector() -> Iterator[None]:
    """Python's cycle collector off, so that what a test lets go of goes by reference
    counting alone, at a known moment, rather than at a collection's whim."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _deferred_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _let_go_of_while_running(qtbot: QtBot, *, held_by: str) -> None:
    """One window whose only holder is its own work or callback, let go of mid-flight."""
    ended = threading.Event()
    heard: list[bool] = []
    window = QWidget()
    window.show()

    def work(_progress: Progress, _cancelled: Cancelled, shown: QWidget | None = None) -> int:
        ended.wait(WAIT_MS / 1000)
        return 1

    if held_by == "work":
        run_operation(
            window,
            functools.partial(work, shown=window),
            title="Nothing",
            on_finished=lambda: heard.append(True),
        )
    else:
        run_operation(
            window,
            work,
            title="Nothing",
            on_success=lambda _result, shown=window: heard.append(shown.isVisible()),
        )
    window.close()
    del window
    ended.set()
    qtbot.waitUntil(lambda: bool(heard), timeout=WAIT_MS)
    _deferred_deletes()


@pytest.mark.parametrize("held_by", ["work", "callback"])
def test_a_window_let_go_of_while_its_work_runs_goes_quietly(
    qtbot: QtBot, no_cycle_collector: None, held_by: str
) -> None:
    # Once the work has ended, the operation lets go of what holds the window; that must
    # not happen inside the operation's destructor (the window's deletion would delete
    # the operation a second time).
    for _ in range(ROUNDS):
        _let_go_of_while_running(qtbot, held_by=held_by)


def _delete_while_reporting(qtbot: QtBot) -> None:
    """One window deleted while its work is reporting progress, a step a millisecond."""
    window = QWidget()
    heard: list[object] = []
    gone = threading.Event()
    stopped = threading.Event()

    def work(progress: Progress, _cancelled: Cancelled) -> str:
        try:
            step = 0
            while not gone.wait(0.001):  # a few more steps after the window has gone
                progress(step / 1_000, f"Step {step}")
                step += 1
            for _ in range(5):
                progress(1.0, "Last steps")
            return "done"
        finally:
            stopped.set()

    run_operation(
        window,
        work,
        title="Nothing",
        on_progress=lambda fraction, _message: heard.append(fraction),
        on_success=heard.append,
        on_finished=lambda: heard.append("finished"),
    )
    qtbot.waitUntil(lambda: bool(heard), timeout=WAIT_MS)  # mid-flight, heard from
    window.deleteLater()
    _deferred_deletes()
    gone.set()
    assert stopped.wait(WAIT_MS / 1000)
    heard.clear()
    QCoreApplication.processEvents()
    _deferred_deletes()
    assert heard == []  # nothing reaches a window that is gone


def test_a_window_deleted_while_its_work_reports_progress_drops_the_rest(
    qtbot: QtBot,
) -> None:
    for _ in range(ROUNDS):
        _delete_while_reporting(qtbot)
