"""``sync``: one round with the folder the user's laptops share, its status and its conflicts."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from pmo_journal.cli.arguments import Add, db_path
from pmo_journal.cli.opening import open_journal


def _sealed(folder: Path) -> bool:
    from pmo_journal.core.sync.segments import MAGIC, data_files, read_header

    for found in data_files(folder):
        data = found.path.read_bytes()
        if data.startswith(MAGIC):
            return bool(read_header(data)[0].get("encrypted"))
    return False


def _create_from_folder(path: Path, folder: Path) -> None:
    """A new journal file that the round below fills from the folder (encrypted if it is)."""
    from pmo_journal.core.storage.connect import PASSPHRASE_ENV
    from pmo_journal.core.storage.db import Journal
    from pmo_journal.core.storage.encryption import encrypt_journal
    from pmo_journal.core.validation import JournalError

    if not folder.is_dir():
        raise JournalError(f"The sync folder {folder} does not exist.")
    passphrase = os.environ.get(PASSPHRASE_ENV) if _sealed(folder) else None
    if _sealed(folder) and not passphrase:
        raise JournalError(
            f"The folder holds encrypted changes: set {PASSPHRASE_ENV} to the passphrase your "
            "other laptops use."
        )
    Journal.open(path, auto_backup=False).close()
    if passphrase:
        encrypt_journal(path, passphrase=passphrase)


def cmd_sync(args: argparse.Namespace) -> int:
    from pmo_journal.core.validation import JournalError

    path = db_path(args)
    folder = Path(args.folder).expanduser() if args.folder else None
    if path.exists():
        return _sync(args, path, folder)
    if folder is None:
        raise JournalError(f"There is no journal at {path}; give --folder to make it from one.")
    _create_from_folder(path, folder)
    try:
        return _sync(args, path, folder)
    except BaseException:
        # A journal made for this round and refused by it is not left behind.
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise


def _sync(args: argparse.Namespace, path: Path, folder: Path | None) -> int:
    if args.status or args.conflicts:
        return _tell(args, path)
    from pmo_journal.core.storage.journal_lock import exclusive_use
    from pmo_journal.core.sync import sync_round

    with exclusive_use(path, command="sync"), open_journal(path) as journal:
        report = sync_round(journal, folder=folder, device_name=args.name)
        print(report.summary())
    return 0


def _tell(args: argparse.Namespace, path: Path) -> int:
    """``--status`` and ``--conflicts``: how sync stands, read without a round."""
    from pmo_journal.core.sync import laptop_names, list_conflicts, sync_settings

    with open_journal(path, auto_backup=False) as journal:
        settings = sync_settings(journal)
        if not settings.enabled:
            print("Sync is off for this journal (turn it on with --folder DIR).")
            return 0
        names = laptop_names(journal)
        if args.status:
            print(f"Folder: {settings.folder}")
            print(f"This laptop: {settings.device_name}")
            print(f"Laptops in the folder: {len(names) or 1}")
            print(f"Last synced: {settings.last_synced or 'never'}")
            print(f"Conflicts to resolve: {len(list_conflicts(journal))}")
        if args.conflicts:
            views = list_conflicts(journal, names=names)
            if not views:
                print("No conflicts.")
            for view in views:
                print(view.describe())
    return 0


def register(add: Add) -> None:
    sync = add(
        "sync",
        cmd_sync,
        "one sync round: publish this journal's changes to the shared folder, take in the others'",
    )
    sync.add_argument("--folder", metavar="DIR", help="the shared folder (remembered afterwards)")
    sync.add_argument("--name", metavar="NAME", help="this laptop's name, shown on the others")
    sync.add_argument("--status", action="store_true", help="say how sync stands; no round")
    sync.add_argument(
        "--conflicts", action="store_true", help="list the values that lost to an edit elsewhere"
    )
