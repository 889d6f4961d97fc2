"""After an upgrade from any earlier revision, every entry is findable, in date order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from pmo_journal.core.entry_kinds import ENTRY_KINDS
from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import timeline
from pmo_journal.core.services.timeline import KIND_CODE, TimelineFilter, search_rowid
from pmo_journal.core.storage.db import Journal, make_engine
from pmo_journal.core.storage.revisions import alembic_config, head_revision
from tests.core.journal_data import fill_every_table

TABLE_DATE = {
    EntryKind.MENTOR_SESSION: ("mentorsession", "date"),
    EntryKind.HELPER_ASSIGNMENT: ("helperassignment", "start_date"),
    EntryKind.SKILL_REFLECTION: ("skillreflection", "date"),
}


def _earlier_revisions() -> list[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in scripts.walk_revisions() if s.revision != head_revision()]


def _tables(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()


@pytest.mark.parametrize("revision", _earlier_revisions())
def test_every_entry_is_found_after_upgrading(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        fill_every_table(journal)
        entries = timeline.list_timeline(journal, TimelineFilter(), limit=1000)
    assert len(entries) >= 3
    engine = make_engine(path)
    with engine.connect() as connection, connection.begin():
        command.downgrade(alembic_config(connection), revision)
    engine.dispose()
    # An entry whose kind came after ``revision`` went with the downgrade (notes: 0007).
    entries = [e for e in entries if ENTRY_KINDS[e.kind].table_name in _tables(path)]
    assert {e.kind for e in entries} >= {EntryKind.MENTOR_SESSION, EntryKind.SKILL_REFLECTION}

    with Journal.open(path) as journal:
        for entry in entries:
            found = timeline.list_timeline(journal, TimelineFilter(text=entry.title), limit=1000)
            assert (entry.kind, entry.id) in {(e.kind, e.id) for e in found}, entry.title
        assert journal.check().integrity == "ok"
    connection = sqlite3.connect(path)
    try:
        rowids = {row[0] for row in connection.execute("SELECT rowid FROM entry_fts")}
    finally:
        connection.close()
    assert rowids == {search_rowid(e.date, KIND_CODE[e.kind], e.id) for e in entries}


def test_an_entry_moved_to_another_date_moves_in_the_index(journal: Journal) -> None:
    fill_every_table(journal)
    first = timeline.list_timeline(journal, TimelineFilter(), limit=1000)
    oldest = first[-1]
    table, column = TABLE_DATE[oldest.kind]
    connection = sqlite3.connect(journal.path)
    try:
        with connection:
            connection.execute(
                f"UPDATE {table} SET {column} = '2099-01-01' WHERE id = ?", (oldest.id,)
            )
    finally:
        connection.close()
    newest = timeline.list_timeline(journal, TimelineFilter(text=oldest.title), limit=1)
    assert [(e.kind, e.id) for e in newest] == [(oldest.kind, oldest.id)]
    assert timeline.count_timeline(journal, TimelineFilter(text=oldest.title)) >= 1
