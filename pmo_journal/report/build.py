"""Everything slow about a report, safe to run off the GUI thread: data, then charts."""

from __future__ import annotations

from pmo_journal.core.storage.db import Journal
from pmo_journal.core.tasks import Cancelled, Progress, never_cancelled, no_progress
from pmo_journal.report.document import ReportDocument
from pmo_journal.report.gather import ReportCancelled, build_report_document
from pmo_journal.report.options import ReportOptions, Section


def build_report(
    journal: Journal,
    options: ReportOptions,
    *,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ReportDocument:
    """The finished document model for ``options``, charts rendered; no Qt painting here.

    Raises :class:`ReportCancelled` at the next step once ``cancelled()`` says so.
    """

    def step(percent: int, message: str) -> None:
        if cancelled():
            raise ReportCancelled()
        progress(percent / 100, message)

    # One transaction for the data and the charts: one connection, one snapshot.
    with journal.unit_of_work():
        document = build_report_document(journal, options, progress=step)
        if options.wants(Section.CHARTS):
            from pmo_journal.report.figures import report_charts

            percent = iter(range(50, 100, 10))
            document.charts = report_charts(
                journal, options, step=lambda message: step(next(percent, 95), message)
            )
    step(100, "Ready.")
    return document
