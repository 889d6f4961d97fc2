"""The 10-year demo journal's reports, read back: page budgets, no blank page, and where the
pages break (never after a heading, through a row, or leaving one list item alone)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextCursor, QTextDocument

from pmo_journal.core.demo.build import build_demo_journal
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.build import build_report
from pmo_journal.report.compose import report_html, short_date
from pmo_journal.report.document import ReportDocument
from pmo_journal.report.layout import PageFurniture, lay_out, paint_document, text_document
from pmo_journal.report.options import Paper, ReportOptions, TitlePage
from pmo_journal.report.paginate import PageSlice
from pmo_journal.report.render import chart_image, pdf_writer, save_report_pdf
from tests.report.pdf_text import page_texts

pytestmark = pytest.mark.usefixtures("qapp")

TODAY = dt.date(2026, 12, 3)
ONE_YEAR = (dt.date(2025, 12, 4), TODAY)
TEN_YEARS = (dt.date(2016, 12, 4), TODAY)
BUDGET = {ONE_YEAR: 16, TEN_YEARS: 30}
PERIODS = {"1 year": ONE_YEAR, "10 years": TEN_YEARS}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, seed=7, years=10, today=TODAY)
    journal = Journal.open(path)
    yield journal
    journal.close()


@pytest.fixture(scope="module")
def documents(demo: Journal) -> dict[str, ReportDocument]:
    built = {}
    for label, (start, end) in PERIODS.items():
        options = ReportOptions(start=start, end=end, prepared_on=TODAY, summary="My year.")
        built[label] = build_report(demo, options)
    return built


def _pdf(document: ReportDocument, paper: Paper, folder: Path) -> Path:
    out = folder / f"{paper.value}.pdf"
    options = dataclasses.replace(document.options, paper=paper)
    save_report_pdf(dataclasses.replace(document, options=options), out)
    return out


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("label", list(PERIODS))
def test_page_budget_and_no_blank_page(
    documents: dict[str, ReportDocument], label: str, paper: Paper, tmp_path: Path
) -> None:
    texts = page_texts(_pdf(documents[label], paper, tmp_path))
    assert len(texts) <= BUDGET[PERIODS[label]]
    assert "Summary" in texts[1] and "In my own words" in texts[1]
    for number, text in enumerate(texts[1:], start=2):
        body = text.replace(f"Page {number} of {len(texts)}", "")
        body = body.split("3 December 2026", 1)[-1]  # drop the running header
        assert len(body.split()) > 15, f"page {number} is (nearly) blank: {text!r}"
    joined = " ".join(texts)
    assert ("Year by year" in joined) == (label == "10 years")
    assert "Appendix" not in joined


def _pages(document: ReportDocument, paper: Paper, folder: Path) -> tuple[QTextDocument, list]:
    options = dataclasses.replace(document.options, paper=paper)
    document = dataclasses.replace(document, options=options)
    images = {chart.key: chart_image(chart) for chart in document.charts if chart.rgba}
    html = text_document(report_html(document), images=images)
    writer = pdf_writer(folder / "layout.pdf", paper=paper, title="layout")
    pages = lay_out(html, writer, title_page=True)
    return html, pages


def _blocks(document: QTextDocument) -> Iterator:
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("appendix", [False, True])
def test_page_breaks_keep_blocks_together(
    documents: dict[str, ReportDocument], paper: Paper, appendix: bool, tmp_path: Path
) -> None:
    document = documents["1 year"]
    if appendix:
        document = dataclasses.replace(
            document,
            options=dataclasses.replace(document.options, appendix=True),
        )
    html, pages = _pages(document, paper, tmp_path)
    layout = html.documentLayout()
    spans = []
    for block in _blocks(html):
        rect = layout.blockBoundingRect(block)
        spans.append((rect.top(), rect.bottom(), block))
    cuts = [page.bottom for page in pages[:-1]]
    assert cuts and all(isinstance(page, PageSlice) for page in pages)
    for cut in cuts:
        # No table row and no single line is cut through.
        for top, bottom, block in spans:
            if not block.text().strip():
                continue
            whole = block.layout().lineCount() == 1 or QTextCursor(block).currentTable()
            assert not (whole and top + 1 < cut < bottom - 1), block.text()
        before = [s for s in spans if s[1] <= cut + 1 and s[2].text().strip()]
        after = [s for s in spans if s[0] >= cut - 1 and s[2].text().strip()]
        last = max(before, key=lambda s: s[1])[2]
        assert last.blockFormat().headingLevel() == 0, f"a page ends on heading {last.text()!r}"
        if after:
            first = min(after, key=lambda s: s[0])[2]
            items = first.textList()
            if items is not None and items.count() > 1:
                assert items.itemNumber(first) not in (1, items.count() - 1), first.text()
    for previous, page in itertools.pairwise(pages):
        assert page.top == previous.bottom  # nothing skipped, nothing painted twice


LONG = "Alexandra Konstantinopoulou-Wetherington of the Portfolio and Programme Office"
TITLE_CASES = {
    "all fields": {"title": TitlePage(name="Alex", role="PM", reviewer="Jordan")},
    "anonymised": {
        "title": TitlePage(name="Alex", role="PM", reviewer="Jordan"),
        "include_private": True,
        "anonymise": True,
    },
    "long fields": {"title": TitlePage(name=LONG, role=LONG, reviewer=LONG)},
}


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("case", list(TITLE_CASES))
def test_the_title_page_is_one_page_with_every_field(
    demo: Journal, case: str, paper: Paper, tmp_path: Path
) -> None:
    """The app's dialog asks for name, role and reviewer: with all three (and the notes an
    anonymised report adds) the title page is still one page, and page 2 is the summary."""
    start, end = ONE_YEAR
    options = ReportOptions(
        start=start, end=end, prepared_on=TODAY, paper=paper, **TITLE_CASES[case]
    )
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(demo, options), out)
    texts = page_texts(out)
    title = texts[0]
    assert title.startswith("PMO CAREER JOURNAL Progress report"), title
    assert "Drawn from the author" in title
    assert ("People are named by role-free pseudonyms" in title) == options.anonymise
    assert "Page 1 of" not in title
    assert "Summary" in texts[1], texts[1]
    for number, text in enumerate(texts[1:], start=2):
        body = text.replace(f"Page {number} of {len(texts)}", "")
        body = body.split("3 December 2026", 1)[-1].replace(options.title.name, "", 1)
        assert len(body.split()) > 15, f"page {number} is (nearly) blank: {text!r}"


def _body_lines(path: Path) -> list[list[str]]:
    """Each page's lines of text, without the running header and the footer."""
    pages = []
    for page in PdfReader(path).pages:
        lines = [" ".join(line.split()) for line in (page.extract_text() or "").splitlines()]
        pages.append(
            [
                line
                for line in lines
                if line
                and not line.startswith("Progress report ·")
                and not line.startswith("Page ")
            ]
        )
    return pages


