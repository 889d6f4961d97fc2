"""The command-line side of keeping data safe: backup, restore, encrypt, decrypt, export, import."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmo_journal.core.db import Journal
    from pmo_journal.core.encryption import Conversion

Handler = Callable[[argparse.Namespace], int]
NEW_PASSPHRASE_ENV = "PMO_JOURNAL_NEW_PASSPHRASE"
Add = Callable[[str, Handler, str], argparse.ArgumentParser]


def _journal_path(args: argparse.Namespace) -> Path:
    from pmo_journal.cli import _db_path

    return _db_path(args)


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        from pmo_journal.core.encryption import PASSPHRASE_ENV
        from pmo_journal.core.validation import JournalError

        raise JournalError(f"No passphrase: set {PASSPHRASE_ENV} or run in a terminal.")
    return getpass.getpass(prompt)


def passphrase_for(path: Path) -> str | None:
    """The passphrase for an encrypted journal (environment or prompt); ``None`` if plain."""
    from pmo_journal.core.encryption import PASSPHRASE_ENV, is_encrypted

    if not is_encrypted(path):
        return None
    return os.environ.get(PASSPHRASE_ENV) or _ask(f"Passphrase for {path.name}: ")


def _new_passphrase(prompt: str, *, env: str | None = None) -> str:
    """A new passphrase: from ``env`` when it is set (even to nothing), else asked twice."""
    from pmo_journal.core.encryption import PASSPHRASE_ENV
    from pmo_journal.core.validation import JournalError

    env = env or PASSPHRASE_ENV
    if env in os.environ:
        return os.environ[env]
    first = _ask(prompt)
    if _ask("Repeat it: ") != first:
        raise JournalError("The two passphrases differ; nothing was changed.")
    return first


def _rekey_passphrase() -> str:
    """The new passphrase of ``encrypt --rekey``: never the old one's variable by mistake."""
    return _new_passphrase("New passphrase: ", env=NEW_PASSPHRASE_ENV)


def open_journal(path: Path, *, create: bool = False, auto_backup: bool = True) -> Journal:
    """Open a journal for a headless command, asking for its passphrase if it is encrypted."""
    from pmo_journal.core.db import Journal

    if not create and not path.exists():
        from pmo_journal.core.validation import JournalError

        raise JournalError(f"There is no journal at {path}.")
    return Journal.open(
        path, create=create, passphrase=passphrase_for(path), auto_backup=auto_backup
    )


# --------------------------------------------------------------------------- backups


