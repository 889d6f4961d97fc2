"""``backup``, ``restore``, ``encrypt`` and ``decrypt``: keeping the journal's data safe."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pmo_journal.cli.arguments import Add, db_path
from pmo_journal.cli.opening import NEW_PASSPHRASE_ENV, new_passphrase, open_journal, passphrase_for

if TYPE_CHECKING:
    from pmo_journal.core.storage.encryption import Conversion


def cmd_backup(args: argparse.Namespace) -> int:
    from pmo_journal.core.services.backups import back_up_now

    path = db_path(args)
    folder = Path(args.to).expanduser() if args.to else None
    with open_journal(path, auto_backup=False) as journal:
        target = back_up_now(journal, folder=folder).value
    print(f"Backed up {path.name} to {target} (verified).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pmo_journal.core.storage.backup import restore_backup
    from pmo_journal.core.storage.connect import is_encrypted
    from pmo_journal.core.storage.journal_lock import exclusive_use

    path = db_path(args)
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


def _converted(conversion: Conversion) -> str:
    """The end of an encrypt/decrypt line: how many copies, and any left as they were."""
    for copy, why in conversion.left:
        print(f"  left as it was: {copy.name} ({why})")
    return f"{conversion.converted} backup(s) and set-aside copies"


def _finish_encryption(path: Path) -> int:
    """An encrypted journal with plain-text copies beside it (an interrupted encrypt)."""
    from pmo_journal.core.storage.encryption import encrypt_journal

    passphrase = passphrase_for(path)
    assert passphrase is not None
    conversion = encrypt_journal(path, passphrase=passphrase)
    print(
        f"{path.name} was already encrypted; encrypted {_converted(conversion)} left in plain text."
    )
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from pmo_journal.core.storage.connect import is_encrypted
    from pmo_journal.core.storage.encryption import change_passphrase, encrypt_journal
    from pmo_journal.core.storage.journal_files import plaintext_files
    from pmo_journal.core.storage.journal_lock import exclusive_use
    from pmo_journal.core.validation import JournalError

    path = db_path(args)
    if not path.exists():
        raise JournalError(f"There is no journal at {path}.")
    with exclusive_use(path, command="encrypt"):
        if is_encrypted(path) and args.rekey:
            old = passphrase_for(path)
            assert old is not None
            conversion = change_passphrase(
                path, old=old, new=new_passphrase("New passphrase: ", env=NEW_PASSPHRASE_ENV)
            )
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
        conversion = encrypt_journal(path, passphrase=new_passphrase("Passphrase: "))
    print(
        f"Encrypted {path.name} and {_converted(conversion)}. Keep the passphrase safe: "
        "it can't be recovered."
    )
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from pmo_journal.core.storage.connect import is_encrypted
    from pmo_journal.core.storage.encryption import decrypt_journal
    from pmo_journal.core.storage.journal_lock import exclusive_use
    from pmo_journal.core.validation import JournalError

    path = db_path(args)
    with exclusive_use(path, command="decrypt"):
        if not is_encrypted(path):
            raise JournalError(f"{path} is not encrypted.")
        passphrase = passphrase_for(path)
        assert passphrase is not None
        conversion = decrypt_journal(path, passphrase=passphrase)
    print(f"Decrypted {path.name} and {_converted(conversion)}.")
    return 0


def register(add: Add) -> None:
    """Add ``backup``, ``restore``, ``encrypt`` and ``decrypt`` to the parser."""
    sub = add("backup", cmd_backup, "take a verified backup of the journal")
    sub.add_argument("--to", metavar="DIR", help="folder for the backup (default: backups/)")
    sub = add("restore", cmd_restore, "replace the journal with a backup (backs up first)")
    sub.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    sub = add("encrypt", cmd_encrypt, "encrypt the journal and its backups with a passphrase")
    sub.add_argument(
        "--rekey", action="store_true", help="change the passphrase of an encrypted journal"
    )
    add("decrypt", cmd_decrypt, "remove the encryption from the journal and its backups")
