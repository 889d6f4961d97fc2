"""The one runner for slow work: errors of every kind told, cancel, progress, changes."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import EntryKind
from pmo_journal.core.tasks import Cancelled, Progress, WorkCancelled
from pmo_journal.core.validation import JournalError
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.operations import Failure, run_operation
from pmo_journal.ui.operations.runner import UNEXPECTED
from tests.ui.scripted_prompts import ScriptedPrompts, Told


@pytest.fixture
def told(prompts: ScriptedPrompts) -> list[Told]:
    """Every message the runner shows; a test expects each one (``prompts.expect_tell``)."""
    return prompts.told


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _raising(error: BaseException):  # type: ignore[no-untyped-def]
    def work(_progress: Progress, _cancelled: Cancelled) -> None:
        raise error

    return work


def _run_to_end(qtbot: QtBot, parent: QWidget, work, **kwargs):  # type: ignore[no-untyped-def]
    failures: list[Failure] = []
    results: list[object] = []
    with qtbot.waitCallback() as finished:
        run_operation(
            parent,
            work,
            title="The thing could not be done",
            on_success=results.append,
            on_failure=failures.append,
            on_finished=finished,
            **kwargs,
        )
    return results, failures


def test_a_journal_error_is_told_in_its_own_words_without_a_dialog(
    qtbot: QtBot, parent: QWidget, told: list[Told]
) -> None:
    results, failures = _run_to_end(qtbot, parent, _raising(JournalError("The file is odd.")))
    assert results == []
    assert [f.message for f in failures] == ["The file is odd."]
    assert failures[0].expected and told == []


def test_with_nobody_to_hear_it_a_journal_error_is_told_in_a_dialog(
    qtbot: QtBot, parent: QWidget, told: list[Told], prompts: ScriptedPrompts
) -> None:
    prompts.expect_tell()
    with qtbot.waitCallback() as finished:
        run_operation(
            parent,
            _raising(JournalError("The file is odd.")),
            title="The thing could not be done",
            on_finished=finished,
        )
    assert told == [Told("The file is odd.", "The thing could not be done", "")]


def test_an_os_error_names_the_file(
    qtbot: QtBot, parent: QWidget, told: list[Told], tmp_path: Path
) -> None:
    error = PermissionError(13, "Permission denied", str(tmp_path / "out.json"))
    _results, failures = _run_to_end(qtbot, parent, _raising(error))
    assert failures[0].message == f"Permission denied: {tmp_path / 'out.json'}"
    assert told == []


@pytest.mark.parametrize(
    "error",
    [sqlite3.OperationalError("database is locked"), KeyError("mentor_id")],
    ids=["sqlite", "bug"],
)
def test_anything_else_is_an_unexpected_error_with_details(
    qtbot: QtBot, parent: QWidget, told: list[Told], error: Exception, prompts: ScriptedPrompts
) -> None:
    prompts.expect_tell()
    _results, failures = _run_to_end(qtbot, parent, _raising(error))
    assert len(told) == 1
    message, title, details = told[0].message, told[0].title, told[0].details
    assert message.startswith(f"{UNEXPECTED}: {type(error).__name__}")
    assert title == "The thing could not be done"
    assert "Traceback" in details and type(error).__name__ in details
    assert [f.message for f in failures] == [message] and not failures[0].expected


def test_a_second_run_works_after_a_failure(
    qtbot: QtBot, parent: QWidget, told: list[Told], prompts: ScriptedPrompts
) -> None:
    prompts.expect_tell()
    _run_to_end(qtbot, parent, _raising(KeyError("x")))
    results, failures = _run_to_end(qtbot, parent, lambda _p, _c: 42)
    assert results == [42] and failures == []


def test_cancel_stops_the_work_quietly(qtbot: QtBot, parent: QWidget, told: list[Told]) -> None:
    started = threading.Event()

    def work(_progress: Progress, cancelled: Cancelled) -> None:
        started.set()
        while not cancelled():
            QThread.msleep(5)
        raise WorkCancelled("Cancelled; nothing was written.")

    failures: list[Failure] = []
    with qtbot.waitCallback() as finished:
        operation = run_operation(
            parent, work, title="t", on_failure=failures.append, on_finished=finished
        )
        assert started.wait(10)
        operation.cancel()
    assert failures[0].cancelled and failures[0].message == "Cancelled; nothing was written."
    assert told == []


def test_progress_arrives_on_the_gui_thread(qtbot: QtBot, parent: QWidget) -> None:
    seen: list[tuple[float, str, bool]] = []
    gui = QCoreApplication.instance().thread()  # type: ignore[union-attr]

    def work(progress: Progress, _cancelled: Cancelled) -> str:
        assert QThread.currentThread() is not gui  # the work itself runs off the GUI thread
        progress(0.5, "Half way")
        progress(1.0, "Done")
        return "ok"

    def on_progress(fraction: float, message: str) -> None:
        seen.append((fraction, message, QThread.currentThread() is gui))

    results, failures = _run_to_end(qtbot, parent, work, on_progress=on_progress)
    assert results == ["ok"] and failures == []
    assert seen == [(0.5, "Half way", True), (1.0, "Done", True)]


def test_what_the_work_changed_is_announced_before_its_result(
    qtbot: QtBot, parent: QWidget, context: JournalContext
) -> None:
    changes = Changes.of_entries(EntryKind.SKILL_REFLECTION)
    order: list[object] = []
    context.changed.connect(order.append)
    results, _failures = _run_to_end(
        qtbot,
        parent,
        lambda _p, _c: Outcome("saved", changes),
        context=context,
    )
    assert results == ["saved"]
    assert order == [changes]


def test_no_change_is_not_announced(qtbot: QtBot, parent: QWidget, context: JournalContext) -> None:
    heard: list[object] = []
    context.changed.connect(heard.append)
    _run_to_end(qtbot, parent, lambda _p, _c: Outcome(None, Changes()), context=context)
    assert heard == []
