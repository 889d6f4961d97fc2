"""``prep-sheet``: the one-page sheet for the next session with a mentor, as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from pmo_journal.cli.arguments import Add, WrongValue, db_path
from pmo_journal.cli.opening import open_journal
from pmo_journal.cli.report import ensure_gui_application
from pmo_journal.core import clock
from pmo_journal.report.options import Paper
from pmo_journal.report.output import check_output_path


def pdf_path(text: str) -> Path:
    """The PDF a command writes, checked before anything is read or written."""
    if not text.lower().endswith(".pdf"):
        raise WrongValue(f"the output file {text} should end in .pdf")
    return check_output_path(Path(text))


def cmd_prep_sheet(args: argparse.Namespace) -> int:
    out = pdf_path(args.out)
    from pmo_journal.core.disclosure import DisclosureChoice
    from pmo_journal.core.services.holder import holder
    from pmo_journal.core.services.people import find_mentor

    choice = DisclosureChoice(include_private=args.include_private, anonymise=args.anonymise)
    with open_journal(db_path(args), auto_backup=False) as journal:
        mentor = find_mentor(journal, args.mentor)
        ensure_gui_application()
        from pmo_journal.report.prep_sheet import build_prep_sheet, save_prep_sheet_pdf

        sheet = build_prep_sheet(
            journal,
            mentor.id,
            today=clock.today(),
            choice=choice,
            ask=args.ask,
            author=holder(journal).name,
        )
        pages = save_prep_sheet_pdf(sheet, out, paper=Paper(args.paper))
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}) for {sheet.mentor}.")
    return 0


def add_paper(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--paper",
        choices=[p.value for p in Paper],
        default=Paper.A4.value,
        help="paper size (default: a4)",
    )


def register(add: Add) -> None:
    """Add ``prep-sheet`` to the parser."""
    sheet = add("prep-sheet", cmd_prep_sheet, "write the prep sheet for the next mentor session")
    sheet.add_argument("--mentor", required=True, metavar="NAME", help="the mentor, by name")
    sheet.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    add_paper(sheet)
    sheet.add_argument(
        "--ask",
        default="",
        metavar="TEXT",
        help="what you want from this session, printed at the top of the sheet",
    )
    sheet.add_argument(
        "--anonymise",
        action="store_true",
        help="name people by role-free pseudonyms (Mentor A, PMO leader B)",
    )
    sheet.add_argument(
        "--include-private", action="store_true", help="also print entries marked private"
    )
