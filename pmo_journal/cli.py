"""The command line: parses arguments and runs the headless commands.

Every command exits 0 on success, or 1 with one clear line on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

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


def demo_years(value: str) -> int:
    """An argparse type: how many years a demo journal spans."""
    from pmo_journal.core.demo import MAX_YEARS

    if not value.isdigit() or not 1 <= int(value) <= MAX_YEARS:
        raise argparse.ArgumentTypeError(f"give a whole number of years from 1 to {MAX_YEARS}")
    return int(value)


def cmd_demo(args: argparse.Namespace) -> int:
    from pmo_journal.core.demo import build_demo_journal

    path = _db_path(args)
    counts = build_demo_journal(path, seed=args.seed, years=args.years, today=args.today)
    print(
        f"Wrote a {args.years}-year sample journal to {path}: "
        f"{counts.mentor_sessions} mentor sessions, {counts.action_items} action items, "
        f"{counts.helper_assignments} helper assignments, "
        f"{counts.skill_reflections} skill reflections, {counts.people} people, "
        f"{counts.career_goals} career goals, {counts.pdu_claims} PDU claims."
    )
    return 0


def _restore_advice(path: Path) -> str:
    from pmo_journal.core.backup import newest_good_backup

    backup = newest_good_backup(path)
    if backup is None:
        return "there is no good backup to restore"
    return f"restore the newest good backup with: pmo-journal restore --db {path} {backup}"


def _check_encrypted(path: Path) -> int:
    with _open_existing_path(path) as journal:
        report = journal.check()
    if report.integrity != "ok":
        raise CommandFailed(f"{path} is damaged ({report.integrity}); {_restore_advice(path)}.")
    entries = sum(
        report.counts[t] for t in ("mentorsession", "helperassignment", "skillreflection")
    )
    print(f"{path}: ok — encrypted, schema {report.revision}, {entries} entries.")
    return 0


def _refuse_plaintext_copies(path: Path) -> None:
    """An encrypted journal whose copies can be read without the passphrase is not ok."""
    from pmo_journal.core.journal_files import plaintext_files

    readable = plaintext_files(path)
    if readable:
        shown = ", ".join(p.name for p in readable[:3]) + (", …" if len(readable) > 3 else "")
        raise CommandFailed(
            f"{path} is encrypted, but {len(readable)} of its files can be read without the "
            f"passphrase ({shown}); encrypt them with: pmo-journal encrypt --db {path}"
        )


def cmd_check(args: argparse.Namespace) -> int:
    from pmo_journal.core.encryption import is_encrypted
    from pmo_journal.core.inspection import UnreadableJournal, describe_problems, inspect_journal

    path = _db_path(args)
    if path.is_file() and is_encrypted(path):
        _refuse_plaintext_copies(path)
        return _check_encrypted(path)
    try:
        found = inspect_journal(path)
    except UnreadableJournal as exc:
        raise CommandFailed(f"{str(exc).rstrip('.')}; {_restore_advice(path)}.") from None
    if not found.ok:
        raise CommandFailed(
            f"{found.path} has problems: {describe_problems(found)}; {_restore_advice(path)}."
        )
    schema = (
        f"schema {found.revision} (older; the app upgrades it, after a backup, when it opens it)"
        if found.upgrade_needed
        else f"schema {found.revision} (current)"
    )
    print(
        f"{found.path}: ok — {schema}, {found.entries} entries, "
        f"{found.counts.get('person', 0)} people, {found.counts.get('skill', 0)} skills."
    )
    return 0


class _Parser(argparse.ArgumentParser):
    """Tells a usage mistake in one line (argparse would print the whole usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def cmd_report(args: argparse.Namespace) -> int:
    from pmo_journal.report.command import run_report_command

    return run_report_command(args, db_path=_db_path(args))


def _open_existing(args: argparse.Namespace) -> Journal:
    """The journal named by ``--db``, which must already exist (asks for a passphrase)."""
    return _open_existing_path(_db_path(args))


def _open_existing_path(path: Path) -> Journal:
    from pmo_journal.safety_commands import open_journal

    return open_journal(path)


def cmd_pdus(args: argparse.Namespace) -> int:
    from pmo_journal.core.pdu_text import ledger_text, parse_cycle_start

    start = parse_cycle_start(args.cycle)
    with _open_existing(args) as journal:
        print(ledger_text(journal, start=start))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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

    demo = add("demo", cmd_demo, "fill a new journal with a realistic sample")
    demo.add_argument("--seed", type=int, default=7, help="same seed, same journal (default 7)")
    demo.add_argument(
        "--years", type=demo_years, default=2, metavar="N", help="years it spans (default 2)"
    )
    demo.add_argument(
        "--today", type=iso_date, metavar="DATE", help="end the sample on DATE, not today"
    )
    add("check", cmd_check, "check the journal's integrity and schema revision")
    from pmo_journal.report.command import add_arguments as add_report_arguments

    add_report_arguments(add("report", cmd_report, "write the progress report as a PDF"))
    pdus = add("pdus", cmd_pdus, "PDU totals, caps applied and what is still needed")
    pdus.add_argument("--cycle", metavar="START", help="the cycle starting on START (ISO date)")
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
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other command-line tools do.
        with contextlib.suppress(OSError, ValueError):  # nor the flush at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        print(
            f"pmo-journal: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
    except Exception as exc:
        if os.environ.get("PMO_JOURNAL_DEBUG"):
            raise
        first_line = (str(exc).strip().splitlines() or [""])[0]
        print(f"pmo-journal: unexpected {type(exc).__name__}: {first_line}", file=sys.stderr)
        return 1


def parse(argv: Sequence[str]) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))
