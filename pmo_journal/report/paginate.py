"""Where pages break: between table rows (never through one), never straight after a
heading, never through a record (an achievement's lines joined by line breaks), never
leaving a single line of a paragraph or a single list item alone; table headers repeat.

The document is laid out once as one long column; pagination picks cut positions in it
and each page paints one slice of that column (plus the table's header rows when a table
continues from the page before).
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat, QTextTable

MIN_LINES = 2  # lines a paragraph keeps together at the top or bottom of a page
LINE_SEPARATOR = "\u2028"  # what a <br> becomes inside a block
RECORD_SHARE = 1 / 3  # a record (lines joined by <br>) up to this share of a page stays whole


@dataclass(frozen=True)
class PageSlice:
    """One page: the column from ``top`` to ``bottom``, below a repeated table header."""

    top: float
    bottom: float
    header: tuple[float, float] | None = None


@dataclass
class _Table:
    top: float  # the cut above the table: midway between it and what precedes it
    header_rows: int
    row_tops: dict[int, float] = field(default_factory=dict)
    row_bottoms: dict[int, float] = field(default_factory=dict)


@dataclass
class _Cuts:
    allowed: set[float] = field(default_factory=set)
    forced: set[float] = field(default_factory=set)
    # A cut inside a table continues it on the next page under its header band.
    continues_under: dict[float, tuple[float, float]] = field(default_factory=dict)


def _block_span(document: QTextDocument, block: QTextBlock) -> tuple[float, float]:
    """Top and bottom of a block's lines (margins excluded)."""
    rect = document.documentLayout().blockBoundingRect(block)
    return rect.top(), rect.bottom()


def _is_record(block: QTextBlock, height: float, page_height: float) -> bool:
    """A block of lines joined by line breaks (an achievement: its title, its kind and
    date, its evidence) is one record, never split across pages unless it is long."""
    return LINE_SEPARATOR in block.text() and height <= page_height * RECORD_SHARE


def _paragraph_cuts(
    document: QTextDocument, block: QTextBlock, cuts: _Cuts, page_height: float
) -> None:
    top, bottom = _block_span(document, block)
    layout = block.layout()
    lines = layout.lineCount()
    if not _is_record(block, bottom - top, page_height):
        for index in range(MIN_LINES, lines - MIN_LINES + 1):
            cuts.allowed.add(top + layout.lineAt(index).y())
    policy = block.blockFormat().pageBreakPolicy()
    if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
        cuts.forced.add(top)
    if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter:
        cuts.forced.add(bottom)


def _table_cuts(geometry: _Table, cuts: _Cuts) -> float:
    """Cuts between a table's body rows; returns the bottom of its last row."""
    rows = sorted(geometry.row_tops)
    edges = {rows[0]: geometry.top}
    for previous, row in itertools.pairwise(rows):
        edges[row] = (geometry.row_bottoms[previous] + geometry.row_tops[row]) / 2
    header_rows = geometry.header_rows
    header = (geometry.top, edges[header_rows]) if 0 < header_rows < len(rows) else None
    for row in rows[header_rows + 1 :]:
        cuts.allowed.add(edges[row])
        if header is not None:
            cuts.continues_under[edges[row]] = header
    return geometry.row_bottoms[rows[-1]]


def _glued_to_previous(block: QTextBlock) -> bool:
    """A list item that must not start a page: the second of a list, or its last, so no
    item is left alone at the bottom or the top of a page."""
    items = block.textList()
    if items is None or items.count() < 2:
        return False
    index = items.itemNumber(block)
    return index in (1, items.count() - 1)


class _Collector:
    """Walks the document's blocks once, noting where a page may (or must) end."""

    def __init__(self, document: QTextDocument, page_height: float) -> None:
        self.document = document
        self.page_height = page_height
        self.cuts = _Cuts()
        self.previous_bottom: float | None = None
        self.keep_with_next = False
        self.table: QTextTable | None = None
        self.geometry: _Table | None = None

    def boundary(self, top: float) -> float:
        """The cut between the previous element and one starting at ``top``."""
        if self.previous_bottom is None:
            cut = top
        else:
            # The block after a table can start inside its last row; never cut through it.
            cut = max(self.previous_bottom, (self.previous_bottom + top) / 2)
        if not self.keep_with_next:
            self.cuts.allowed.add(cut)
        return cut

    def close_table(self) -> None:
        if self.geometry is not None:
            self.previous_bottom = _table_cuts(self.geometry, self.cuts)
            self.table = self.geometry = None
            self.keep_with_next = False

    def _outer_table(self, block: QTextBlock) -> QTextTable | None:
        """The top-level table holding ``block`` (tables inside cells move with their row)."""
        frame = QTextCursor(block).currentFrame()
        root = self.document.rootFrame()
        while frame is not None and frame != root and frame.parentFrame() != root:
            frame = frame.parentFrame()
        return frame if isinstance(frame, QTextTable) else None

    def add(self, block: QTextBlock) -> None:
        table = self._outer_table(block)
        top, bottom = _block_span(self.document, block)
        if table is None:
            self.close_table()
            if _glued_to_previous(block):
                self.keep_with_next = True
            self.boundary(top)
            _paragraph_cuts(self.document, block, self.cuts, self.page_height)
            self.keep_with_next = block.blockFormat().headingLevel() > 0
            self.previous_bottom = bottom
            return
        if table != self.table:
            self.close_table()
            self.table = table
            self.geometry = _Table(self.boundary(top), table.format().headerRowCount())
        assert self.geometry is not None
        row = table.cellAt(block.position()).row()
        rows_top, rows_bottom = self.geometry.row_tops, self.geometry.row_bottoms
        rows_top[row] = min(top, rows_top.get(row, top))
        rows_bottom[row] = max(bottom, rows_bottom.get(row, bottom))


def _collect(document: QTextDocument, page_height: float) -> tuple[_Cuts, float]:
    collector = _Collector(document, page_height)
    block = document.begin()
    while block.isValid():
        collector.add(block)
        block = block.next()
    collector.close_table()
    return collector.cuts, document.documentLayout().documentSize().height()


def paginate(document: QTextDocument, *, page_height: float) -> list[PageSlice]:
    """Cut ``document`` (laid out as one column) into pages of at most ``page_height``."""
    cuts, total = _collect(document, page_height)
    allowed = sorted(c for c in cuts.allowed if 0 < c < total)
    forced = sorted(c for c in cuts.forced if 0 < c < total)
    slices: list[PageSlice] = []
    position = 0.0
    header: tuple[float, float] | None = None
    while position < total - 0.5:
        available = page_height - (header[1] - header[0] if header else 0.0)
        limit = position + available
        end = next((c for c in forced if position < c <= limit), None)
        if end is None:
            if limit >= total:
                end = total
            else:
                index = bisect.bisect_right(allowed, limit) - 1
                end = allowed[index] if index >= 0 and allowed[index] > position + 1 else limit
        slices.append(PageSlice(position, end, header))
        header = cuts.continues_under.get(end)
        position = end
    return slices or [PageSlice(0.0, max(total, 1.0))]
