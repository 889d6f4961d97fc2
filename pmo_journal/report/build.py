"""Everything slow about a report, safe to run off the GUI thread: data, then charts."""

from __future__ import annotations

from pmo_journal.core.db import Journal
from pmo_journal.report.document import ReportDocument
from pmo_journal.report.gather import ProgressCallback, build_report_document
from pmo_journal.report.options import ReportOptions


def _quiet(_percent: int, _message: str) -> None:
    return None


def build_report(
    journal: Journal, options: ReportOptions, *, progress: ProgressCallback = _quiet
) -> ReportDocument:
    """The finished document model for ``options``, charts rendered; no Qt painting here."""
    document = build_report_document(journal, options, progress=progress)
    progress(100, "Ready.")
    return document
