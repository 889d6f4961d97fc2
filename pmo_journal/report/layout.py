"""One layout code path for every page device: PDF writer, printer and print preview.

The report is HTML in a QTextDocument laid out at the device's own resolution, so text
stays real text (selectable, searchable, fonts embedded) and tables repeat their header
rows across pages. Each page gets a running header and a "Page i of n" footer.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from pmo_journal.core.resources import read_text
from pmo_journal.report.options import Paper
from pmo_journal.report.paginate import PageSlice, paginate

FONT_FAMILY = "DejaVu Sans"
BODY_POINTS = 10.0
FURNITURE_POINTS = 8.0
# Page margins (mm) and the bands inside them that hold the running header and footer.
MARGINS_MM = QMarginsF(22, 14, 22, 14)
BAND_MM = 11.0
RULE_COLOUR = QColor("#c9d1db")
FURNITURE_COLOUR = QColor("#6b6b6b")


@cache
def report_font_family() -> str:
    """The report's one type family, loaded from the fonts matplotlib ships (so charts match).

    Found without importing matplotlib, which a prep sheet never needs.
    """
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    folder = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ):
        QFontDatabase.addApplicationFont(str(folder / name))
    return FONT_FAMILY


def page_layout(paper: Paper) -> QPageLayout:
    size = QPageSize(QPageSize.PageSizeId.A4 if paper == Paper.A4 else QPageSize.PageSizeId.Letter)
    return QPageLayout(
        size, QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
    )


@dataclass(frozen=True)
class PageFurniture:
    """What is printed around the body of every page."""

    header_left: str
    header_right: str = ""
    #: The first page is a title page: no running header or footer on it.
    title_page: bool = False


def text_document(html: str, *, images: dict[str, QImage] | None = None) -> QTextDocument:
    """The report's HTML in a document using the report stylesheet and font."""
    document = QTextDocument()
    font = QFont(report_font_family())
    font.setPointSizeF(BODY_POINTS)
    # No ligatures, so "fi" stays two letters and the PDF's text can be searched.
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(read_text("report.css"))
    document.setDocumentMargin(0)
    for key, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{key}"), image)
    document.setHtml(html)
    return document


def _mm(device: QPagedPaintDevice, millimetres: float) -> float:
    return millimetres / 25.4 * device.logicalDpiY()


TITLE_TOP_SHARE = 0.2  # the space above a title page's first line, as a share of the page
TITLE_MIN_GAP_MM = 6.0  # the least space above the foot note


def _title_page_blocks(document: QTextDocument) -> list[QTextBlock]:
    """The blocks before the title page's forced page break."""
    blocks: list[QTextBlock] = []
    block = document.begin()
    while block.isValid():
        policy = block.blockFormat().pageBreakPolicy()
        if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore and blocks:
            break
        blocks.append(block)
        if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
            break
        block = block.next()
    return blocks


