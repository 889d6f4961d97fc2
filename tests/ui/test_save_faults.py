"""Faults under the real editors and screens: a save or a draft the disk refuses, a hostile
import. The user is told in one line, nothing typed is lost, and the window stays usable."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from pmo_journal.core import clock
from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import drafts, people, reflections, skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from pmo_journal.ui.backups import BackupsView
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.drafts import DraftAutosaver
from pmo_journal.ui.editors import SkillReflectionDialog
from pmo_journal.ui.main_window import MainWindow
from tests.ui.scripted_prompts import ScriptedPrompts

CLOCK_DAY = clock.today()
WRITING = "Ran the intake board; the sponsor agreed to the new criteria."


@contextmanager
def disk_full(journal: Journal) -> Iterator[None]:
    """SQLite's own page limit: every write that needs one more page fails as on a full
    disk, and works again when the block ends."""

    def _full(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(journal.engine, "connect", _full)
    journal.engine.dispose()
    try:
        yield
    finally:
        event.remove(journal.engine, "connect", _full)
        journal.engine.dispose()


def _fill(write: Callable[[str], object]) -> int:
    """Write ever shorter text until not one byte more fits; returns how many writes."""
    made = 0
    for size in (3000, 300, 30, 1):
        while made < 2000:
            try:
                write("x" * size)
            except JournalError:
                break
            made += 1
    return made


def _fill_pages(journal: Journal) -> int:
    """Use up the room left in the pages reflections and drafts are written to, so the
    next of either needs a new page; returns how many reflections it took."""
    skill = skills.list_skills(journal)[0].id
    with disk_full(journal):
        made = _fill(
            lambda text: reflections.log_skill_reflection(
                journal, data={"date": CLOCK_DAY, "skill_id": skill, "rating": 3, "situation": text}
            )
        )
        _fill(
            lambda text: drafts.save_draft(
                journal, kind="skill_reflection", entry_id=None, payload={"situation": text}
            )
        )
    return made


def _reflection(window: MainWindow) -> SkillReflectionDialog:
    dialog = window.new_entry(EntryKind.SKILL_REFLECTION)
    assert isinstance(dialog, SkillReflectionDialog)
    dialog.rating.set_value(4)
    dialog.texts["situation"].setPlainText(WRITING)
    dialog._changed()
    assert dialog.save_button.isEnabled(), dialog.problems()
    return dialog


def test_a_save_the_disk_refuses_keeps_the_editor_open_with_its_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    journal = window.context.journal
    dialog = _reflection(window)
    filled = _fill_pages(journal)
    with disk_full(journal):
        dialog.save_button.click()
        assert dialog.isVisible()
        said = dialog.message_for("")
        assert said.startswith("Nothing was saved: the disk that holds journal.db is full")
        assert "\n" not in said and ".." not in said
        assert dialog.texts["situation"].toPlainText() == WRITING
        assert len(reflections.list_skill_reflections(journal)) == filled
    dialog.save_button.click()  # room again: the same editor saves what it holds
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = reflections.list_skill_reflections(journal)
    assert len(saved) == filled + 1 and WRITING in {r.situation for r in saved}


def test_a_draft_the_disk_refuses_is_told_in_the_editor(qtbot: QtBot, window: MainWindow) -> None:
    journal = window.context.journal
    dialog = _reflection(window)
    saver = dialog.findChild(DraftAutosaver)
    assert isinstance(saver, DraftAutosaver)
    _fill_pages(journal)
    with disk_full(journal):
        assert saver.save_now() is None
        assert dialog.draft_message.isVisible()
        said = dialog.draft_message.text()
        assert said.startswith("Your writing was not kept as a draft just now. Nothing was saved")
        assert "is full" in said and "\n" not in said
        assert dialog.texts["situation"].toPlainText() == WRITING
    kept = saver.save_now()
    assert kept is not None and not dialog.draft_message.isVisible()
    assert WRITING in {d.payload.get("situation") for d in drafts.list_drafts(journal)}


def _person(document: dict[str, Any], **fields: Any) -> str:
    """``document`` with one more person, as JSON text."""
    person = {**document["people"][0], "uuid": "00000000-0000-4000-8000-00000000000a"}
    return json.dumps({**document, "people": [*document["people"], {**person, **fields}]})


HOSTILE = {
    "a date out of range": lambda d: _person(d, created_at="0001-01-01T00:00:00+14:00"),
    "duplicate keys": lambda d: '{"format": "x", ' + json.dumps(d)[1:],
    "a lone surrogate": lambda d: _person(d, name="\ud800"),
    "a huge number": lambda d: '{"n": ' + "9" * 5000 + ", " + json.dumps(d)[1:],
    "escape codes": lambda d: _person(d, name="Lin", created_at="\x1b[31mred\x1b[0m"),
    "not JSON": lambda _d: "\x1b[31mred\x1b[0m",
}


@pytest.fixture
def view(qtbot: QtBot, context: JournalContext) -> BackupsView:
    people.create_person(context.journal, data={"name": "Ada"})
    shown = BackupsView(context)
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.mark.parametrize("spoil", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_failed_import_is_one_clear_line_and_the_screen_stays_usable(
    qtbot: QtBot,
    view: BackupsView,
    tmp_path: Path,
    prompts: ScriptedPrompts,
    spoil: Callable[[dict[str, Any]], str],
) -> None:
    journal = view.context.journal
    document = build_document(journal)
    before = journal.path.read_bytes()
    hostile = tmp_path / "hostile.json"
    hostile.write_text(spoil(document), encoding="utf-8")
    prompts.answer("open_file", hostile)
    view.import_button.click()
    qtbot.waitUntil(lambda: view.task is None, timeout=20_000)
    said = view.status.text()
    assert said and "\n" not in said and "\x1b" not in said and ".." not in said
    assert not said.startswith("An unexpected error"), said
    assert "Importing" not in said and view.import_button.isEnabled()
    assert [p.name for p in people.list_people(journal)] == ["Ada"]
    assert journal.path.read_bytes() == before

    good = tmp_path / "good.json"
    good.write_text(_person(document, name="Lin"), encoding="utf-8")
    prompts.answer("open_file", good)
    view.import_button.click()  # a second import works
    qtbot.waitUntil(lambda: view.task is None, timeout=20_000)
    assert sorted(p.name for p in people.list_people(journal)) == ["Ada", "Lin"], view.status.text()
