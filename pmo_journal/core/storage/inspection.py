"""The one inspection of a journal file: integrity, schema revision and what it holds.

Nothing here writes to the file, so ``check``, opening, backups, restore and ``demo`` can
all judge a file, plain or encrypted, before deciding to touch it.
"""

from __future__ import annotations

import enum
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo_journal.core.entry_kinds import ENTRY_KINDS
from pmo_journal.core.storage.connect import (
    SQLITE_HEADER,
    PassphraseRequired,
    connect,
    database_errors,
    header_damaged,
    is_encrypted,
)
from pmo_journal.core.storage.integrity import damage_of
from pmo_journal.core.storage.revisions import head_revision, schema_revisions
from pmo_journal.core.validation import JournalError, one_line

ENTRY_TABLES = {kind.value: spec.table_name for kind, spec in ENTRY_KINDS.items()}
COUNTED_TABLES = (*ENTRY_TABLES.values(), "person", "skill", "actionitem", "careergoal", "pduclaim")
# Tables every journal has had since its first revision; a database without them is
# someone else's. (Kinds added later are counted where their table exists.)
REQUIRED_TABLES = frozenset(
    {"alembic_version", "skill", "mentorsession", "helperassignment", "skillreflection"}
)
PROBLEMS_SHOWN = 3
HEADER_DAMAGED = "its first bytes are broken, so the file is not a database as it stands"


class Checks(enum.Enum):
    """How hard an inspection looks for damage."""

    NONE = "none"  # what the file is and holds, no check of its pages
    QUICK = "quick"  # SQLite's quick_check: cheap enough for every open
    INTEGRITY = "integrity"  # SQLite's full integrity_check: a backup must pass it
    THOROUGH = "thorough"  # integrity, references and the search index: ``check``


@dataclass(frozen=True)
class Inspection:
    """What :func:`inspect_journal` found. ``revision`` is "" for a blank file."""

    path: Path
    revision: str
    head: str
    problems: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    live: dict[str, int] = field(default_factory=dict)
    encrypted: bool = False

    @property
    def blank(self) -> bool:
        """An empty file or an SQLite database with no tables: a journal yet to be made."""
        return not self.revision

    @property
    def entries(self) -> int:
        """Journal entries, deleted ones (still restorable) included."""
        return sum(self.counts.get(table, 0) for table in ENTRY_TABLES.values())

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

    @property
    def integrity(self) -> str:
        """ "ok", or the problems found as one line."""
        return "ok" if self.ok else describe_problems(self)


class UnreadableJournal(JournalError):
    """The file is a journal too damaged (or too busy) to read at all.

    ``damage`` is what the error reveals about the file itself, ``None`` when it says
    nothing about it (a locked database, say).
    """

    def __init__(self, path: Path, error: Exception) -> None:
        self.path = path
        self.error = error
        self.damage = damage_of(error)
        if self.damage is None:  # busy, locked, unreadable: nothing wrong with the file
            super().__init__(f"{path} can't be read just now ({one_line(error)}).")
        else:
            super().__init__(f"{path} is damaged and can't be read ({one_line(error)}).")


def _ensure_file(path: Path, *, passphrase: str | None, blank_ok: bool) -> bool:
    """Whether ``path`` is blank; raise if it is missing or can't be a journal."""
    if not path.parent.is_dir():
        raise JournalError(f"The folder {path.parent} does not exist.")
    if not path.exists():
        raise JournalError(f"There is no journal at {path}.")
    if path.is_dir():
        raise JournalError(f"{path} is a folder, not a journal file.")
    if passphrase is not None:
        return False
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header and blank_ok:
        return True
    if header != SQLITE_HEADER and header_damaged(path):
        raise UnreadableJournal(path, sqlite3.DatabaseError(HEADER_DAMAGED))
    if header != SQLITE_HEADER:
        what = "an empty file" if not header else "not an SQLite database"
        raise JournalError(f"{path} is not a PMO Career Journal file ({what}).")
    return False


def _tables(connection: Any) -> set[str]:
    return {
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }


def _revision(connection: Any, path: Path, tables: set[str]) -> str:
    not_ours = JournalError(f"{path} is an SQLite database but not a PMO Career Journal file.")
    if not REQUIRED_TABLES.issubset(tables):
        raise not_ours
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = str(row[0]) if row else ""
    if not revision:
        raise not_ours
    if revision not in schema_revisions():
        raise JournalError(
            f"{path} was written by a newer version of PMO Career Journal "
            f"(schema {revision}); please update the app."
        )
    return revision


def _count(connection: Any, table: str, where: str = "") -> int:
    return int(connection.execute(f"SELECT COUNT(*) FROM {table} {where}").fetchone()[0])


# The bytes of evidence files: hundreds of megabytes the check at every open must not read.
# Backups and ``check`` still check them (integrity_check), and a file is checked against
# its SHA-256 whenever it is read.
FILE_BYTES_TABLE = "evidenceblob"
# A check reads every page: mapped, they are read without a copy through the kernel.
CHECK_MMAP_BYTES = 1 << 30


def _holds_rows(connection: Any, table: str) -> bool:
    return connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None