def _title_page_end(document: QTextDocument) -> float:
    """Where the title page's forced page break falls."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        policy = block.blockFormat().pageBreakPolicy()
        rect = layout.blockBoundingRect(block)
        if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore and block != document.begin():
            return rect.top()
        if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
            return rect.bottom()
        block = block.next()
    return layout.documentSize().height()


def _set_margin(
    block: QTextBlock, *, top: float | None = None, bottom: float | None = None
) -> None:
    block_format = block.blockFormat()
    if top is not None:
        block_format.setTopMargin(max(0.0, top))
    if bottom is not None:
        block_format.setBottomMargin(max(0.0, bottom))
    QTextCursor(block).setBlockFormat(block_format)


def _fit_title_page(document: QTextDocument, device: QPagedPaintDevice, height: float) -> None:
    """Fill the title page exactly: its first line a fifth of the way down, its foot (the
    block with the page's largest top margin, the notes below it) at the bottom, whatever
    the paper and however many lines the name, role and notes take.

    Margins are in the stylesheet's pixels, positions in the device's; their ratio is
    measured on the first block, laid out with and without its spacing.
    """
    blocks = _title_page_blocks(document)
    if len(blocks) < 2:
        return
    first = blocks[0]
    foot = max(blocks[1:], key=lambda block: block.blockFormat().topMargin())
    _set_margin(foot, top=0)
    _set_margin(first, bottom=0)
    natural = _title_page_end(document)
    _set_margin(first, bottom=100)
    scale = (_title_page_end(document) - natural) / 100 or 1.0
    # The page's last pixel is the cut, painted one pixel in; keep clear of it.
    slack = height - natural - 4
    above = min(height * TITLE_TOP_SHARE, max(0.0, slack - _mm(device, TITLE_MIN_GAP_MM)))
    _set_margin(first, bottom=above / scale)
    _set_margin(foot, top=(slack - above) / scale)
    # Qt re-lays out what follows an edited block lazily, on a timer; lay it all out now.
    document.markContentsDirty(0, document.characterCount())


def lay_out(
    document: QTextDocument, device: QPagedPaintDevice, *, title_page: bool = False
) -> list[PageSlice]:
    """Lay ``document`` out at ``device``'s resolution and cut it into its pages; a title
    page (the blocks before the first forced page break) is sized to fill the first."""
    paint_rect = device.pageLayout().paintRectPixels(device.logicalDpiY())
    document.documentLayout().setPaintDevice(device)
    document.setTextWidth(float(paint_rect.width()))
    height = paint_rect.height() - 2 * _mm(device, BAND_MM)
    if title_page:
        _fit_title_page(document, device, height)
    return paginate(document, page_height=height)


def paint_document(
    document: QTextDocument, device: QPagedPaintDevice, furniture: PageFurniture
) -> int:
    """Lay ``document`` out for ``device``'s pages and paint them all; returns the page count."""
    paint_rect = device.pageLayout().paintRectPixels(device.logicalDpiY())
    band = _mm(device, BAND_MM)
    width = float(paint_rect.width())
    pages = lay_out(document, device, title_page=furniture.title_page)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("The printer or PDF file could not be opened for drawing.")
    # Charts go into the PDF as they were drawn (Flate), not re-encoded as JPEG.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            if not (furniture.title_page and number == 1):
                _paint_furniture(
                    painter,
                    device,
                    width,
                    paint_rect.height(),
                    band,
                    furniture,
                    page=number,
                    pages=len(pages),
                )
            offset = band
            if page.header is not None:
                _paint_slice(painter, document, width, page.header[0], page.header[1], offset)
                offset += page.header[1] - page.header[0]
            _paint_slice(painter, document, width, page.top, page.bottom, offset)
    finally:
        painter.end()
    return len(pages)


def _block_split_at(document: QTextDocument, cut: float) -> QTextBlock | None:
    """The top-level paragraph a page cut runs through (between two of its lines), if any."""
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.top() + 0.5 < cut < rect.bottom() - 0.5 and block.layout().lineCount() > 1:
            return block
        if rect.top() > cut:
            return None
        block = block.next()
    return None


def _paint_slice(
    painter: QPainter,
    document: QTextDocument,
    width: float,
    top: float,
    bottom: float,
    at: float,
) -> None:
    painter.save()
    painter.translate(0, at - top)
    split = _block_split_at(document, top)
    if split is not None:
        # Qt paints a paragraph from the line just above the clip, which the clip hides
        # but a PDF's text keeps (search and screen readers would read it twice): paint
        # this page's lines of the paragraph one by one, the rest of the page from below it.
        rect = document.documentLayout().blockBoundingRect(split)
        lines = split.layout()
        painter.save()
        painter.setClipRect(QRectF(0, top, width, bottom - top))
        painter.setPen(QColor(Qt.GlobalColor.black))
        for index in range(lines.lineCount()):
            line = lines.lineAt(index)
            line_top = rect.top() + line.y()
            if top - 0.5 <= line_top and line_top + line.height() <= bottom + 0.5:
                line.draw(painter, QPointF(rect.left(), rect.top()))
        painter.restore()
        top = min(bottom, rect.bottom())
    # One device pixel in from each cut, so the lines either side of it are not drawn
    # (clipped away) on the wrong page, where a PDF reader's search would still find them.
    if bottom - top > 2:
        document.drawContents(painter, QRectF(0, top + 1, width, bottom - top - 2))
    painter.restore()


def _paint_furniture(
    painter: QPainter,
    device: QPagedPaintDevice,
    width: float,
    height: float,
    band: float,
    furniture: PageFurniture,
    *,
    page: int,
    pages: int,
) -> None:
    """The running header (the period) and the footer "Page i of n", on every page."""
    font = QFont(report_font_family())
    font.setPointSizeF(FURNITURE_POINTS)
    painter.setFont(font)
    text_height = band * 0.6
    rule = QPen(RULE_COLOUR)
    rule.setWidthF(_mm(device, 0.25))
    middle = Qt.AlignmentFlag.AlignVCenter
    top = QRectF(0, 0, width, text_height)
    painter.setPen(FURNITURE_COLOUR)
    painter.drawText(top, Qt.AlignmentFlag.AlignLeft | middle, furniture.header_left)
    painter.drawText(top, Qt.AlignmentFlag.AlignRight | middle, furniture.header_right)
    painter.setPen(rule)
    painter.drawLine(QPointF(0, text_height), QPointF(width, text_height))
    bottom = QRectF(0, height - text_height, width, text_height)
    painter.setPen(FURNITURE_COLOUR)
    painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | middle, f"Page {page} of {pages}")
    painter.setPen(rule)
    painter.drawLine(QPointF(0, height - text_height), QPointF(width, height - text_height))
