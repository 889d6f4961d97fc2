"""The one way to open a journal file below the ORM: plain sqlite3, or SQLCipher with a key.

Everything that reads a journal file directly (the inspection, backups, encryption, the
engine's driver) goes through :func:`connect`, so a plain and an encrypted file are
opened, keyed and refused the same way everywhere.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from pmo_journal.core.validation import JournalError

SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE_ENV = "PMO_JOURNAL_PASSPHRASE"
# Telling a damaged plain file from an encrypted one (see header_damaged).
PAGE_SIZES = tuple(512 << shift for shift in range(8))  # 512 … 65536 bytes
PAGE_KINDS = frozenset({0x00, 0x02, 0x05, 0x0A, 0x0D})
PLAIN_PAGE_SHARE = 0.9
MIN_PAGES_SEEN = 3
SAMPLE_BYTES = 1 << 20


class PassphraseRequired(JournalError):
    """The journal file is encrypted and no passphrase was given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is encrypted; give its passphrase (prompt or {PASSPHRASE_ENV}).")


class WrongPassphrase(JournalError):
    """The passphrase does not open the file (or the file is not a journal at all)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The passphrase does not open {path} (or it is not a journal file); "
            "nothing was changed."
        )


class PassphraseOpensBackup(WrongPassphrase):
    """The passphrase opens a backup of the journal but not the journal: either it is not
    the journal's passphrase, or the journal's first bytes (its key's salt) are damaged."""

    def __init__(self, path: Path, backup: Path) -> None:
        self.path = path
        self.backup = backup
        # The app shows this half; the command line adds how to restore.
        self.told = (
            f"That passphrase does not open {path.name}, yet it opens its backup "
            f"{backup.name}: if it is the right one, the start of the journal is damaged"
        )
        JournalError.__init__(
            self,
            f"{self.told}; restore that backup with: pmo-journal restore --db {path} {backup}.",
        )


def sqlcipher() -> Any:
    """The ``sqlcipher3`` module, or a clear error where it isn't installed."""
    try:
        import sqlcipher3
    except ImportError:
        raise JournalError(
            "Encryption needs SQLCipher (the sqlcipher3 package), which is not installed "
            "for this platform."
        ) from None
    return sqlcipher3


def database_errors() -> tuple[type[Exception], ...]:
    """The DatabaseError classes of both drivers (sqlcipher3 has its own)."""
    try:
        import sqlcipher3
    except ImportError:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, sqlcipher3.DatabaseError)


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _pages_look_plain(sample: bytes) -> bool:
    """Whether the pages after the first start as plain SQLite pages do, at some page size.

    A plain page starts with its kind (interior or leaf, of a table or an index) or, for
    free and overflow pages, the high byte of a page number: 0. In an encrypted file every
    byte is noise, so at most a few pages in a hundred start that way.
    """
    for size in PAGE_SIZES:
        starts = sample[size::size]
        if len(starts) >= MIN_PAGES_SEEN:
            plain = sum(1 for byte in starts if byte in PAGE_KINDS)
            if plain >= len(starts) * PLAIN_PAGE_SHARE:
                return True
    return False


def header_damaged(path: Path) -> bool:
    """True for a plain journal whose first bytes are broken: not SQLite's header, yet
    plain pages after it. Such a file is damaged, not encrypted."""
    if not path.is_file() or path.stat().st_size == 0 or has_sqlite_header(path):
        return False
    with path.open("rb") as handle:
        return _pages_look_plain(handle.read(SAMPLE_BYTES))


def is_encrypted(path: Path) -> bool:
    """True for a file that looks like an SQLCipher database: whole pages, no plain header,
    and none of a plain database's structure after it."""
    if not path.is_file():
        return False
    size = path.stat().st_size
    return size > 0 and size % 512 == 0 and not has_sqlite_header(path) and not header_damaged(path)


def quoted(passphrase: str) -> str:
    """``passphrase`` as an SQL string literal."""
    return "'" + passphrase.replace("'", "''") + "'"


def key_connection(connection: Any, passphrase: str) -> None:
    """Apply ``passphrase`` to a fresh sqlcipher3 connection, quietly."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {quoted(passphrase)}")


def _damage_under_key(connection: Any, path: Path) -> str | None:
    """Why a keyed file won't open when the key is right but some pages are damaged.

    With a wrong passphrase every page fails SQLCipher's check; with the right one over a
    damaged file only the damaged pages do. ``None`` when all fail (a wrong passphrase, or
    damage to the first bytes, which hold the key's salt: the two can't be told apart).
    """
    try:
        failed = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        size = int(connection.execute("PRAGMA cipher_page_size").fetchone()[0])
    except Exception:
        return None
    pages = -(-path.stat().st_size // size)
    if not failed or len(failed) >= pages:
        return None
    return f"database disk image is malformed: {len(failed)} of its {pages} pages fail their check"


def connect(path: Path, *, passphrase: str | None = None, read_only: bool = False) -> Any:
    """A DB-API connection on ``path``: plain sqlite3, or sqlcipher3 when a passphrase is given.

    Raises :class:`PassphraseRequired` for an encrypted file opened without one and
    :class:`WrongPassphrase` when the key does not open it. ``read_only`` forbids every
    write on the connection (``query_only``; not ``mode=ro``, which leaves empty
    ``-wal``/``-shm`` files behind where a normal connection removes them when it closes).
    """
    if passphrase is None:
        if is_encrypted(path):
            raise PassphraseRequired(path)
        connection: Any = sqlite3.connect(path, check_same_thread=False)
    else:
        sqlcipher3 = sqlcipher()
        connection = sqlcipher3.connect(str(path), check_same_thread=False)
        key_connection(connection, passphrase)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            damage = _damage_under_key(connection, path)
            connection.close()
            if damage is not None:
                raise sqlcipher3.DatabaseError(damage) from None
            raise WrongPassphrase(path) from None
    if read_only:
        connection.execute("PRAGMA query_only = ON")
    return connection
