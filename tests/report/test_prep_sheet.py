"""The mentor-session prep sheet: exactly one page, with the items that matter first, the
wins and goals since the last session, and what the user wants from it, read back from
the PDF."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmo_journal.core import clock
from pmo_journal.core.disclosure import DisclosureChoice
from pmo_journal.core.models import AssignmentKind, AssignmentStatus, Relationship
from pmo_journal.core.services.action_items import list_action_items, set_action_item_done
from pmo_journal.core.services.goals import create_goal, set_milestone_done
from pmo_journal.core.services.helper_assignments import log_helper_assignment
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.reflections import log_skill_reflection
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.options import Paper
from pmo_journal.report.prep_sheet import build_prep_sheet, save_prep_sheet_pdf
from pmo_journal.report.wording import clip, figure
from tests.journal_template import JournalTemplate
from tests.report.conftest import KnownJournal
from tests.report.pdf_text import page_texts

pytestmark = pytest.mark.usefixtures("qapp")

TODAY = dt.date(2027, 3, 1)
LAST = dt.date(2027, 2, 1)  # the last session with the mentor
PRIVATE = "Zanzibar"  # planted in private places; never printed unless asked
DAY = dt.timedelta(days=1)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(autouse=True)
def at_today() -> Iterator[None]:
    """The journal's clock on ``TODAY``: milestones done since are not "in the future"."""
    with clock.as_of(TODAY):
        yield


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
    assert "Next session with Sarah Okafor Head of PMO · Prepared on 20 July 2026" in text
    assert "Book a slot at the PMO community of practice (from 10 Mar 2026)" in text
    assert "Talk about value, not activity" in text  # the last session's takeaways
    assert "Nothing completed or rated since the last session." in text
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


# --------------------------------------------------------------------------- a busy mentor


@dataclass(frozen=True)
class BusyJournal:
    journal: Journal
    mentor_id: int
    quiet_mentor_id: int


def fill_busy_journal(journal: Journal, *, old_items: int, text: str = "") -> BusyJournal:
    """Years of sessions with one mentor: many old open items, three agreed at the last
    session, wins and goals since, and private entries carrying the marker word."""
    skills = {skill.name: skill.id for skill in list_skills(journal)}
    mentor = create_person(
        journal,
        data={"name": "Ines Carvalho", "role": "PMO director", "relationship": Relationship.MENTOR},
    )
    quiet = create_person(
        journal, data={"name": "Noor Haddad", "relationship": Relationship.MENTOR}
    )
    long_text = text or "Walk through the benefits register together."
    for index in range(old_items):
        day = dt.date(2017, 1, 10) + dt.timedelta(days=30 * index)
        log_mentor_session(
            journal,
            data={
                "date": day,
                "mentor_id": mentor.id,
                "topics": long_text,
                "new_action_items": [
                    {"text": f"Old item number {index + 1}", "due_date": day + dt.timedelta(30)}
                ],
            },
        )
    log_mentor_session(
        journal,
        data={
            "date": LAST,
            "mentor_id": mentor.id,
            "topics": "Preparing the intake board " + long_text,
            "decisions": "The PMO agreed to pilot a scoring sheet. " + long_text,
            "takeaways": "Ask for the decision, not for feedback. " + long_text,
            "next_session_date": dt.date(2027, 3, 4),
            "new_action_items": [
                {"text": "Agreed item: draft the scoring sheet", "due_date": TODAY + DAY * 9},
                {"text": "Agreed item: book the portfolio review", "due_date": TODAY - DAY * 9},
                {"text": "Agreed item: read the maturity report"},
            ],
        },
    )
    log_mentor_session(
        journal,
        data={
            "date": dt.date(2027, 1, 5),
            "mentor_id": mentor.id,
            "topics": f"{PRIVATE} restructuring",
            "private": True,
            "new_action_items": [{"text": f"{PRIVATE} private item"}],
        },
    )
    first = next(i for i in list_action_items(journal) if i.text == "Old item number 1")
    if old_items > 1:
        set_action_item_done(journal, first.id, done_on=dt.date(2027, 2, 10))
    for title, private in (("Portfolio dashboard refresh", False), (f"{PRIVATE} audit", True)):
        log_helper_assignment(
            journal,
            data={
                "title": title,
                "kind": AssignmentKind.METRICS_ANALYSIS,
                "start_date": dt.date(2027, 2, 3),
                "end_date": dt.date(2027, 2, 17),
                "hours": 6,
                "status": AssignmentStatus.DONE,
                "outcome": "The board now reads one page.",
                "private": private,
            },
        )
    for day, rating in ((dt.date(2026, 12, 1), 2), (dt.date(2027, 2, 20), 4)):
        log_skill_reflection(
            journal,
            data={
                "date": day,
                "skill_id": skills["Strategic thinking"],
                "rating": rating,
                "result": "The funnel lost two weak proposals.",
            },
        )
    log_skill_reflection(
        journal,
        data={
            "date": dt.date(2027, 2, 21),
            "skill_id": skills["Collaborative leadership"],
            "rating": 5,
            "result": f"{PRIVATE} went well",
            "private": True,
        },
    )
    goal = create_goal(
        journal,
        data={
            "target_role": "PMO lead",
            "target_date": dt.date(2028, 6, 30),
            "milestones": [
                {"title": "Run the intake board", "due_date": dt.date(2027, 1, 31)},
                {"title": "Present the portfolio review", "due_date": dt.date(2027, 6, 30)},
            ],
        },
    )
    set_milestone_done(journal, goal.milestones[0].id, done_on=dt.date(2027, 2, 15))
    create_goal(journal, data={"target_role": f"{PRIVATE} role", "private": True})
    return BusyJournal(journal, mentor.id, quiet.id)


