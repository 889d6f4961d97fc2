"""Page breaks: never through a table row or straight after a heading; headers repeat."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable

from pmo_journal.report.paginate import paginate

pytestmark = pytest.mark.usefixtures("qapp")
PAGE = 400.0


def long_table_document() -> QTextDocument:
    rows = "".join(
        f"<tr><td>Row {i}</td><td>{'word ' * (5 + (i % 4) * 15)}</td></tr>" for i in range(40)
    )
    document = QTextDocument()
    document.setHtml(
        "<h2>Before</h2><p>" + "Intro text. " * 40 + "</p>"
        "<h2>Sessions</h2>"
        f"<table border='1'><thead><tr><th>Date</th><th>Notes</th></tr></thead>{rows}</table>"
        "<h2>After</h2><p>The end.</p>"
    )
    document.setTextWidth(300)
    return document


def row_spans(document: QTextDocument) -> list[tuple[float, float]]:
    layout = document.documentLayout()
    spans: dict[int, tuple[float, float]] = {}
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if isinstance(table, QTextTable):
            row = table.cellAt(block.position()).row()
            rect = layout.blockBoundingRect(block)
            top, bottom = spans.get(row, (rect.top(), rect.bottom()))
            spans[row] = (min(top, rect.top()), max(bottom, rect.bottom()))
        block = block.next()
    return list(spans.values())


def test_pages_cover_the_document_without_cutting_a_row() -> None:
    document = long_table_document()
    pages = paginate(document, page_height=PAGE)
    assert len(pages) > 3
    assert pages[0].top == 0
    assert pages[-1].bottom == pytest.approx(document.documentLayout().documentSize().height())
    for previous, page in itertools.pairwise(pages):
        assert previous.bottom == page.top
    for page in pages:
        header = page.header[1] - page.header[0] if page.header else 0.0
        assert page.bottom - page.top + header <= PAGE + 0.01
        for top, bottom in row_spans(document):
            assert not top < page.bottom < bottom, "a page ends inside a table row"


def test_a_continued_table_repeats_its_header_and_headings_keep_with_text() -> None:
    document = long_table_document()
    pages = paginate(document, page_height=PAGE)
    continued = [page for page in pages if page.header is not None]
    assert continued, "the table runs over several pages"
    assert len({page.header for page in continued}) == 1
    headings = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            headings.append(document.documentLayout().blockBoundingRect(block).bottom())
        block = block.next()
    for page in pages[:-1]:
        assert all(not (bottom <= page.bottom < bottom + 20) for bottom in headings)


def test_a_forced_break_starts_a_new_page() -> None:
    document = QTextDocument()
    document.setHtml("<p>Title page</p><p style='page-break-after: always;'></p><p>Body</p>")
    document.setTextWidth(300)
    assert len(paginate(document, page_height=PAGE)) == 2
