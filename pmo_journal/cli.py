"""The command line: parses arguments and runs the headless commands.

Every command exits 0 on success, or 1 with one clear line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pmo_journal import __version__

if TYPE_CHECKING:
    from pmo_journal.core.db import Journal

Handler = Callable[[argparse.Namespace], int]


class CommandFailed(Exception):
    """A command's failure, told to the user in one line."""


def _db_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return Path(args.db).expanduser()
    from pmo_journal.core.db import default_journal_path

    path = default_journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _open_existing(args: argparse.Namespace) -> Journal:
    from pmo_journal.safety_commands import open_journal

    return open_journal(_db_path(args))


def cmd_check(args: argparse.Namespace) -> int:
    with _open_existing(args) as journal:
        report = journal.check()
    kinds = ("mentorsession", "helperassignment", "skillreflection")
    entries = sum(report.counts[table] for table in kinds)
    if report.integrity != "ok":
        raise CommandFailed(f"{report.path}: damaged: {report.integrity}")
    print(
        f"{report.path}: ok — schema {report.revision} (current), {entries} entries, "
        f"{report.counts['person']} people, {report.counts['skill']} skills."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pmo-journal",
        description="PMO Career Journal: log your path into a project management office.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="journal file (default: your data folder)")
    parser.add_argument(
        "--quit-after-load",
        action="store_true",
        help="start, show the main window with its data loaded, then exit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="journal file")
        sub.set_defaults(handler=handler)
        return sub

    add("check", cmd_check, "check the journal's integrity and schema revision")
    from pmo_journal import safety_commands

    safety_commands.register(add)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run a headless command; never lets a traceback reach the user."""
    from pmo_journal.core.validation import JournalError

    args = build_parser().parse_args(list(argv))
    try:
        return int(args.handler(args))
    except (JournalError, CommandFailed) as exc:
        print(f"pmo-journal: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pmo-journal: interrupted; the journal was left as it was.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(
            f"pmo-journal: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1


def parse(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))
