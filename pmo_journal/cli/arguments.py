"""What every command shares: its handler's shape, the ``--db`` path, date arguments and the
failure a command tells in one line."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

Handler = Callable[[argparse.Namespace], int]
Add = Callable[[str, Handler, str], argparse.ArgumentParser]


class CommandFailed(Exception):
    """A command's failure, told to the user in one line."""


class WrongValue(Exception):
    """A value the command line itself can tell is wrong (two dates the wrong way round, an
    output that is not a PDF): told in one line like argparse's own mistakes, exit 2."""


def db_path(args: argparse.Namespace) -> Path:
    """The journal file named by ``--db``, or the default one in the user's data folder."""
    if args.db is not None:
        return Path(args.db).expanduser()
    from pmo_journal.core.storage.db import default_journal_path

    path = default_journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def iso_date(value: str) -> dt.date:
    """An argparse type: a calendar date written YYYY-MM-DD."""
    try:
        if len(value) != len("2026-03-31"):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{value}” is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31"
        ) from None
