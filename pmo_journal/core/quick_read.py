"""A quick look into the journal file before it is opened: the dashboard's cards read with
the standard library's ``sqlite3`` alone, so that the app's start-up can paint them before
SQLAlchemy, the tables and the engine are imported.

Only a plain, sound journal at the newest schema is read. Anything else (no file yet, an
encrypted or damaged one, an older schema that the opening will upgrade, a write-ahead log
a crash cut short, a journal with nothing in it, which the welcome page greets) gives
``None``, and the start-up takes the ordinary path: :meth:`Journal.open` with its lock,
passphrase, recovery and upgrade. That opening follows the quick look in every case; the
quick look never writes (the file is opened read-only) and runs the same statements as
:func:`pmo_journal.core.progress.headline_figures` (:mod:`pmo_journal.core.headline`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pmo_journal.core import clock
from pmo_journal.core.headline import HeadlineFigures, Public, everything, read_headline

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables whose rows make a journal "not empty" (the welcome page shows for an empty one).
HOLDINGS = ("person", "mentorsession", "helperassignment", "skillreflection", "note")


def _readable(path: Path) -> bool:
    """A plain SQLite file (not encrypted, not cut to nothing) beside a sound WAL."""
    from pmo_journal.core.storage.clean_close import wal_lost

    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
    except OSError:
        return False
    return wal_lost(path) is None


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False
    )
    return connection


def _is_current(connection: sqlite3.Connection) -> bool:
    """At the newest schema revision (else the opening upgrades it first)."""
    from pmo_journal.core.storage.revisions import head_revision

    found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    return len(found) == 1 and found[0][0] == head_revision()


def _holds_anything(connection: sqlite3.Connection) -> bool:
    for table in HOLDINGS:
        live = "" if table == "person" else " WHERE deleted_at IS NULL"
        if connection.execute(f"SELECT EXISTS (SELECT 1 FROM {table}{live})").fetchone()[0]:
            return True
    return False


class QuickLook:
    """A read-only connection to a plain journal at the newest schema with something in it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def _rows(self, sql: str, params: Mapping[str, Any]) -> Sequence[Mapping[str, Any]]:
        cursor = self._connection.execute(sql, dict(params))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def headline(
        self,
        *,
        since: dt.date | None,
        until: dt.date | None,
        include_private: bool = True,
        today: dt.date | None = None,
    ) -> HeadlineFigures | None:
        """The dashboard's cards, or ``None`` if the file cannot give them."""
        public: Public = everything
        if not include_private:
            from pmo_journal.core.progress import public_rule

            public = public_rule(False)
        try:
            return read_headline(
                self._rows, since=since, until=until, public=public, today=today or clock.today()
            )
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            # Damage, or a value the cards cannot read: the opening finds out and says so.
            return None

    def close(self) -> None:
        self._connection.close()


def quick_look(path: Path | str) -> QuickLook | None:
    """A quick look into the journal at ``path``, or ``None`` when it is not a plain
    journal at the newest schema with something in it (see the module)."""
    path = Path(path).expanduser()
    if path.is_symlink():
        path = path.resolve()
    if not path.is_file() or not _readable(path):
        return None
    try:
        connection = _connect(path)
    except sqlite3.Error:
        return None
    try:
        if _is_current(connection) and _holds_anything(connection):
            return QuickLook(connection)
    except sqlite3.Error:
        pass  # damaged, or not a journal: the opening says what it is
    connection.close()
    return None


def quick_headline(
    path: Path | str,
    *,
    since: dt.date | None,
    until: dt.date | None,
    include_private: bool = True,
    today: dt.date | None = None,
) -> HeadlineFigures | None:
    """The dashboard's cards read straight from the file at ``path``, or ``None`` when it
    cannot give them (see the module)."""
    look = quick_look(path)
    if look is None:
        return None
    try:
        return look.headline(since=since, until=until, include_private=include_private, today=today)
    finally:
        look.close()
