"""Paints a report onto any page device, and saves it as a PDF without half-written files."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage, QPagedPaintDevice, QPdfWriter

from pmo_journal.core.validation import JournalError
from pmo_journal.report.compose import header_text, report_html
from pmo_journal.report.document import ChartImage, ReportDocument
from pmo_journal.report.layout import PageFurniture, page_layout, paint_document, text_document
from pmo_journal.report.options import Paper
from pmo_journal.report.output import check_output_path

PDF_RESOLUTION = 1200
CREATOR = "PMO Career Journal"


def chart_image(chart: ChartImage) -> QImage:
    """A QImage owning a copy of the chart's pixels, without the (opaque) alpha channel."""
    image = QImage(
        chart.rgba,
        chart.width_px,
        chart.height_px,
        chart.width_px * 4,
        QImage.Format.Format_RGBA8888,
    )
    return image.convertToFormat(QImage.Format.Format_RGB32)


def paint_report(document: ReportDocument, device: QPagedPaintDevice) -> int:
    """Paint ``document`` on ``device`` (PDF writer, printer or preview); returns pages.

    The device keeps its own page layout, so a printer dialog's paper choice is honoured.
    Call on the GUI thread.
    """
    images = {chart.key: chart_image(chart) for chart in document.charts if chart.rgba}
    html_document = text_document(report_html(document), images=images)
    furniture = PageFurniture(header_text(document), document.options.title.name, title_page=True)
    return paint_document(html_document, device, furniture)


def pdf_writer(path: Path, *, paper: Paper, title: str, author: str = "") -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(title)
    writer.setAuthor(author or CREATOR)
    writer.setCreator(CREATOR)
    return writer


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_pdf_atomically(
    path: Path,
    paint: Callable[[QPagedPaintDevice], int],
    *,
    paper: Paper,
    title: str,
    author: str = "",
    subject: str = "",
) -> int:
    """Run ``paint(writer)`` into a temporary file beside ``path``, then move it into place.

    Whatever goes wrong, ``path`` is either untouched or the complete new PDF.
    """
    target = check_output_path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.stem}-", suffix=".pdf.part", dir=target.parent
        )
    except OSError as exc:
        raise JournalError(
            f"The folder {target.parent} can't be written to ({exc.strerror}); choose another."
        ) from None
    os.close(handle)
    try:
        # mkstemp makes the file private to its owner; a report gets the usual permissions.
        os.chmod(temporary, 0o666 & ~_umask())
        writer = pdf_writer(Path(temporary), paper=paper, title=title, author=author)
        pages = paint(writer)
        del writer  # closes the file
        if Path(temporary).stat().st_size == 0:
            raise JournalError(f"The PDF could not be written to {target.parent}.")
        if subject:
            from pmo_journal.report.wording import add_pdf_info  # it builds on this module

            add_pdf_info(Path(temporary), title=title, author=author or CREATOR, subject=subject)
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return pages


def save_report_pdf(document: ReportDocument, path: Path) -> int:
    """Save ``document`` as a PDF at ``path``; returns the number of pages."""
    options = document.options
    name = options.title.name
    period = header_text(document).split(" · ", 1)[1]
    return write_pdf_atomically(
        path,
        lambda writer: paint_report(document, writer),
        paper=options.paper,
        title=f"Progress report — {period}" + (f" — {name}" if name else ""),
        author=name,
        subject=(
            f"Growth toward a PMO role, {period}: self-rated skills, mentor sessions, "
            "helper assignments and goals"
        ),
    )
