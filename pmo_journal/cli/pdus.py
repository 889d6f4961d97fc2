"""``pdus``: PDU totals for a certification cycle, caps applied, and what is still needed."""

from __future__ import annotations

import argparse

from pmo_journal.cli.arguments import Add
from pmo_journal.cli.opening import open_existing


def cmd_pdus(args: argparse.Namespace) -> int:
    from pmo_journal.core.pdus.text import ledger_text, parse_cycle_start

    start = parse_cycle_start(args.cycle)
    with open_existing(args) as journal:
        print(ledger_text(journal, start=start))
    return 0


def register(add: Add) -> None:
    """Add ``pdus`` to the parser."""
    pdus = add("pdus", cmd_pdus, "PDU totals, caps applied and what is still needed")
    pdus.add_argument("--cycle", metavar="START", help="the cycle starting on START (ISO date)")
