"""``pmo-journal report``: the same PDF as the app's, built headless from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from pmo_journal.cli.arguments import Add, WrongValue, db_path, iso_date
from pmo_journal.cli.opening import open_journal
from pmo_journal.report.options import Paper, ReportOptions, Section, TitlePage
from pmo_journal.report.output import check_output_path

TITLE_SETTINGS = ("report.name", "report.role", "report.reviewer")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``report``: the review period, the output and what to show."""
    parser.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="first day of the review period (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="last day of the review period (YYYY-MM-DD)",
    )
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument(
        "--paper",
        choices=[p.value for p in Paper],
        default=Paper.A4.value,
        help="paper size (default: a4)",
    )
    parser.add_argument(
        "--include-private", action="store_true", help="also print entries marked private"
    )
    parser.add_argument(
        "--anonymise",
        action="store_true",
        help="name people by role-free pseudonyms (Mentor A, PMO leader B)",
    )
    parser.add_argument("--name", default="", help="your name, for the title page")
    parser.add_argument("--role", default="", help="your current role, for the title page")
    parser.add_argument("--reviewer", default="", help="who the report is for")
    parser.add_argument(
        "--summary",
        default="",
        metavar="TEXT",
        help="the period in your own words, printed first",
    )
    parser.add_argument(
        "--appendix",
        action="store_true",
        help="add the full logs (sessions, assignments, reflections, action items) as an appendix",
    )


def ensure_gui_application() -> None:
    """A QGuiApplication for fonts and painting; offscreen when there is no display."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Kept on the module so it lives as long as the process.
        ensure_gui_application.application = QGuiApplication(["pmo-journal"])  # type: ignore[attr-defined]


def cmd_report(args: argparse.Namespace) -> int:
    """Check every input first, so bad input never leaves a file behind; then write the PDF."""
    start: dt.date = args.date_from
    end: dt.date = args.date_to
    if start > end:
        raise WrongValue(
            f"the review period starts ({start:%Y-%m-%d}) after it ends ({end:%Y-%m-%d}); "
            "swap the dates"
        )
    if not args.out.lower().endswith(".pdf"):
        raise WrongValue(f"the output file {args.out} should end in .pdf")
    out = check_output_path(Path(args.out))
    options = ReportOptions(
        start=start,
        end=end,
        include_private=args.include_private,
        anonymise=args.anonymise,
        title=TitlePage(name=args.name, role=args.role, reviewer=args.reviewer),
        paper=Paper(args.paper),
        summary=args.summary,
        appendix=args.appendix,
    )
    # sqlmodel (and pydantic) must be imported before PySide6: shiboken's import hook
    # trips over pydantic's lazily loaded modules otherwise.
    from pmo_journal.core.storage.db import Journal

    if options.wants(Section.CHARTS):
        # The charts' modules (matplotlib, numpy: about 300) before PySide6 too: its import
        # hook reads the source of every module imported after it.
        import pmo_journal.report.figures  # noqa: F401

    # Asks for the passphrase of an encrypted journal; a report only reads, so no backup.
    journal: Journal = open_journal(db_path(args), auto_backup=False)
    with journal:
        ensure_gui_application()
        from pmo_journal.core.services.timeline import TimelineFilter, count_timeline
        from pmo_journal.report.build import build_report
        from pmo_journal.report.render import save_report_pdf

        shown = None if options.include_private else False
        empty = not count_timeline(
            journal, TimelineFilter(date_from=start, date_to=end, private=shown)
        )
        document = build_report(journal, options)
        pages = save_report_pdf(document, out)
    if empty:
        print(
            f"No entries fall between {start:%Y-%m-%d} and {end:%Y-%m-%d}"
            + ("" if options.include_private else " (private ones left out)")
            + ": the report holds only its title page and goals."
        )
    print(f"Wrote {out} ({pages} pages).")
    leave_now_if_command_process()
    return 0


def _is_command_process() -> bool:
    """This process was started as ``pmo-journal report`` (not a caller running it inside
    itself, such as a test)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    started_as = Path(sys.argv[0]).name if sys.argv else ""
    return sys.argv[1:2] == ["report"] and (
        (spec is not None and spec.name == "pmo_journal.__main__")
        or started_as.startswith("pmo-journal")
    )


def leave_now_if_command_process() -> None:
    """End the process without the interpreter's teardown once the work is safe.

    The journal is closed and the PDF written, fsynced and moved into place; tearing down
    Qt, matplotlib and SQLAlchemy's objects would only cost time (about 0.4 s).
    """
    if not _is_command_process():
        return
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(0)


def register(add: Add) -> None:
    """Add ``report`` to the parser."""
    add_arguments(add("report", cmd_report, "write the progress report as a PDF"))
