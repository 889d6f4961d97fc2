"""The report PDF, read back: pages, furniture, period, privacy, paper and anonymity."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmo_journal.core.storage.db import Journal
from pmo_journal.report.build import build_report
from pmo_journal.report.options import Paper, ReportOptions, Section, TitlePage
from pmo_journal.report.render import save_report_pdf
from tests.report.conftest import PERIOD, KnownJournal
from tests.report.pdf_text import all_text, page_size_points, page_texts

pytestmark = pytest.mark.usefixtures("qapp")


NO_CHARTS = frozenset(Section) - {Section.CHARTS}  # charts are tested once; they are slow


def write(journal: Journal, tmp_path: Path, **changes: object) -> Path:
    options = ReportOptions(
        start=PERIOD[0],
        end=PERIOD[1],
        title=TitlePage("Alex Morgan", "Project manager", "Jo Lee"),
        sections=NO_CHARTS,
        appendix=True,
    )
    options = dataclasses.replace(options, **changes)
    out = tmp_path / "report.pdf"
    pages = save_report_pdf(build_report(journal, options), out)
    assert len(PdfReader(out).pages) == pages
    return out


def test_every_page_has_the_period_and_page_i_of_n(
    known_journal: KnownJournal, tmp_path: Path
) -> None:
    journal = known_journal.journal
    texts = page_texts(write(journal, tmp_path))
    count = len(texts)
    assert count >= 3
    # The title page has no running header or footer; it counts as page 1.
    assert "Page 1 of" not in texts[0] and "Progress report ·" not in texts[0]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {count}" in text
        assert text.startswith("Progress report · 1 January 2026 – 30 June 2026")  # header
    assert "Alex Morgan" in texts[0] and "Jo Lee" in texts[0]


def test_headline_skills_and_summary_figures(known_journal: KnownJournal, tmp_path: Path) -> None:
    journal = known_journal.journal
    text = all_text(write(journal, tmp_path))
    assert "Collaborative leadership" in text
    assert "Strategic thinking" in text
    assert "12.5 hours on 1 helper assignment" in text
    assert "1 mentor sessions with 1 mentor" in text or "1 mentor session" in text
    assert "1 action items completed" in text


def test_entries_inside_the_period_only(known_journal: KnownJournal, tmp_path: Path) -> None:
    journal = known_journal.journal
    text = all_text(write(journal, tmp_path))
    assert known_journal.inside_topic in text
    assert known_journal.assignment_title in text
    assert known_journal.starred_result in text  # the starred reflection's evidence
    assert known_journal.before_topic not in text
    assert known_journal.after_topic not in text


def test_private_entries_only_when_asked_for(known_journal: KnownJournal, tmp_path: Path) -> None:
    journal = known_journal.journal
    hidden = all_text(write(journal, tmp_path))
    assert "Confidential" not in hidden
    shown = all_text(write(journal, tmp_path, include_private=True))
    assert known_journal.private_text in shown
    assert "This report includes entries marked private" in shown


@pytest.mark.parametrize(
    ("paper", "size"), [(Paper.A4, (595.3, 841.9)), (Paper.LETTER, (612.0, 792.0))]
)
def test_paper_sizes(
    known_journal: KnownJournal,
    tmp_path: Path,
    paper: Paper,
    size: tuple[float, float],
) -> None:
    width, height = page_size_points(write(known_journal.journal, tmp_path, paper=paper))
    assert width == pytest.approx(size[0], abs=1)
    assert height == pytest.approx(size[1], abs=1)


def test_anonymised_report_hides_names(known_journal: KnownJournal, tmp_path: Path) -> None:
    journal = known_journal.journal
    named = all_text(write(journal, tmp_path))
    assert "Sarah Okafor" in named and "Marcus Bell" in named
    text = all_text(write(journal, tmp_path, anonymise=True))
    for name in ("Sarah", "Okafor", "Marcus", "Bell"):
        assert name not in text
    # Role-free pseudonyms, the same one each time; no job title that identifies.
    assert re.search(r"Mentor [A-Z]\b", text) and re.search(r"PMO leader [A-Z]\b", text)
    assert "Head of PMO" not in text and "Portfolio director" not in text


def test_empty_period_renders_with_a_kind_sentence(journal: Journal, tmp_path: Path) -> None:
    text = all_text(write(journal, tmp_path))
    assert "Nothing was logged in this period" in text
    assert "No mentor sessions in this period." in text


def test_sections_can_be_left_out(known_journal: KnownJournal, tmp_path: Path) -> None:
    journal = known_journal.journal
    out = write(journal, tmp_path, sections=frozenset({Section.SUMMARY}))
    text = all_text(out)
    assert "Summary" in text
    assert known_journal.inside_topic not in text
    assert "Highlights" not in text


def test_text_is_real_text_in_embedded_fonts(known_journal: KnownJournal, tmp_path: Path) -> None:
    journal = known_journal.journal
    reader = PdfReader(write(journal, tmp_path))
    embedded = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for font in fonts.values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor.get_object():
                    embedded.add(str(font["/BaseFont"]))
    assert any("DejaVuSans" in name for name in embedded)


def test_charts_are_embedded_at_print_resolution(
    known_journal: KnownJournal, tmp_path: Path
) -> None:
    out = write(known_journal.journal, tmp_path, sections=frozenset(Section))
    reader = PdfReader(out)
    widths = sorted(image.image.width for page in reader.pages for image in page.images)
    # Two headline skills and activity at 6.3 in wide, the radar at 4.4 in, all at 300 dpi.
    assert len(widths) == 4
    assert widths[0] >= 4.4 * 300 - 1
    assert widths[1:] == [round(6.3 * 300)] * 3
    assert "Skill growth" in all_text(out)
