"""A large import adds each table's rows with its search-index trigger and secondary indexes
set aside, then writes the index rows and builds the indexes once. The journal it leaves
is the one the row-by-row import leaves: the same rows, the same schema, the same search
index; and an import that stops part-way leaves the journal, schema included, untouched."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from pmo_journal.core.exchange import bulk
from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.exchange.json_import import ImportCancelled, import_json_bytes
from pmo_journal.core.services.reflections import log_skill_reflection
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.services.timeline import TimelineFilter, list_timeline
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import dump, fill_every_table
from tests.journal_template import JournalTemplate

#: Every list of the filled journal goes through the bulk path with this threshold.
EVERY_TABLE = 1
NO_TABLE = 10**9


def _export(journal: Journal) -> bytes:
    fill_every_table(journal)
    return json.dumps(build_document(journal, include_private=True)).encode()


def _imported(template: JournalTemplate, folder: Path, data: bytes) -> Path:
    with template.open(folder / "journal.db") as journal:
        import_json_bytes(journal, data)
        return journal.path


def _rows_and_schema(path: Path) -> list[str]:
    """The dump's lines, in order, leaving out the search index's own storage (compared
    through its content) and where in the schema table a statement sits."""
    return sorted(line for line in dump(path).splitlines() if "entry_fts_" not in line)


def _search_index(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT rowid, title, body FROM entry_fts ORDER BY rowid")
        return rows.fetchall()
    finally:
        connection.close()


def test_the_bulk_path_leaves_the_journal_the_row_by_row_path_leaves(
    journal: Journal,
    journal_template: JournalTemplate,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _export(journal)
    (tmp_path / "rows").mkdir()
    (tmp_path / "bulk").mkdir()
    monkeypatch.setattr(bulk, "BULK_ROWS", NO_TABLE)
    one_by_one = _imported(journal_template, tmp_path / "rows", data)
    monkeypatch.setattr(bulk, "BULK_ROWS", EVERY_TABLE)
    at_once = _imported(journal_template, tmp_path / "bulk", data)

    assert _rows_and_schema(at_once) == _rows_and_schema(one_by_one)
    index = _search_index(at_once)
    assert len(index) >= 4  # a live entry of every kind, each indexed once
    assert index == _search_index(one_by_one)
    connection = sqlite3.connect(at_once)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        triggers = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert {"skillreflection_fts_insert", "ix_skillreflection_timeline"} <= triggers
    finally:
        connection.close()
    # The trigger is back: an entry added after the import is found by a search too.
    with Journal.open(at_once, auto_backup=False) as reopened:
        skill = list_skills(reopened)[0]
        log_skill_reflection(
            reopened,
            data={"date": "2026-03-02", "skill_id": skill.id, "rating": 4, "result": "Zanzibar"},
        )
        hits = list_timeline(reopened, TimelineFilter(text="Zanzibar"))
        assert [hit.title for hit in hits] == [f"{skill.name} reflection"]


def test_an_import_stopped_part_way_leaves_the_journal_and_its_schema_as_they_were(
    journal: Journal,
    journal_template: JournalTemplate,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _export(journal)
    monkeypatch.setattr(bulk, "BULK_ROWS", EVERY_TABLE)
    (tmp_path / "target").mkdir()
    with journal_template.open(tmp_path / "target" / "journal.db") as target:
        before = dump(target.path)
        lists = iter(range(100))
        # Stops after skills, people and three kinds of entry went in by the bulk path.
        with pytest.raises(ImportCancelled):
            import_json_bytes(target, data, cancelled=lambda: next(lists) >= 6)
        assert next(lists) == 7
        assert dump(target.path) == before


def _index_config(path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        # The search index's own check of its segments against its content.
        connection.execute("INSERT INTO entry_fts(entry_fts) VALUES ('integrity-check')")
        return connection.execute("SELECT k, v FROM entry_fts_config ORDER BY k").fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize("batch", [None, 123_456])
def test_the_search_index_is_written_in_large_batches_and_its_configuration_kept(
    journal: Journal,
    journal_template: JournalTemplate,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    batch: int | None,
) -> None:
    """The index rows go in with a large in-memory batch; afterwards the index's
    configuration is what it was: no ``hashsize`` of its own, or the journal's."""
    data = _export(journal)
    monkeypatch.setattr(bulk, "BULK_ROWS", EVERY_TABLE)
    seen: list[object] = []
    index_batch = bulk.index_batch

    @contextmanager
    def watched(connection: Any) -> Iterator[None]:
        with index_batch(connection):
            config = "SELECT v FROM entry_fts_config WHERE k = 'hashsize'"
            seen.append(connection.exec_driver_sql(config).scalar())
            yield

    monkeypatch.setattr(bulk, "index_batch", watched)
    (tmp_path / "target").mkdir()
    with journal_template.open(tmp_path / "target" / "journal.db") as target:
        if batch is not None:
            with closing(sqlite3.connect(target.path)) as connection, connection:
                connection.execute(
                    "INSERT INTO entry_fts(entry_fts, rank) VALUES ('hashsize', ?)", (batch,)
                )
        before = _index_config(target.path)
        import_json_bytes(target, data)
        assert _index_config(target.path) == before
        assert ("hashsize", batch) in before if batch else "hashsize" not in dict(before)
    assert seen and set(seen) == {bulk.INDEX_BATCH_BYTES}
