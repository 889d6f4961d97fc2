"""``demo`` and ``check``: make a sample journal, and check a journal's health."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pmo_journal.cli.arguments import Add, CommandFailed, db_path, iso_date
from pmo_journal.cli.opening import passphrase_for


def demo_years(value: str) -> int:
    """An argparse type: how many years a demo journal spans."""
    from pmo_journal.core.demo.build import MAX_YEARS

    if not value.isdigit() or not 1 <= int(value) <= MAX_YEARS:
        raise argparse.ArgumentTypeError(f"give a whole number of years from 1 to {MAX_YEARS}")
    return int(value)


DEMO_NEEDS_DB = (
    "pmo-journal demo: --db PATH is needed: the sample goes into a new journal file, "
    "never into your own journal (see pmo-journal demo --help)"
)


def cmd_demo(args: argparse.Namespace) -> int:
    from pmo_journal.core.demo.build import build_demo_journal

    if getattr(args, "db", None) is None:
        # A usage mistake like any other bad value: exit 2, and nothing is touched.
        print(DEMO_NEEDS_DB, file=sys.stderr)
        return 2
    path = db_path(args)
    counts = build_demo_journal(path, seed=args.seed, years=args.years, today=args.today)
    print(
        f"Wrote a {args.years}-year sample journal to {path}: "
        f"{counts.mentor_sessions} mentor sessions, {counts.action_items} action items, "
        f"{counts.helper_assignments} helper assignments, "
        f"{counts.skill_reflections} skill reflections, {counts.people} people, "
        f"{counts.career_goals} career goals, {counts.pdu_claims} PDU claims."
    )
    return 0


def _restore_advice(path: Path, passphrase: str | None) -> str:
    from pmo_journal.core.storage.backup import newest_good_backup

    backup = newest_good_backup(path, passphrase=passphrase)
    if backup is None:
        return "there is no good backup to restore"
    return f"restore the newest good backup with: pmo-journal restore --db {path} {backup}"


def _refuse_plaintext_copies(path: Path) -> None:
    """An encrypted journal whose copies can be read without the passphrase is not ok."""
    from pmo_journal.core.storage.journal_files import plaintext_files

    readable = plaintext_files(path)
    if readable:
        shown = ", ".join(p.name for p in readable[:3]) + (", …" if len(readable) > 3 else "")
        raise CommandFailed(
            f"{path} is encrypted, but {len(readable)} of its files can be read without the "
            f"passphrase ({shown}); encrypt them with: pmo-journal encrypt --db {path}"
        )


def _refuse_lost_writes(path: Path, passphrase: str | None, wal_problem: str | None) -> None:
    """A crash whose write-ahead log then went missing is not ok, however healthy the file."""
    from pmo_journal.core.storage.clean_close import lost_writes_problem, was_left_open
    from pmo_journal.core.storage.connect import connect

    if wal_problem is None:
        return
    connection = connect(path, passphrase=passphrase, read_only=True)
    try:
        problem = lost_writes_problem(path, wal_problem, was_left_open(connection))
    finally:
        connection.close()
    if problem is not None:
        raise CommandFailed(f"{problem}: {_restore_advice(path, passphrase)}.")


def cmd_check(args: argparse.Namespace) -> int:
    """Inspect the journal (plain or encrypted) without writing a byte to its folder."""
    from pmo_journal.core.storage.clean_close import wal_lost
    from pmo_journal.core.storage.inspection import (
        UnreadableJournal,
        describe_problems,
        inspect_journal,
    )

    path = db_path(args)
    if path.is_file():
        _refuse_plaintext_copies(path)
    passphrase = passphrase_for(path) if path.is_file() else None
    wal_problem = wal_lost(path)  # before any connection tidies the log away
    try:
        found = inspect_journal(path, passphrase=passphrase)
    except UnreadableJournal as exc:
        advice = _restore_advice(path, passphrase)
        raise CommandFailed(f"{str(exc).rstrip('.')}; {advice}.") from None
    if not found.ok:
        raise CommandFailed(
            f"{found.path} has problems: {describe_problems(found)}; "
            f"{_restore_advice(path, passphrase)}."
        )
    _refuse_lost_writes(path, passphrase, wal_problem)
    schema = (
        f"schema {found.revision} (older; the app upgrades it, after a backup, when it opens it)"
        if found.upgrade_needed
        else f"schema {found.revision} (current)"
    )
    encrypted = "encrypted, " if found.encrypted else ""
    print(
        f"{found.path}: ok — {encrypted}{schema}, {found.entries} entries, "
        f"{found.counts.get('person', 0)} people, {found.counts.get('skill', 0)} skills."
    )
    return 0


def register(add: Add) -> None:
    """Add ``demo`` and ``check`` to the parser."""
    demo = add("demo", cmd_demo, "fill a new journal with a realistic sample")
    demo.add_argument("--seed", type=int, default=7, help="same seed, same journal (default 7)")
    demo.add_argument(
        "--years", type=demo_years, default=2, metavar="N", help="years it spans (default 2)"
    )
    demo.add_argument(
        "--today", type=iso_date, metavar="DATE", help="end the sample on DATE, not today"
    )
    add("check", cmd_check, "check the journal's integrity and schema revision")
