"""Journals as an earlier version of the app left them: the schema at an earlier revision,
with real rows in it. Used by the upgrade tests and by the bundle's smoke test.

    uv run python -m tests.old_journals OUT.db REVISION     # one such journal
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory

from pmo_journal.core.storage.db import Journal, make_engine
from pmo_journal.core.storage.revisions import alembic_config, head_revision
from tests.core.journal_data import fill_every_table


def earlier_revisions() -> list[str]:
    """Every schema revision before the head, oldest first."""
    scripts = ScriptDirectory.from_config(alembic_config())
    oldest_first = reversed(list(scripts.walk_revisions()))
    return [script.revision for script in oldest_first if script.revision != head_revision()]


def user_tables(connection: sqlite3.Connection, schema: str = "main") -> dict[str, list[str]]:
    """The journal's own tables and their columns (not Alembic's, SQLite's or the search index)."""
    names = [
        name
        for (name,) in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name != 'alembic_version' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'entry_fts%' ORDER BY name"
        )
    ]
    return {
        name: [row[1] for row in connection.execute(f'PRAGMA {schema}.table_info("{name}")')]
        for name in names
    }


def _listed(columns: list[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def rows_of(path: Path, tables: dict[str, list[str]]) -> dict[str, list[Any]]:
    """Every row of ``tables`` (only the columns named there), in a stable order."""
    connection = sqlite3.connect(path)
    try:
        return {
            name: sorted(
                connection.execute(f'SELECT {_listed(columns)} FROM "{name}"').fetchall(),
                key=repr,
            )
            for name, columns in tables.items()
        }
    finally:
        connection.close()


def _copy_rows(source: Path, target: Path) -> None:
    """Rows of a current journal into an older schema: the columns both have, ids kept."""
    connection = sqlite3.connect(target)
    try:
        connection.execute("ATTACH DATABASE ? AS current", (str(source),))
        current = {
            name: set(columns) for name, columns in user_tables(connection, "current").items()
        }
        for name, columns in user_tables(connection).items():
            shared = [c for c in columns if c in current.get(name, set())]
            if not shared:
                continue
            listed = _listed(shared)
            connection.execute(f'DELETE FROM "{name}"')
            connection.execute(
                f'INSERT INTO "{name}" ({listed}) SELECT {listed} FROM current."{name}"'
            )
        connection.commit()
        connection.execute("DETACH DATABASE current")
    finally:
        connection.close()


def journal_at_revision(path: Path, revision: str) -> None:
    """Write at ``path`` a journal at schema ``revision``, holding a row in every table it has."""
    with tempfile.TemporaryDirectory() as folder:
        current = Path(folder) / "current.db"
        with Journal.open(current) as journal:
            fill_every_table(journal)
        engine = make_engine(path)
        with engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(connection), revision)
        engine.dispose()
        # The revision's own triggers (its search index, say) see the rows go in.
        _copy_rows(current, path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    journal_at_revision(Path(sys.argv[1]), sys.argv[2])
    print(f"Wrote a journal at schema revision {sys.argv[2]} to {sys.argv[1]}")
