"""Everything slow about a report, safe to run off the GUI thread: data, then charts."""

from __future__ import annotations

from pmo_journal.core.storage.db import Journal
from pmo_journal.report.document import ReportDocument
from pmo_journal.report.gather import ProgressCallback, build_report_document
from pmo_journal.report.options import ReportOptions, Section


def _quiet(_percent: int, _message: str) -> None:
    return None


def build_report(
    journal: Journal, options: ReportOptions, *, progress: ProgressCallback = _quiet
) -> ReportDocument:
    """The finished document model for ``options``, charts rendered; no Qt painting here."""
    document = build_report_document(journal, options, progress=progress)
    if options.wants(Section.CHARTS):
        from pmo_journal.report.figures import report_charts

        percent = iter(range(50, 100, 10))
        document.charts = report_charts(
            journal, options, step=lambda message: progress(next(percent, 95), message)
        )
    progress(100, "Ready.")
    return document
