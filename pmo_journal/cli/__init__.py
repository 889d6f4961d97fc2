"""The command line: builds the parser from each group of commands and runs the one asked for.

Every command exits 0 on success; 2 with one clear line on stderr when the command line
itself is wrong, 1 when the command could not be done.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from pmo_journal.cli import documents, exchange, journal, pdus, report, safety, sync
from pmo_journal.cli.arguments import CommandFailed, Handler, WrongValue, db_path, iso_date

__all__ = ["build_parser", "iso_date", "parse", "run"]


class _Parser(argparse.ArgumentParser):
    """Tells a usage mistake in one line (argparse would print the whole usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _VersionAction(argparse.Action):
    """``--version``: the versions of the app, SQLite and Qt (Qt is loaded only when asked)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        super().__init__(option_strings, argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> NoReturn:
        from pmo_journal.cli.version import versions_line

        print(versions_line())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pmo-journal",
        description="PMO Career Journal: log your path into a project management office.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="print the app's, SQLite's and Qt's versions"
    )
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

    for group in (journal, report, documents, pdus, safety, exchange, sync):
        group.register(add)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run a headless command; never lets a traceback reach the user."""
    from pmo_journal.core.validation import JournalError, message_line

    args = build_parser().parse_args(list(argv))
    try:
        return int(args.handler(args))
    except WrongValue as exc:
        command = f"pmo-journal {args.command}"
        print(f"{command}: {exc} (see {command} --help)", file=sys.stderr)
        return 2
    except (JournalError, CommandFailed) as exc:
        print(f"pmo-journal: {message_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pmo-journal: interrupted; the journal was left as it was.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other command-line tools do.
        with contextlib.suppress(OSError, ValueError):  # nor the flush at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        print(f"pmo-journal: {message_line(_os_failure(args, exc))}", file=sys.stderr)
        return 1
    except Exception:
        if os.environ.get("PMO_JOURNAL_DEBUG"):
            raise
        print(f"pmo-journal: {UNEXPECTED}", file=sys.stderr)
        return 1


def _os_failure(args: argparse.Namespace, exc: OSError) -> str:
    """What a refused write means for the journal: a read-only folder, a full disk, or else
    what the system said."""
    from pmo_journal.core.storage.access import access_problem
    from pmo_journal.core.storage.journal_files import journal_file

    problem = access_problem(journal_file(db_path(args)))
    if problem is not None:
        return f"{problem}; the journal was left as it was."
    return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")


UNEXPECTED = (
    "the command stopped on an error it did not expect, and the journal was left as it was "
    "(run it again with PMO_JOURNAL_DEBUG=1 to see where)."
)


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line (``command`` is ``None`` when the GUI should open)."""
    return build_parser().parse_args(list(argv))