@pytest.fixture(scope="module")
def busy(
    journal_template: JournalTemplate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BusyJournal]:
    journal = journal_template.open(tmp_path_factory.mktemp("busy") / "journal.db")
    with clock.as_of(TODAY):
        filled = fill_busy_journal(journal, old_items=40)
    yield filled
    journal.close()


def _write(busy: BusyJournal, tmp_path: Path, paper: Paper, **options: object) -> tuple[int, str]:
    sheet = build_prep_sheet(busy.journal, busy.mentor_id, today=TODAY, **options)  # type: ignore[arg-type]
    out = tmp_path / f"prep-{paper.value}.pdf"
    pages = save_prep_sheet_pdf(sheet, out, paper=paper)
    texts = page_texts(out)
    assert pages == len(texts)
    return pages, " ".join(texts)


@pytest.mark.parametrize("paper", list(Paper))
def test_a_busy_sheet_is_one_page_with_the_last_sessions_items_first(
    busy: BusyJournal, tmp_path: Path, paper: Paper
) -> None:
    pages, text = _write(busy, tmp_path, paper)
    assert pages == 1
    # The three agreed at the last session lead, whatever their due dates.
    assert "Agreed on 1 February 2027" in text
    agreed = [
        text.index("Agreed item: book the portfolio review"),
        text.index("Agreed item: draft the scoring sheet"),
        text.index("Agreed item: read the maturity report"),
    ]
    assert agreed == sorted(agreed)  # by due date, the undated last
    assert "book the portfolio review overdue since 20 Feb 2027" in text
    assert "draft the scoring sheet (due 10 Mar 2027)" in text
    # Then the earlier ones by due date, overdue marked; the rest counted.
    assert "Old item number 2 overdue since 11 Mar 2017" in text
    assert text.index("Agreed item: read") < text.index("Old item number 2 ")
    more = re.search(r"…and (\d+) more in the journal, (\d+) of them overdue\.", text)
    assert more is not None
    shown = len(re.findall(r"Old item number \d+ ", text))
    assert int(more.group(1)) == int(more.group(2)) == 39 - shown
    assert "Old item number 1 " not in text  # done since the last session


@pytest.mark.parametrize("paper", list(Paper))
def test_wins_goals_and_the_ask(busy: BusyJournal, tmp_path: Path, paper: Paper) -> None:
    ask = "Whether to apply for the PMO lead opening in April."
    _, text = _write(busy, tmp_path, paper, ask=ask)
    assert f"What I want from this session {ask}" in text
    assert "Wins since the last session ✓ Portfolio dashboard refresh (done 17 Feb 2027)" in text
    assert "✓ 1 action item done" in text
    assert "Strategic thinking 2 → 4 of 5" in text
    assert "Progress on goals PMO lead by 30 June 2028: 1 of 2 milestones done" in text
    assert "1 since the last session" in text
    assert "Next: Present the portfolio review (due 30 Jun 2027)" in text
    assert "Next session was planned for 4 March 2027" not in text  # still ahead
    assert "Next session planned for 4 March 2027" in text
    assert not ISO_DATE.search(text)
    assert PRIVATE not in text


