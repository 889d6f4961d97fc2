"""Encryption at rest with SQLCipher: encrypting, decrypting and re-keying journal files.

No cryptography is written here: SQLCipher does it, through ``sqlcipher3``. A file is
converted by ``sqlcipher_export`` into a new file next to it, the new file is verified
with the target key, and only then atomically replaces the original, so a failure at
any step leaves the original as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmo_journal.core.storage.connect import (
    WrongPassphrase,
    connect,
    database_errors,
    has_sqlite_header,
    is_encrypted,
    key_connection,
    quoted,
    sqlcipher,
)
from pmo_journal.core.validation import JournalError, one_line

_NO_KEY = object()


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


def export_verified(source: Path, partial: Path, *, old: str | None, new: str | None) -> None:
    """Write ``source`` (key ``old``) into the new file ``partial`` with key ``new``, verified.

    ``None`` means plain. On any failure ``partial`` is removed and the source is untouched.
    """
    partial.unlink(missing_ok=True)
    try:
        _export(source, partial, old=old, new=new)
        before = connect(source, passphrase=old)
        try:
            after = connect(partial, passphrase=new)
            try:
                integrity = after.execute("PRAGMA integrity_check").fetchone()[0]
                if integrity != "ok" or _fingerprint(before) != _fingerprint(after):
                    raise JournalError(
                        f"The converted copy of {source.name} did not verify; nothing was changed."
                    )
            finally:
                after.close()
        finally:
            before.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
    except database_errors() as exc:
        partial.unlink(missing_ok=True)
        raise JournalError(f"{source.name} could not be converted ({one_line(exc)}).") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def convert_file(path: Path, *, old: str | None, new: str | None) -> None:
    """Re-write ``path`` from key ``old`` to key ``new`` (``None`` = plain), all or nothing."""
    partial = path.with_name(path.name + ".converting")
    export_verified(path, partial, old=old, new=new)
    try:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def opens_with(path: Path, passphrase: str | None) -> bool:
    """Whether ``passphrase`` (``None``: no key, a plain file) opens ``path``."""
    if passphrase is None:
        return has_sqlite_header(path)
    if has_sqlite_header(path):
        return False
    unreadable: tuple[type[Exception], ...] = (JournalError, *database_errors())
    try:
        connect(path, passphrase=passphrase).close()
    except unreadable:
        return False
    return True


@dataclass(frozen=True)
class Conversion:
    """What encrypting, decrypting or re-keying did to the journal's copies.

    ``converted`` counts the backups and set-aside copies converted; ``left`` names those
    that could not be (damaged, or locked with yet another passphrase), with why.
    """

    converted: int
    left: tuple[tuple[Path, str], ...] = ()


def _convert_copy(copy: Path, *, olds: tuple[str | None, ...], new: str | None) -> str | None:
    """Convert one copy to key ``new``: ``None`` when done, else why it was left as it was."""
    old = next((key for key in olds if opens_with(copy, key)), _NO_KEY)
    if old is _NO_KEY:
        return "it opens with neither passphrase, so it was left as it was"
    try:
        convert_file(copy, old=old, new=new)  # type: ignore[arg-type]
    except JournalError as exc:
        return str(exc).rstrip(".")
    return None


def convert_journal_files(
    path: Path, *, olds: tuple[str | None, ...], new: str | None
) -> Conversion:
    """Convert every copy of the journal, then the journal itself, to key ``new``.

    ``olds`` are the keys a file may have now (the first is the journal's). The journal
    goes last, so a run that is interrupted (even by kill -9) leaves the journal in its old
    state, and running the command again finishes the rest: a copy that already opens with
    ``new`` is skipped.
    """
    from pmo_journal.core.storage.journal_files import database_copies, remove_leftovers

    remove_leftovers(path)
    converted, left = 0, []
    for copy in database_copies(path):
        if opens_with(copy, new):
            continue
        problem = _convert_copy(copy, olds=olds, new=new)
        if problem is None:
            converted += 1
        else:
            left.append((copy, problem))
    if not opens_with(path, new):
        convert_file(path, old=olds[0], new=new)
    return Conversion(converted, tuple(left))


def encrypt_journal(path: Path, *, passphrase: str) -> Conversion:
    """Encrypt a plain journal and every copy of it (backups, set-aside files).

    On a journal that is already encrypted with ``passphrase`` it finishes the copies an
    interrupted run left in plain text, and refuses when there are none.
    """
    from pmo_journal.core.storage.journal_files import journal_file, plaintext_files
    from pmo_journal.core.storage.journal_lock import exclusive_use

    path = journal_file(path)
    if not passphrase:
        raise JournalError("The passphrase can't be empty; nothing was changed.")
    with exclusive_use(path, command="encrypt"):
        if is_encrypted(path):
            if not plaintext_files(path):
                raise JournalError(
                    f"{path} is already encrypted; use --rekey to change the passphrase."
                )
            connect(path, passphrase=passphrase).close()
        return convert_journal_files(path, olds=(None,), new=passphrase)


def decrypt_journal(path: Path, *, passphrase: str) -> Conversion:
    """Decrypt an encrypted journal and every copy of it."""
    from pmo_journal.core.storage.journal_files import journal_file
    from pmo_journal.core.storage.journal_lock import exclusive_use

    path = journal_file(path)
    with exclusive_use(path, command="decrypt"):
        if not is_encrypted(path):
            raise JournalError(f"{path} is not encrypted.")
        connect(path, passphrase=passphrase).close()
        return convert_journal_files(path, olds=(passphrase,), new=None)


def change_passphrase(path: Path, *, old: str, new: str) -> Conversion:
    """Re-key an encrypted journal and every copy of it from ``old`` to ``new``.

    Plain copies (left by an interrupted encrypt) are encrypted with ``new`` on the way.
    """
    from pmo_journal.core.storage.journal_files import journal_file
    from pmo_journal.core.storage.journal_lock import exclusive_use

    path = journal_file(path)
    if not new:
        raise JournalError("The new passphrase can't be empty; nothing was changed.")
    if new == old:
        raise JournalError("The new passphrase is the same as the old one; nothing was changed.")
    with exclusive_use(path, command="encrypt --rekey"):
        if not is_encrypted(path):
            raise JournalError(f"{path} is not encrypted; use encrypt first.")
        connect(path, passphrase=old).close()
        return convert_journal_files(path, olds=(old, None), new=new)
