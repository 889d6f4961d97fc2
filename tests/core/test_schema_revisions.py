"""The schema revisions read from the migration files are the ones Alembic sees."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from pmo_journal.core.services import timeline
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal, make_engine
from pmo_journal.core.storage.revisions import (
    MIGRATIONS,
    alembic_config,
    head_revision,
    schema_revisions,
)
from tests.core.journal_data import fill_every_table


def alembic_scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_head_and_history_match_alembic() -> None:
    scripts = alembic_scripts()
    assert head_revision() == scripts.get_current_head()
    assert schema_revisions() == {
        script.revision: script.down_revision for script in scripts.walk_revisions()
    }


def test_opening_a_current_journal_does_not_import_alembic(journal: Journal) -> None:
    # Alembic is a large import; a journal that needs no upgrade must not pay for it.
    journal.close()
    probe = (
        "import sys\n"
        "from pmo_journal.core.storage.db import Journal\n"
        f"Journal.open({str(journal.path)!r}).close()\n"
        "print(sorted(name for name in sys.modules if name.startswith('alembic')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def earlier_revisions() -> list[str]:
    """Every revision before head, from Alembic's own script directory (new ones join in)."""
    scripts = alembic_scripts()
    head = scripts.get_current_head()
    return [script.revision for script in scripts.walk_revisions() if script.revision != head]


def _table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'entry_fts%' AND name != 'alembic_version'"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


@pytest.mark.parametrize("revision", earlier_revisions())
def test_a_journal_at_every_earlier_revision_upgrades_whole_and_searchable(
    tmp_path: Path, revision: str
) -> None:
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        fill_every_table(journal)
    engine = make_engine(path)
    with engine.connect() as connection, connection.begin():
        command.downgrade(alembic_config(connection), revision)
    engine.dispose()
    held = _table_rows(path)
    assert sum(len(rows) for rows in held.values()) > 20

    with Journal.open(path) as journal:
        assert journal.revision() == head_revision()
    # Read once the journal is closed again (an open journal says so in its settings).
    after = _table_rows(path)
    # Every row the old journal held is still there, column for column (newer
    # revisions may add columns at the end of a table, never change the ones there).
    for table, rows in held.items():
        width = len(rows[0]) if rows else 0
        assert [row[:width] for row in after[table]] == rows, table
    with Journal.open(path) as journal:
        entries = timeline.list_timeline(journal, TimelineFilter(), limit=1000)
        assert entries
        for entry in entries:
            word = max(re.findall(r"\w+", entry.title), key=len)
            found = timeline.list_timeline(journal, TimelineFilter(text=word), limit=1000)
            assert (entry.kind, entry.id) in {(e.kind, e.id) for e in found}, entry.title
