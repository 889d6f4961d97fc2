"""Upgrading a journal from every earlier schema revision keeps every row it held."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from pmo_journal.core.storage.db import Journal, make_engine
from pmo_journal.core.storage.revisions import alembic_config, head_revision
from tests.core.journal_data import fill_every_table


def _earlier_revisions() -> list[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in scripts.walk_revisions() if s.revision != head_revision()]


def _columns(path: Path) -> dict[str, list[str]]:
    """The user tables of a journal file and their columns (not the search index)."""
    connection = sqlite3.connect(path)
    try:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entry_fts%'"
            )
        ]
        return {
            name: [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')]
            for name in names
        }
    finally:
        connection.close()


def _rows(path: Path, columns: dict[str, list[str]]) -> dict[str, list[Any]]:
    connection = sqlite3.connect(path)
    try:
        return {
            name: sorted(
                connection.execute(f'SELECT {", ".join(cols)} FROM "{name}"').fetchall(), key=repr
            )
            for name, cols in columns.items()
        }
    finally:
        connection.close()


@pytest.mark.parametrize("revision", _earlier_revisions())
def test_upgrading_from_an_earlier_revision_keeps_every_row(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        fill_every_table(journal)
    engine = make_engine(path)
    with engine.connect() as connection, connection.begin():
        command.downgrade(alembic_config(connection), revision)
    engine.dispose()
    # Only the columns the earlier revision has are compared: a later one may add some.
    columns = _columns(path)
    held = _rows(path, columns)
    assert sum(len(rows) for rows in held.values()) > 20

    with Journal.open(path) as journal:
        assert journal.revision() == head_revision()
        assert journal.check().integrity == "ok"
    assert _rows(path, columns) == held
