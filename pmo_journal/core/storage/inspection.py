"""A read-only look inside a journal file: integrity, schema revision and what it holds.

Nothing here writes to the file, so ``check`` and ``demo`` can judge a file before deciding
to touch it (opening a journal would upgrade its schema).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pmo_journal.core.storage.db import SQLITE_HEADER, head_revision, schema_revisions
from pmo_journal.core.validation import JournalError, one_line

ENTRY_TABLES = ("mentorsession", "helperassignment", "skillreflection")
COUNTED_TABLES = (*ENTRY_TABLES, "person", "skill", "actionitem", "careergoal", "pduclaim")
# Tables a journal always has; a database without them is someone else's.
REQUIRED_TABLES = frozenset({"alembic_version", "skill", *ENTRY_TABLES})
PROBLEMS_SHOWN = 3


@dataclass(frozen=True)
class Inspection:
    """What :func:`inspect_journal` found."""

    path: Path
    revision: str
    head: str
    problems: tuple[str, ...]
    counts: dict[str, int]

    @property
    def entries(self) -> int:
        """Journal entries, deleted ones (still restorable) included."""
        return sum(self.counts.get(table, 0) for table in ENTRY_TABLES)

    @property
    def holds_writing(self) -> bool:
        """Whether the user has written anything here: entries, people, goals or claims."""
        return bool(
            self.entries
            or self.counts.get("person")
            or self.counts.get("careergoal")
            or self.counts.get("pduclaim")
        )

    @property
    def upgrade_needed(self) -> bool:
        return self.revision != self.head

    @property
    def ok(self) -> bool:
        return not self.problems


class UnreadableJournal(JournalError):
    """The file is a journal too damaged to read at all."""


def _reading(path: Path) -> sqlite3.Connection:
    """A connection that can't change the file.

    Not ``mode=ro``: a read-only connection leaves empty ``-wal``/``-shm`` files behind,
    while a normal one removes them when it closes. ``query_only`` forbids every write.
    """
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA query_only = ON")
    return connection


def _ensure_sqlite(path: Path) -> None:
    if not path.parent.is_dir():
        raise JournalError(f"The folder {path.parent} does not exist.")
    if not path.exists():
        raise JournalError(f"There is no journal at {path}.")
    if path.is_dir():
        raise JournalError(f"{path} is a folder, not a journal file.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        what = "an empty file" if not header else "not an SQLite database"
        raise JournalError(f"{path} is not a PMO Career Journal file ({what}).")


def _revision(connection: sqlite3.Connection, path: Path) -> str:
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if not REQUIRED_TABLES.issubset(tables):
        raise JournalError(f"{path} is an SQLite database but not a PMO Career Journal file.")
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else ""
    if not revision:
        raise JournalError(f"{path} is an SQLite database but not a PMO Career Journal file.")
    if revision not in schema_revisions():
        raise JournalError(
            f"{path} was written by a newer version of PMO Career Journal "
            f"(schema {revision}); please update the app."
        )
    return revision


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    return {
        table: int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        for table in COUNTED_TABLES
        if table in tables
    }


def _integrity_problems(connection: sqlite3.Connection) -> list[str]:
    found = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
    problems = [] if found == ["ok"] else found
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({f"{row[0]} → {row[2]}" for row in broken})
        problems.append(f"{len(broken)} broken references ({', '.join(tables)})")
    return problems


def _search_index_problems(connection: sqlite3.Connection) -> list[str]:
    """The full-text index must hold exactly one row per live entry."""
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "entry_fts" not in names:
        return []
    live = sum(
        int(
            connection.execute(f"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[
                0
            ]
        )
        for table in ENTRY_TABLES
    )
    indexed = int(connection.execute("SELECT COUNT(*) FROM entry_fts").fetchone()[0])
    if indexed != live:
        return [f"the search index holds {indexed} entries but the journal has {live}"]
    return []


def inspect_journal(path: Path | str, *, thorough: bool = True) -> Inspection:
    """Look inside ``path`` without changing it.

    Raises :class:`JournalError` when the file is missing, is not a journal, or is too
    damaged to read at all; a readable file with problems comes back with ``problems``.
    ``thorough=False`` skips the integrity checks (for a quick "is anything here?").
    """
    path = Path(path).expanduser()
    _ensure_sqlite(path)
    try:
        connection = _reading(path)
        try:
            revision = _revision(connection, path)
            counts = _counts(connection)
            problems: list[str] = []
            if thorough:
                problems = _integrity_problems(connection) + _search_index_problems(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise UnreadableJournal(f"{path} is damaged and can't be read ({one_line(exc)}).") from None
    return Inspection(path, revision, head_revision(), tuple(problems), counts)


def describe_problems(inspection: Inspection) -> str:
    """The problems of an inspection as one line."""
    shown = "; ".join(inspection.problems[:PROBLEMS_SHOWN])
    more = len(inspection.problems) - PROBLEMS_SHOWN
    return shown + (f"; and {more} more" if more > 0 else "")