def test_private_entries_are_marked_when_included(
    journal_template: JournalTemplate, tmp_path: Path
) -> None:
    journal = journal_template.open(tmp_path / "few.db")
    try:
        filled = fill_busy_journal(journal, old_items=2)
        hidden = build_prep_sheet(journal, filled.mentor_id, today=TODAY)
        out = tmp_path / "hidden.pdf"
        save_prep_sheet_pdf(hidden, out, paper=Paper.A4)
        (text,) = page_texts(out)
        assert PRIVATE not in text and "(private)" not in text
        assert "Collaborative leadership" not in text  # its only rating is private
        shown = build_prep_sheet(
            journal, filled.mentor_id, today=TODAY, choice=DisclosureChoice(include_private=True)
        )
        save_prep_sheet_pdf(shown, out, paper=Paper.A4)
        (text,) = page_texts(out)
    finally:
        journal.close()
    assert "Private entries included" in text
    assert f"{PRIVATE} audit (done 17 Feb 2027) — The board now reads one page. (private)" in text
    assert f"{PRIVATE} private item (from 5 Jan 2027) (private)" in text
    assert "Collaborative leadership first rating, 5 of 5" in text


def test_long_texts_still_fit_one_page(journal_template: JournalTemplate, tmp_path: Path) -> None:
    journal = journal_template.open(tmp_path / "long.db")
    try:
        with clock.as_of(TODAY):
            filled = fill_busy_journal(journal, old_items=3, text="word " * 3000)
        sheet = build_prep_sheet(journal, filled.mentor_id, today=TODAY, ask="ask " * 2000)
        for paper in Paper:
            out = tmp_path / f"long-{paper.value}.pdf"
            assert save_prep_sheet_pdf(sheet, out, paper=paper) == 1
            (text,) = page_texts(out)
            assert "Agreed item: draft the scoring sheet" in text
            assert "…" in text  # the long texts were cut, not the page doubled
        empty = build_prep_sheet(journal, filled.quiet_mentor_id, today=TODAY)
        out = tmp_path / "first.pdf"
        assert save_prep_sheet_pdf(empty, out, paper=Paper.LETTER) == 1
        (text,) = page_texts(out)
        assert "This will be your first session together." in text
        assert "No action items are open." in text
    finally:
        journal.close()


def test_the_pdf_has_title_author_and_subject(busy: BusyJournal, tmp_path: Path) -> None:
    sheet = build_prep_sheet(busy.journal, busy.mentor_id, today=TODAY, author="Alex Morgan")
    out = tmp_path / "meta.pdf"
    save_prep_sheet_pdf(sheet, out, paper=Paper.A4)
    info = PdfReader(out).metadata
    assert info is not None
    assert info.title == "Mentor session prep — Ines Carvalho"
    assert info.author == "Alex Morgan"
    assert info.subject == (
        "Preparation for the next mentor session with Ines Carvalho, as of 1 March 2027"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["meta.pdf"]  # nothing left beside it


def test_anonymised_sheet_names_no_one(busy: BusyJournal, tmp_path: Path) -> None:
    _, text = _write(busy, tmp_path, Paper.LETTER, choice=DisclosureChoice(anonymise=True))
    assert "Next session with Mentor A" in text
    assert "Ines" not in text and "PMO director" not in text


def test_wording_helpers() -> None:
    assert figure(4.25) == "4.25"
    assert figure(156.25) == "156.25"
    assert figure(1234.5) == "1,234.5"
    assert figure(60) == "60"
    assert clip("one two three four", 12) == "one two…"
    assert clip("short", 12) == "short"


def test_a_rating_that_fell_is_no_win_but_is_named_to_talk_about(
    busy: BusyJournal, tmp_path: Path
) -> None:
    import dataclasses

    from pmo_journal.report.prep_sheet import RatingChange

    sheet = build_prep_sheet(busy.journal, busy.mentor_id, today=TODAY)
    sheet = dataclasses.replace(
        sheet,
        changes=[
            RatingChange("Strategic thinking", 2, 4),
            RatingChange("Collaborative leadership", 4, 3),
        ],
    )
    out = tmp_path / "prep.pdf"
    assert save_prep_sheet_pdf(sheet, out, paper=Paper.A4) == 1
    text = " ".join(page_texts(out))
    assert "Ratings: Strategic thinking 2 → 4 of 5" in text
    assert "Worth a word, rated lower: Collaborative leadership 4 → 3 of 5" in text
    assert "Ratings: Strategic thinking 2 → 4 of 5 · Collaborative" not in text
