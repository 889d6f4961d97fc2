"""The one prompts module: nothing else opens a message box or a file dialog, the real
prompts answer as asked, and the test fixture refuses a prompt nobody scripted."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pmo_journal.ui import prompts as real_prompts
from tests.ui.scripted_prompts import PROMPTS, ScriptedPrompts, UnexpectedPrompt

PACKAGE = Path(__file__).resolve().parents[2] / "pmo_journal"
PROMPTS_MODULE = PACKAGE / "ui" / "prompts.py"
DIALOG_CLASSES = {"QMessageBox", "QFileDialog", "QInputDialog"}

# The real functions, taken before the autouse fixture replaces them in each test.
REAL = {name: getattr(real_prompts, name) for name in PROMPTS}


def _offences(source: str) -> list[str]:
    """Where ``source`` opens a dialog of its own, or takes a name out of ``prompts``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id in DIALOG_CLASSES:
            found.append(f"{node.lineno}: {node.id}")
        elif isinstance(node, ast.alias) and node.name in DIALOG_CLASSES:
            found.append(f"{node.lineno}: imports {node.name}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").endswith("ui.prompts"):
            found.append(f"{node.lineno}: from {node.module} import …")
    return found


def test_only_the_prompts_module_opens_message_boxes_and_file_dialogs() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{offence}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PROMPTS_MODULE
        for offence in _offences(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "ask, tell and choose files through pmo_journal.ui.prompts"


def test_the_check_sees_every_way_round_it() -> None:
    source = (
        "from PySide6.QtWidgets import QFileDialog\n"
        "QMessageBox.question(self, 't', 'q')\n"
        "from pmo_journal.ui.prompts import ask\n"
        "prompts.ask(self, 'q')\n"
        "box = QInputDialog()\n"
    )
    assert sorted(int(o.split(":")[0]) for o in _offences(source)) == [1, 2, 3, 5]
    assert _offences(PROMPTS_MODULE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------- the fixture
def test_an_unscripted_prompt_fails_and_is_remembered() -> None:
    scripted = ScriptedPrompts()
    with pytest.raises(UnexpectedPrompt, match="ask: Delete Ada"):
        scripted.ask(None, "Delete Ada?")
    with pytest.raises(pytest.fail.Exception, match="Unexpected prompts"):
        scripted.verify()  # even when a Qt slot swallowed the first failure


def test_a_scripted_answer_nobody_asked_for_fails() -> None:
    scripted = ScriptedPrompts()
    scripted.answer("save_file", Path("out.pdf"))
    with pytest.raises(pytest.fail.Exception, match="no prompt asked for"):
        scripted.verify()


def test_a_message_nobody_expected_fails_and_an_expected_one_is_kept() -> None:
    scripted = ScriptedPrompts()
    scripted.expect_tell()
    scripted.tell(None, "Saved.", title="Done")
    assert [(t.message, t.title) for t in scripted.told] == [("Saved.", "Done")]
    with pytest.raises(UnexpectedPrompt):
        scripted.tell(None, "Again?")


def test_the_fixture_stands_in_for_every_prompt(prompts: ScriptedPrompts) -> None:
    prompts.answer("ask", True)
    prompts.answer("choose", "Archive")
    assert real_prompts.ask(None, "Sure?") is True
    assert real_prompts.choose(None, "Then?", ["Archive"]) == "Archive"
    assert [a.text for a in prompts.asked] == ["Sure?", "Then?"]


# ---------------------------------------------------------------------- the real prompts
def _press_when_shown(qtbot: QtBot, press: Callable[[QMessageBox], None]) -> list[QMessageBox]:
    """Answers the next modal message box as the user would (it blocks the test)."""
    seen: list[QMessageBox] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box)
        press(box)

    QTimer.singleShot(0, answer)
    return seen


def _button(text: str) -> Callable[[QMessageBox], None]:
    def press(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.text() == text]
        button.click()

    return press


def _key(key: Qt.Key) -> Callable[[QMessageBox], None]:
    def press(box: QMessageBox) -> None:
        QtBot.keyClick(box, key)

    return press


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_ask_answers_with_the_button_pressed(qtbot: QtBot, parent: QWidget) -> None:
    _press_when_shown(qtbot, _button("Discard"))
    assert REAL["ask"](parent, "Discard the changes?", yes="Discard", no="Cancel") is True
    _press_when_shown(qtbot, _button("Cancel"))
    assert REAL["ask"](parent, "Discard the changes?", yes="Discard", no="Cancel") is False


@pytest.mark.parametrize(("default", "enter_answers"), [(False, False), (True, True)])
def test_enter_gives_the_default_and_escape_always_says_no(
    qtbot: QtBot, parent: QWidget, default: bool, enter_answers: bool
) -> None:
    _press_when_shown(qtbot, _key(Qt.Key.Key_Return))
    assert REAL["ask"](parent, "Restore?", default=default) is enter_answers
    _press_when_shown(qtbot, _key(Qt.Key.Key_Escape))
    assert REAL["ask"](parent, "Restore?", default=True) is False


def test_a_destructive_yes_is_marked_so(qtbot: QtBot, parent: QWidget) -> None:
    seen = _press_when_shown(qtbot, _button("Yes"))
    assert REAL["ask"](parent, "Delete the claim?", detail="It can't be undone.", destructive=True)
    [box] = seen
    [yes] = [b for b in box.buttons() if b.text() == "Yes"]
    assert box.buttonRole(yes) == QMessageBox.ButtonRole.DestructiveRole
    assert box.informativeText() == "It can't be undone."


def test_choose_gives_the_option_or_none(qtbot: QtBot, parent: QWidget) -> None:
    _press_when_shown(qtbot, _button("Reassign…"))
    assert REAL["choose"](parent, "In use", ["Archive", "Reassign…"]) == "Reassign…"
    _press_when_shown(qtbot, _button("Quit"))
    assert REAL["choose"](parent, "Damaged", ["Restore this backup"], cancel="Quit") is None


def test_save_dialogs_start_in_documents_then_in_the_last_folder(
    parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    documents = tmp_path / "Documents"
    monkeypatch.setattr("platformdirs.user_documents_path", lambda: documents)

    def save_dialog(
        _parent: object, _title: str, where: str, *_rest: object, **_kw: object
    ) -> tuple[str, str]:
        offered.append(where)
        return str(tmp_path / "reports" / "review"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    (tmp_path / "reports").mkdir()
    first = REAL["choose_save_file"](parent, "Save as PDF", "review.pdf", suffix=".pdf")
    assert first == tmp_path / "reports" / "review.pdf"  # the suffix is added
    assert QSettings().value(real_prompts.LAST_FOLDER_KEY) == str(tmp_path / "reports")
    REAL["choose_save_file"](parent, "Export chart", "radar.png")
    assert offered == [str(documents / "review.pdf"), str(tmp_path / "reports" / "radar.png")]


def test_a_cancelled_file_dialog_is_none_and_remembers_nothing(
    parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: "")
    assert REAL["choose_open_file"](parent, "Import") is None
    assert REAL["choose_folder"](parent, "Sync through") is None
    assert QSettings().value(real_prompts.LAST_FOLDER_KEY) is None