def _page_problems(connection: Any, checks: Checks) -> list[str]:
    connection.execute(f"PRAGMA mmap_size = {CHECK_MMAP_BYTES}")
    if (
        checks is Checks.QUICK
        and FILE_BYTES_TABLE in (tables := _tables(connection))
        and _holds_rows(connection, FILE_BYTES_TABLE)
    ):
        # Table by table, leaving out the files' bytes; with no files, one check of the
        # whole file is cheaper than one per table, and also proves the free-page list.
        found = [
            str(row[0])
            for table in sorted(tables - {FILE_BYTES_TABLE})
            for row in connection.execute(f'PRAGMA quick_check("{table}")')
        ]
        found = [line for line in found if line != "ok"] or ["ok"]
    else:
        pragma = "quick_check" if checks is Checks.QUICK else "integrity_check"
        found = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]
    return [] if found == ["ok"] else found


def _reference_problems(connection: Any) -> list[str]:
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if not broken:
        return []
    tables = sorted({f"{row[0]} → {row[2]}" for row in broken})
    return [f"{len(broken)} broken references ({', '.join(tables)})"]


def _search_index_problems(connection: Any, live: dict[str, int]) -> list[str]:
    """The full-text index must hold exactly one row per live entry."""
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "entry_fts" not in names:
        return []
    indexed = _count(connection, "entry_fts")
    if indexed != sum(live.values()):
        return [
            f"the search index holds {indexed} entries but the journal has {sum(live.values())}"
        ]
    return []


def _look(connection: Any, path: Path, checks: Checks, *, count: bool) -> Inspection:
    problems = [] if checks is Checks.NONE else _page_problems(connection, checks)
    tables = _tables(connection)
    if not tables:
        return Inspection(path, "", head_revision(), tuple(problems))
    revision = _revision(connection, path, tables)
    counts: dict[str, int] = {}
    live: dict[str, int] = {}
    if count or checks is Checks.THOROUGH:
        counts = {t: _count(connection, t) for t in COUNTED_TABLES if t in tables}
        live = {
            kind: _count(connection, table, "WHERE deleted_at IS NULL")
            for kind, table in ENTRY_TABLES.items()
            if table in tables
        }
    if checks is Checks.THOROUGH:
        problems += _reference_problems(connection) + _search_index_problems(connection, live)
    return Inspection(path, revision, head_revision(), tuple(problems), counts, live)


def inspect_journal(
    path: Path | str,
    *,
    passphrase: str | None = None,
    checks: Checks = Checks.THOROUGH,
    count: bool = True,
    blank_ok: bool = False,
) -> Inspection:
    """Look inside ``path`` without changing it, over one read-only :func:`connect`.

    Raises :class:`JournalError` when the file is missing, is not a journal, is from a
    newer app, or needs a passphrase it wasn't given (:class:`PassphraseRequired`) or was
    given the wrong one; :class:`UnreadableJournal` when it is too damaged to read at
    all. A readable file with problems comes back with ``problems``. A plain file ignores
    ``passphrase``. ``blank_ok`` accepts an empty file or database (``revision`` "").
    """
    path = Path(path).expanduser()
    encrypted = is_encrypted(path)
    if not encrypted:
        passphrase = None
    elif passphrase is None:
        raise PassphraseRequired(path)
    if _ensure_file(path, passphrase=passphrase, blank_ok=blank_ok):
        return Inspection(path, "", head_revision(), ())
    try:
        connection = connect(path, passphrase=passphrase, read_only=True)
        try:
            found = _look(connection, path, checks, count=count)
        finally:
            connection.close()
    except database_errors() as exc:
        raise UnreadableJournal(path, exc) from None
    if found.blank and not blank_ok:
        raise JournalError(f"{path} is an SQLite database but not a PMO Career Journal file.")
    return Inspection(
        found.path, found.revision, found.head, found.problems, found.counts, found.live, encrypted
    )


def verify_file(path: Path, *, passphrase: str | None = None, quick: bool = False) -> str:
    """ "ok", or why ``path`` is not a good journal file (for backups and restore)."""
    try:
        found = inspect_journal(
            path,
            passphrase=passphrase,
            checks=Checks.QUICK if quick else Checks.INTEGRITY,
            count=False,
        )
    except UnreadableJournal as exc:
        return str(exc.error)
    except JournalError as exc:
        return str(exc)
    return found.integrity


def verify_connection(connection: Any, path: Path) -> str:
    """What ``verify_file(path, quick=True)`` says, over a connection already open on
    ``path`` (a backup checks its copy on the connection that wrote it, after dropping
    that connection's cached pages so that the check reads the file)."""
    try:
        found = _look(connection, path, Checks.QUICK, count=False)
    except database_errors() as exc:
        return str(exc)
    except JournalError as exc:
        return str(exc)
    if found.blank:
        return f"{path} is an SQLite database but not a PMO Career Journal file."
    return found.integrity


def describe_problems(inspection: Inspection) -> str:
    """The problems of an inspection as one line."""
    shown = "; ".join(inspection.problems[:PROBLEMS_SHOWN])
    more = len(inspection.problems) - PROBLEMS_SHOWN
    return shown + (f"; and {more} more" if more > 0 else "")
