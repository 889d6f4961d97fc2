"""The mentor-session prep sheet: one page with what is open, what changed and what was said."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo_journal.core.disclosure import DisclosureChoice
from pmo_journal.report.options import Paper
from pmo_journal.report.prep_sheet import build_prep_sheet, save_prep_sheet_pdf
from tests.report.conftest import KnownJournal
from tests.report.pdf_text import page_texts

pytestmark = pytest.mark.usefixtures("qapp")


def test_prep_sheet_after_the_last_session(known_journal: KnownJournal, tmp_path: Path) -> None:
    sheet = build_prep_sheet(
        known_journal.journal, known_journal.mentor_id, today=dt.date(2026, 7, 20)
    )
    assert sheet.last_session == dt.date(2026, 7, 1)  # the private 12 May session is left out
    assert [item.text for item in sheet.open_items] == [
        "Book a slot at the PMO community of practice"
    ]
    out = tmp_path / "prep.pdf"
    assert save_prep_sheet_pdf(sheet, out, paper=Paper.LETTER) == 1
    (text,) = page_texts(out)
    assert "Next session with Sarah Okafor, Head of PMO" in text
    assert "Book a slot at the PMO community of practice" in text
    assert "Talk about value, not activity" in text  # the last session's takeaways
    assert "No reflections since the last session." in text
    assert "Notes" in text and "Page 1 of 1" in text
    assert known_journal.private_text not in text


def test_rating_changes_since_an_earlier_session(known_journal: KnownJournal) -> None:
    sheet = build_prep_sheet(
        known_journal.journal, known_journal.mentor_id, today=dt.date(2026, 6, 15)
    )
    assert sheet.last_session == dt.date(2026, 3, 10)
    changes = {change.skill: (change.before, change.now) for change in sheet.changes}
    assert changes == {"Strategic thinking": (1, 3)}  # the private April rating stays out
    shown = build_prep_sheet(
        known_journal.journal,
        known_journal.mentor_id,
        today=dt.date(2026, 6, 15),
        choice=DisclosureChoice(include_private=True),
    )
    assert shown.last_session == dt.date(2026, 5, 12)
