"""Encryption at rest with SQLCipher: opening, encrypting, decrypting and re-keying files.

No cryptography is written here: SQLCipher does it, through ``sqlcipher3``. A file is
converted by ``sqlcipher_export`` into a new file next to it, the new file is verified
with the target key, and only then atomically replaces the original, so a failure at
any step leaves the original as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmo_journal.core.validation import JournalError

SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE_ENV = "PMO_JOURNAL_PASSPHRASE"


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


def is_encrypted(path: Path) -> bool:
    """True for a file that looks like an SQLCipher database: whole pages, no plain header."""
    if not path.exists():
        return False
    size = path.stat().st_size
    return size > 0 and size % 512 == 0 and not has_sqlite_header(path)


def _quoted(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def key_connection(connection: Any, passphrase: str) -> None:
    """Apply ``passphrase`` to a fresh sqlcipher3 connection, quietly."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {_quoted(passphrase)}")


def connect(path: Path, *, passphrase: str | None = None) -> Any:
    """A DB-API connection on ``path``: plain sqlite3, or sqlcipher3 when a passphrase is given.

    Raises :class:`PassphraseRequired` for an encrypted file opened without one and
    :class:`WrongPassphrase` when the key does not open it.
    """
    if passphrase is None:
        if is_encrypted(path):
            raise PassphraseRequired(path)
        return sqlite3.connect(path, check_same_thread=False)
    sqlcipher3 = sqlcipher()
    connection = sqlcipher3.connect(str(path), check_same_thread=False)
    key_connection(connection, passphrase)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        connection.close()
        raise WrongPassphrase(path) from None
    return connection


def _export(source: Path, target: Path, *, old: str | None, new: str | None) -> None:
    sqlcipher3 = sqlcipher()
    connection = sqlcipher3.connect(str(source))
    try:
        if old is not None:
            key_connection(connection, old)
        else:
            connection.execute("PRAGMA cipher_log_level = NONE")
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise WrongPassphrase(source) from None
        # Fold the WAL into the file so the export sees every committed page.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute(
            f"ATTACH DATABASE ? AS converted KEY {_quoted(new or '')}", (str(target),)
        )
        connection.execute("SELECT sqlcipher_export('converted')")
        connection.execute("DETACH DATABASE converted")
    finally:
        connection.close()


def _fingerprint(connection: Any) -> list[tuple[str, int]]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'entry_fts%' ORDER BY name"
        )
    ]
    return [(t, connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables]


def convert_file(path: Path, *, old: str | None, new: str | None) -> None:
    """Re-write ``path`` from key ``old`` to key ``new`` (``None`` = plain), all or nothing."""
    partial = path.with_name(path.name + ".converting")
    partial.unlink(missing_ok=True)
    try:
        _export(path, partial, old=old, new=new)
        before = connect(path, passphrase=old)
        after = connect(partial, passphrase=new)
        try:
            integrity = after.execute("PRAGMA integrity_check").fetchone()[0]
            if integrity != "ok" or _fingerprint(before) != _fingerprint(after):
                raise JournalError(
                    f"The converted copy of {path.name} did not verify; nothing was changed."
                )
        finally:
            before.close()
            after.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _convert_journal_and_backups(
    path: Path, *, old: str | None, new: str | None, wanted: Callable[[Path], bool]
) -> int:
    """Convert the journal, then every backup of it (so no backup stays readable in the clear)."""
    from pmo_journal.core.storage.backup import list_backup_files

    convert_file(path, old=old, new=new)
    converted = 0
    for backup in list_backup_files(path):
        if wanted(backup):
            convert_file(backup, old=old, new=new)
            converted += 1
    return converted


def encrypt_journal(path: Path, *, passphrase: str) -> int:
    """Encrypt a plain journal and its backups; returns how many backups were converted."""
    if not passphrase:
        raise JournalError("The passphrase can't be empty.")
    if is_encrypted(path):
        raise JournalError(f"{path} is already encrypted; use --rekey to change the passphrase.")
    return _convert_journal_and_backups(
        path, old=None, new=passphrase, wanted=lambda b: not is_encrypted(b)
    )


def decrypt_journal(path: Path, *, passphrase: str) -> int:
    """Decrypt an encrypted journal and its backups; returns how many backups were converted."""
    if not is_encrypted(path):
        raise JournalError(f"{path} is not encrypted.")
    connect(path, passphrase=passphrase).close()
    return _convert_journal_and_backups(
        path, old=passphrase, new=None, wanted=lambda b: is_encrypted(b)
    )


def change_passphrase(path: Path, *, old: str, new: str) -> int:
    """Re-key an encrypted journal and its backups from ``old`` to ``new``."""
    if not new:
        raise JournalError("The new passphrase can't be empty.")
    if not is_encrypted(path):
        raise JournalError(f"{path} is not encrypted; use encrypt first.")
    connect(path, passphrase=old).close()

    def opens_with_old(backup: Path) -> bool:
        try:
            connect(backup, passphrase=old).close()
        except JournalError:
            return False
        return True

    return _convert_journal_and_backups(path, old=old, new=new, wanted=opens_with_old)