def cmd_backup(args: argparse.Namespace) -> int:
    from pmo_journal.core.backup import backup_journal, rotate_backups

    path = _journal_path(args)
    with open_journal(path, auto_backup=False) as journal:
        passphrase = journal.passphrase
    folder = Path(args.to).expanduser() if args.to else None
    if folder is not None and not folder.is_dir():
        from pmo_journal.core.validation import JournalError

        raise JournalError(f"The folder {folder} does not exist.")
    target = backup_journal(path, passphrase=passphrase, folder=folder)
    if folder is None:
        rotate_backups(path)
    print(f"Backed up {path.name} to {target} (verified).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pmo_journal.core.backup import restore_backup
    from pmo_journal.core.encryption import is_encrypted
    from pmo_journal.core.journal_lock import exclusive_use

    path = _journal_path(args)
    backup = Path(args.backup).expanduser()
    with exclusive_use(path, command="restore"):
        # The journal's passphrase is asked for before it is replaced: restoring over an
        # encrypted journal needs it as much as opening it does.
        passphrase = passphrase_for(path) if path.exists() else None
        backup_passphrase = passphrase
        if backup.is_file() and is_encrypted(backup) and passphrase is None:
            backup_passphrase = passphrase_for(backup)
        safety = restore_backup(
            path, backup, passphrase=passphrase, backup_passphrase=backup_passphrase
        )
    kept = f"; the previous journal was backed up to {safety}" if safety else ""
    print(f"Restored {path.name} from {backup.name}{kept}.")
    return 0


# --------------------------------------------------------------------------- encryption


def _converted(conversion: Conversion) -> str:
    """The end of an encrypt/decrypt line: how many copies, and any left as they were."""
    for copy, why in conversion.left:
        print(f"  left as it was: {copy.name} ({why})")
    return f"{conversion.converted} backup(s) and set-aside copies"


def _finish_encryption(path: Path) -> int:
    """An encrypted journal with plain-text copies beside it (an interrupted encrypt)."""
    from pmo_journal.core.encryption import encrypt_journal

    passphrase = passphrase_for(path)
    assert passphrase is not None
    conversion = encrypt_journal(path, passphrase=passphrase)
    print(
        f"{path.name} was already encrypted; encrypted {_converted(conversion)} left in plain text."
    )
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from pmo_journal.core.encryption import change_passphrase, encrypt_journal, is_encrypted
    from pmo_journal.core.journal_files import plaintext_files
    from pmo_journal.core.journal_lock import exclusive_use
    from pmo_journal.core.validation import JournalError

    path = _journal_path(args)
    if not path.exists():
        raise JournalError(f"There is no journal at {path}.")
    with exclusive_use(path, command="encrypt"):
        if is_encrypted(path) and args.rekey:
            old = passphrase_for(path)
            assert old is not None
            conversion = change_passphrase(path, old=old, new=_rekey_passphrase())
            print(f"Changed the passphrase of {path.name} and {_converted(conversion)}.")
            return 0
        if is_encrypted(path):
            if plaintext_files(path):
                return _finish_encryption(path)
            raise JournalError(
                f"{path} is already encrypted; use `encrypt --rekey` to change the passphrase."
            )
        if args.rekey:
            raise JournalError(f"{path} is not encrypted; use encrypt without --rekey first.")
        # Opening checks and upgrades the journal before it is converted.
        open_journal(path, auto_backup=False).close()
        conversion = encrypt_journal(path, passphrase=_new_passphrase("Passphrase: "))
    print(
        f"Encrypted {path.name} and {_converted(conversion)}. Keep the passphrase safe: "
        "it can't be recovered."
    )
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from pmo_journal.core.encryption import decrypt_journal, is_encrypted
    from pmo_journal.core.journal_lock import exclusive_use
    from pmo_journal.core.validation import JournalError

    path = _journal_path(args)
    with exclusive_use(path, command="decrypt"):
        if not is_encrypted(path):
            raise JournalError(f"{path} is not encrypted.")
        passphrase = passphrase_for(path)
        assert passphrase is not None
        conversion = decrypt_journal(path, passphrase=passphrase)
    print(f"Decrypted {path.name} and {_converted(conversion)}.")
    return 0


# --------------------------------------------------------------------------- export, import


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    options = {"include_private": args.include_private, "overwrite": args.force}
    with open_journal(_journal_path(args)) as journal:
        if args.format == "json":
            from pmo_journal.core.exchange.json_export import export_json

            counts = export_json(journal, out, **options)
            what = f"{sum(counts.values())} records"
        elif args.format == "csv":
            from pmo_journal.core.exchange.readable import export_csv

            what = f"{len(export_csv(journal, out, **options))} files"
        else:
            from pmo_journal.core.exchange.readable import export_markdown

            export_markdown(journal, out, **options)
            what = "one document"
    private = "" if args.include_private else " (private entries left out)"
    print(f"Exported {what} to {out}{private}.")
    return 0


def detect_format(raw: object) -> str:
    """json, jrnl or dayone, from the shape of a parsed file."""
    if isinstance(raw, dict):
        if "format" in raw:
            return "json"
        entries = raw.get("entries")
        if isinstance(entries, list) and entries and isinstance(entries[0], dict):
            return "dayone" if "creationDate" in entries[0] else "jrnl"
        if "metadata" in raw:
            return "dayone"
    return "json"


def cmd_import(args: argparse.Namespace) -> int:
    from pmo_journal.core.exchange.foreign import import_foreign
    from pmo_journal.core.exchange.json_import import (
        import_document,
        parse_document,
        read_json_bytes,
    )
    from pmo_journal.core.journal_lock import exclusive_use

    source = Path(args.file).expanduser()
    raw = read_json_bytes(source.read_bytes())
    kind = args.format or detect_format(raw)
    document = parse_document(raw) if kind == "json" else None
    path = _journal_path(args)
    new = not path.exists()
    with exclusive_use(path, command="import"):
        try:
            with open_journal(path, create=new) as journal:
                if document is not None:
                    summary = import_document(journal, document)
                else:
                    summary = import_foreign(journal, raw, app=kind)
        except BaseException:
            if new:  # a refused import into a new journal leaves no empty journal behind
                for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                    leftover.unlink(missing_ok=True)
            raise
    print(f"Imported {source.name}: {summary.describe()}.")
    for line in summary.not_imported:
        print(f"  not imported: {line}")
    return 0


def register(add: Add) -> None:
    """Add the data-safety subcommands to the parser."""
    sub = add("backup", cmd_backup, "take a verified backup of the journal")
    sub.add_argument("--to", metavar="DIR", help="folder for the backup (default: backups/)")
    sub = add("restore", cmd_restore, "replace the journal with a backup (backs up first)")
    sub.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    sub = add("encrypt", cmd_encrypt, "encrypt the journal and its backups with a passphrase")
    sub.add_argument(
        "--rekey", action="store_true", help="change the passphrase of an encrypted journal"
    )
    add("decrypt", cmd_decrypt, "remove the encryption from the journal and its backups")
    sub = add("export", cmd_export, "export the journal as JSON, CSV files or Markdown")
    sub.add_argument("--format", choices=("json", "csv", "markdown"), required=True)
    sub.add_argument("--out", metavar="PATH", required=True, help="file (a folder for csv)")
    sub.add_argument("--include-private", action="store_true", help="include private entries")
    sub.add_argument("--force", action="store_true", help="replace existing export files")
    sub = add("import", cmd_import, "merge an export (ours, jrnl or Day One) into the journal")
    sub.add_argument("file", metavar="FILE", help="the JSON file to import")
    sub.add_argument(
        "--format", choices=("json", "jrnl", "dayone"), help="default: recognised from the file"
    )
