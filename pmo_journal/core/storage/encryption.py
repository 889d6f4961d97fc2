"""Encryption at rest with SQLCipher: encrypting, decrypting and re-keying journal files.

No cryptography is written here: SQLCipher does it, through ``sqlcipher3``. A file is
converted by ``sqlcipher_export`` into a new file next to it, the new file is verified
with the target key, and only then atomically replaces the original, so a failure at
any step leaves the original as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmo_journal.core.storage.connect import (
    WrongPassphrase,
    connect,
    is_encrypted,
    key_connection,
    quoted,
    sqlcipher,
)
from pmo_journal.core.validation import JournalError


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
            f"ATTACH DATABASE ? AS converted KEY {quoted(new or '')}", (str(target),)
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