# Periods whose achievements fell across a page break (on A4 or Letter) before they
# were kept whole.
BREAK_PERIODS = {
    "H1 2023": (dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
    "2 years to 2024": (dt.date(2022, 12, 1), dt.date(2024, 11, 30)),
    "H2 2025": (dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
}


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("label", list(BREAK_PERIODS))
def test_no_line_on_two_pages_and_achievements_whole(
    demo: Journal, label: str, paper: Paper, tmp_path: Path
) -> None:
    """Read back: no page's text repeats a line of the page before it (a clipped line is
    still in the text layer), and each achievement's title and its kind-and-date line are
    on one page."""
    start, end = BREAK_PERIODS[label]
    options = ReportOptions(start=start, end=end, prepared_on=TODAY, paper=paper)
    document = build_report(demo, options)
    out = tmp_path / "report.pdf"
    save_report_pdf(document, out)
    lines = _body_lines(out)
    for number, (before, after) in enumerate(itertools.pairwise(lines), start=1):
        shared = {line for line in before[-3:] if len(line) > 5} & set(after[:3])
        assert not shared, f"pages {number} and {number + 1} both read {shared}"
    texts = page_texts(out)
    highlights = [item for group in document.highlights for item in group.highlights]
    assert highlights
    for item in highlights:
        meta = [item.kind, short_date(item.date)] + ([item.status] if item.status else [])
        title = " ".join(item.title.split())[:30]
        assert any(title in text and " · ".join(meta) in text for text in texts), (
            f"{item.title!r} is split from its {' · '.join(meta)!r} line"
        )


def test_a_split_paragraph_paints_each_line_on_one_page(qapp: object, tmp_path: Path) -> None:
    """Prose long enough to break across pages: every word is read on exactly one page."""
    words = [f"w{index:04d}" for index in range(6000)]
    paragraphs = "".join(
        f"<p>{' '.join(words[start : start + 300])}</p>" for start in range(0, len(words), 300)
    )
    out = tmp_path / "prose.pdf"
    writer = pdf_writer(out, paper=Paper.A4, title="prose")
    pages = paint_document(
        text_document(f"<html><body>{paragraphs}</body></html>"), writer, PageFurniture("Prose")
    )
    del writer
    texts = page_texts(out)
    assert len(texts) == pages > 2
    seen = [word for text in texts for word in text.split() if word.startswith("w")]
    assert sorted(seen) == words


@pytest.mark.parametrize("paper", list(Paper))
def test_appendix_dates_and_year_headers_stay_on_one_line(
    demo: Journal, documents: dict[str, ReportDocument], paper: Paper, tmp_path: Path
) -> None:
    """The mentor sessions' Date column fits the widest date, and the year-by-year table
    its labels and headers, on A4 too."""
    start, end = ONE_YEAR
    options = ReportOptions(start=start, end=end, prepared_on=TODAY, paper=paper, appendix=True)
    document = build_report(demo, options)
    text = " ".join(page_texts(_pdf(document, paper, tmp_path)))
    assert document.sessions
    for session in document.sessions:
        assert short_date(session.date) in text, short_date(session.date)
    html, _ = _pages(documents["10 years"], paper, tmp_path)
    wanted = {"Year", "Sessions", "Assignments", "Hours", "Reflections", "Mean rating"}
    wanted |= {"Items done"} | {year.label for year in documents["10 years"].years}
    found = {}
    for block in _blocks(html):
        text = block.text().replace("\xa0", " ")
        if text in wanted and QTextCursor(block).currentTable():
            found[text] = block.layout().lineCount()
    assert found == dict.fromkeys(wanted, 1)
