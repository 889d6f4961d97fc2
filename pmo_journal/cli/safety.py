"""``backup``, ``restore``, ``encrypt`` and ``decrypt``: keeping the journal's data safe."""

from __future__ import annotations

import argparse
from pathlib import Path

from pmo_journal.cli.arguments import Add, db_path
from pmo_journal.cli.opening import new_passphrase, open_journal, passphrase_for


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

    path = db_path(args)
    backup = Path(args.backup).expanduser()
    from pmo_journal.core.storage.connect import is_encrypted

    passphrase = passphrase_for(backup) if is_encrypted(backup) else None
    safety = restore_backup(path, backup, passphrase=passphrase)
    kept = f"; the previous journal was backed up to {safety}" if safety else ""
    print(f"Restored {path.name} from {backup.name}{kept}.")
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from pmo_journal.core.storage.connect import is_encrypted
    from pmo_journal.core.storage.encryption import change_passphrase, encrypt_journal

    path = db_path(args)
    if not path.exists():
        from pmo_journal.core.validation import JournalError

        raise JournalError(f"There is no journal at {path}.")
    if is_encrypted(path):
        if not args.rekey:
            from pmo_journal.core.validation import JournalError

            raise JournalError(
                f"{path} is already encrypted; use `encrypt --rekey` to change the passphrase."
            )
        old = passphrase_for(path)
        assert old is not None
        count = change_passphrase(path, old=old, new=new_passphrase("New passphrase: "))
        print(f"Changed the passphrase of {path.name} and {count} backup(s).")
        return 0
    # Opening checks and upgrades the journal before it is converted.
    open_journal(path, auto_backup=False).close()
    count = encrypt_journal(path, passphrase=new_passphrase("Passphrase: "))
    print(
        f"Encrypted {path.name} and {count} backup(s). Keep the passphrase safe: it can't be "
        "recovered."
    )
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from pmo_journal.core.storage.connect import is_encrypted
    from pmo_journal.core.storage.encryption import decrypt_journal
    from pmo_journal.core.validation import JournalError

    path = db_path(args)
    if not is_encrypted(path):
        raise JournalError(f"{path} is not encrypted.")
    passphrase = passphrase_for(path)
    assert passphrase is not None
    count = decrypt_journal(path, passphrase=passphrase)
    print(f"Decrypted {path.name} and {count} backup(s).")
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
