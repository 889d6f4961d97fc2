"""``pdus``: PDU totals for a certification cycle, caps applied, and what is still needed;
with ``--audit-pack``, the cycle's audit pack as a PDF (and, with ``--with-files``, the
claims' certificates beside it)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from pmo_journal.cli.arguments import Add, WrongValue, db_path, iso_date
from pmo_journal.cli.documents import add_paper, pdf_path
from pmo_journal.cli.opening import open_existing, open_journal
from pmo_journal.cli.report import ensure_gui_application
from pmo_journal.core.validation import JournalError


def cmd_pdus(args: argparse.Namespace) -> int:
    from pmo_journal.core.pdus.text import ledger_text

    start: dt.date | None = args.cycle
    if args.with_files is not None and args.audit_pack is None:
        raise WrongValue("--with-files goes with --audit-pack FILE.pdf")
    if args.audit_pack is not None:
        return _write_audit_pack(args, start)
    with open_existing(args) as journal:
        print(ledger_text(journal, start=start))
    return 0


def _write_audit_pack(args: argparse.Namespace, start: dt.date | None) -> int:
    """Check the output first, then write the audit pack (all or nothing)."""
    out = pdf_path(args.audit_pack)
    from pmo_journal.core import clock
    from pmo_journal.core.disclosure import DisclosureChoice
    from pmo_journal.core.pdus.audit import audit_claims, files_folder, save_audit_files
    from pmo_journal.core.services import pdus
    from pmo_journal.core.services.holder import check_holder, holder
    from pmo_journal.report.options import Paper

    folder = None if args.with_files is None else files_folder(Path(args.with_files))
    try:  # what was given, before any work: a wrong value on the command line
        check_holder(args.name or "", args.pmi_id or "")
    except JournalError as wrong:
        raise WrongValue(str(wrong).rstrip(".")) from None

    with open_journal(db_path(args), auto_backup=False) as journal:
        cycle = pdus.find_cycle(journal, start=start)
        ledger = pdus.cycle_ledger(journal, cycle_id=cycle.id)
        choice = DisclosureChoice(include_private=args.include_private)
        claims = audit_claims(journal, ledger, choice=choice)
        remembered = holder(journal)
        given = check_holder(
            remembered.name if args.name is None else args.name,
            remembered.pmi_id if args.pmi_id is None else args.pmi_id,
        )
        ensure_gui_application()
        from pmo_journal.report.pdu_audit import AuditTitle, save_pdu_audit_pdf

        title = AuditTitle(name=given.name, pmi_id=given.pmi_id, prepared_on=clock.today())
        written = [] if folder is None else save_audit_files(journal, claims, folder, choice=choice)
        try:
            pages = save_pdu_audit_pdf(ledger, claims, out, paper=Paper(args.paper), title=title)
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    listed = f"{len(claims.listed)} claims listed"
    summarised = f", {claims.summarised} summarised" if claims.summarised else ""
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}; {listed}{summarised}).")
    if folder is not None:
        count = f"{len(written)} file{'s' if len(written) != 1 else ''}"
        print(f"Wrote {count} of the listed claims into {folder}.")
    return 0


def register(add: Add) -> None:
    """Add ``pdus`` to the parser."""
    pdus = add("pdus", cmd_pdus, "PDU totals, caps applied and what is still needed")
    pdus.add_argument(
        "--cycle", metavar="START", type=iso_date, help="the cycle starting on START (ISO date)"
    )
    pdus.add_argument(
        "--audit-pack", metavar="FILE.pdf", help="write the cycle's audit pack as a PDF"
    )
    pdus.add_argument(
        "--with-files",
        metavar="DIR",
        help="with --audit-pack: also write the listed claims' files (certificates) into DIR",
    )
    add_paper(pdus)
    pdus.add_argument(
        "--name",
        help="your name, for the audit pack (default: the name remembered on the PDU screen)",
    )
    pdus.add_argument(
        "--pmi-id",
        metavar="ID",
        help="your PMI ID, for the audit pack (default: the one remembered on the PDU screen)",
    )
    pdus.add_argument(
        "--include-private",
        action="store_true",
        help="list claims drawn from private entries too (they always count in the totals)",
    )
