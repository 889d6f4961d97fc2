"""Opening the journal a command names, asking for its passphrase when it is encrypted."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pmo_journal.cli.arguments import db_path

if TYPE_CHECKING:
    from pmo_journal.core.storage.db import Journal


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        from pmo_journal.core.storage.connect import PASSPHRASE_ENV
        from pmo_journal.core.validation import JournalError

        raise JournalError(f"No passphrase: set {PASSPHRASE_ENV} or run in a terminal.")
    return getpass.getpass(prompt)


def passphrase_for(path: Path) -> str | None:
    """The passphrase for an encrypted journal (environment or prompt); ``None`` if plain."""
    from pmo_journal.core.storage.connect import PASSPHRASE_ENV, is_encrypted

    if not is_encrypted(path):
        return None
    return os.environ.get(PASSPHRASE_ENV) or _ask(f"Passphrase for {path.name}: ")


NEW_PASSPHRASE_ENV = "PMO_JOURNAL_NEW_PASSPHRASE"


def new_passphrase(prompt: str, *, env: str | None = None) -> str:
    """A new passphrase: from ``env`` when it is set (even to nothing), else asked twice.

    ``env`` defaults to the passphrase variable (for ``encrypt``); ``encrypt --rekey``
    passes :data:`NEW_PASSPHRASE_ENV`, so the old passphrase is never taken as the new one.
    """
    from pmo_journal.core.storage.connect import PASSPHRASE_ENV
    from pmo_journal.core.validation import JournalError

    env = env or PASSPHRASE_ENV
    if env in os.environ:
        return os.environ[env]
    first = _ask(prompt)
    if _ask("Repeat it: ") != first:
        raise JournalError("The two passphrases differ; nothing was changed.")
    return first


def open_journal(path: Path, *, create: bool = False, auto_backup: bool = True) -> Journal:
    """Open a journal for a headless command, asking for its passphrase if it is encrypted."""
    from pmo_journal.core.storage.db import Journal

    if not create and not path.exists():
        from pmo_journal.core.validation import JournalError

        raise JournalError(f"There is no journal at {path}.")
    journal = Journal.open(
        path, create=create, passphrase=passphrase_for(path), auto_backup=auto_backup
    )
    if journal.recovery_problem:
        print(f"pmo-journal: warning: {journal.recovery_problem}.", file=sys.stderr)
    return journal


def open_existing(args: argparse.Namespace) -> Journal:
    """The journal named by ``--db``, which must already exist (asks for a passphrase)."""
    return open_journal(db_path(args))
