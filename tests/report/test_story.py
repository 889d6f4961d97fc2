"""Pages 1-2 tell the story of the period, in words and numbers a reader trusts.

Each rule is checked on a real PDF read back with pypdf.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmo_journal import cli
from pmo_journal.core.models import AssignmentKind, AssignmentStatus, Relationship
from pmo_journal.core.services import pdus
from pmo_journal.core.services.helper_assignments import log_helper_assignment
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.reflections import log_skill_reflection
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.build import build_report
from pmo_journal.report.compose import hours_text, sentence_dates
from pmo_journal.report.options import ReportOptions, Section, TitlePage
from pmo_journal.report.render import save_report_pdf
from tests.journal_template import JournalTemplate
from tests.report.pdf_text import all_text, page_texts

pytestmark = pytest.mark.usefixtures("qapp")

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
# The headline skill's ratings in the period: one off-day (a 3) at the very end.
RATINGS = [3, 3, 3, 3, 3, 4, 4, 4, 3]
FEEDBACK = "Priya: the board finally read a benefits page to the end"
OUTCOME = "The steering group adopted the one-page benefits brief."
DROPPED = "Shadow the vendor negotiation"
PRIVATE_RESULT = "kestrelwing private turnaround"


def _story(journal: Journal) -> Journal:
    skills = {skill.name: skill.id for skill in list_skills(journal)}
    leadership = skills["Collaborative leadership"]
    leader = create_person(
        journal,
        data={
            "name": "Priya Raman",
            "role": "Head of PMO",
            "relationship": Relationship.PMO_LEADER,
        },
    )
    log_skill_reflection(
        journal,
        data={"date": dt.date(2024, 12, 1), "skill_id": leadership, "rating": 3, "result": "Held"},
    )
    days = [dt.date(2025, month, 10) for month in range(2, 11)]
    days[-1] = dt.date(2025, 12, 20)
    days[-2] = dt.date(2025, 11, 10)
    days[-3] = dt.date(2025, 10, 10)
    for day, rating in zip(days, RATINGS, strict=True):
        log_skill_reflection(
            journal,
            data={
                "date": day,
                "skill_id": leadership,
                "rating": rating,
                "situation": "Two teams disagreed.",
                "result": "Both teams signed the plan. Then more.",
                "starred": day == days[5],
            },
        )
    log_skill_reflection(
        journal,
        data={
            "date": dt.date(2025, 6, 3),
            "skill_id": leadership,
            "rating": 4,
            "result": PRIVATE_RESULT,
            "starred": True,
            "private": True,
        },
    )
    log_helper_assignment(
        journal,
        data={
            "title": "Benefits brief",
            "kind": AssignmentKind.METRICS_ANALYSIS,
            "leader_id": leader.id,
            "start_date": dt.date(2025, 3, 2),
            "end_date": dt.date(2025, 3, 20),
            "hours": 4.25,
            "status": AssignmentStatus.DONE,
            "outcome": OUTCOME,
            "feedback": FEEDBACK,
            "skill_ids": [leadership],
        },
    )
    log_helper_assignment(
        journal,
        data={
            "title": DROPPED,
            "kind": AssignmentKind.OTHER,
            "start_date": dt.date(2025, 5, 2),
            "end_date": dt.date(2025, 5, 9),
            "hours": 1152,
            "status": AssignmentStatus.DROPPED,
            "starred": True,
        },
    )
    pdus.create_cycle(
        journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
    )
    pdus.add_claim(
        journal,
        data={
            "date": dt.date(2025, 3, 1),
            "category": "education",
            "activity": "course_or_training",
            "hours": 20,
            "ways_of_working": 20,
            "description": "Portfolio management course",
        },
    )
    return journal


@pytest.fixture(scope="module")
def story(journal_template: JournalTemplate, tmp_path_factory: pytest.TempPathFactory) -> Journal:
    journal = journal_template.open(tmp_path_factory.mktemp("story") / "journal.db")
    yield _story(journal)  # type: ignore[misc]
    journal.close()


def _options(**changes: object) -> ReportOptions:
    options = ReportOptions(
        start=START,
        end=END,
        title=TitlePage("Alex Morgan", "Project manager", "Jo Lee"),
        prepared_on=dt.date(2026, 1, 5),
        summary="I moved from running one project to shaping how the portfolio reports.",
    )
    return dataclasses.replace(options, **changes)  # type: ignore[arg-type]


def _write(journal: Journal, folder: Path, name: str = "report.pdf", **changes: object) -> Path:
    out = folder / name
    save_report_pdf(build_report(journal, _options(**changes)), out)
    return out


@pytest.fixture(scope="module")
def story_pdf(story: Journal, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(story, tmp_path_factory.mktemp("story-pdf"))


def test_hours_print_in_quarter_hours_with_thousands_separators() -> None:
    assert [hours_text(h) for h in (4.25, 4.5, 156.25, 1250.75, 10, 0)] == [
        "4.25",
        "4.5",
        "156.25",
        "1,250.75",
        "10",
        "0",
    ]


def test_one_off_day_never_flips_the_headline(story: Journal, story_pdf: Path) -> None:
    [change] = [c for c in build_report(story, _options()).summary.skills if c.headline][:1]
    assert change.skill == "Collaborative leadership"
    assert change.start == pytest.approx(3.0)
    assert change.end is not None and change.end > change.start
    text = all_text(story_pdf)
    headline = r"Collaborative leadership \(headline\) 3\.0 3\.\d ▲ \+0\.\d 9 from 3 to 4"
    row = re.search(headline, text)
    assert row, text[:2000]
    assert "−1" not in text


def test_page_two_tells_the_story_first(story_pdf: Path) -> None:
    page = page_texts(story_pdf)[1]
    words = page.index("In my own words")
    assert "shaping how the portfolio reports" in page
    assert words < page.index("Growth by skill") < page.index("Top achievements")


def test_achievements_are_titled_by_result_with_status(story_pdf: Path) -> None:
    text = all_text(story_pdf)
    achievements = text[text.index("Top achievements") : text.index("Feedback received")]
    assert OUTCOME in achievements and "Done" in achievements
    assert DROPPED in achievements and "Dropped" in achievements
    assert "Both teams signed the plan." in achievements
    assert "Rated " not in achievements


def test_feedback_received_is_quoted(story_pdf: Path) -> None:
    text = all_text(story_pdf)
    feedback = text[text.index("Feedback received") :]
    assert FEEDBACK in feedback and "Priya Raman" in feedback


def test_the_same_hours_everywhere(story: Journal, tmp_path: Path) -> None:
    text = all_text(_write(story, tmp_path, appendix=True))
    assert "1,156.25 hours on 2 helper assignments" in text
    assert re.search(r"\b4\.25\b", text) and not re.search(r"\b4\.2\b", text)


def test_the_pdf_has_title_author_and_subject(story_pdf: Path) -> None:
    info = PdfReader(story_pdf).metadata
    assert info is not None
    assert info.title and "Progress report" in info.title and "2025" in info.title
    assert info.author == "Alex Morgan"
    assert info.subject and "1 January 2025" in info.subject


def test_private_entries_are_marked_in_the_body(story: Journal, tmp_path: Path) -> None:
    assert PRIVATE_RESULT not in all_text(_write(story, tmp_path))
    text = all_text(_write(story, tmp_path, "private.pdf", include_private=True, appendix=True))
    assert re.search(PRIVATE_RESULT + r"\s*\[PRIVATE\]", text)
    assert text.count("[PRIVATE]") >= 2  # the achievement and the reflection in the appendix


def test_an_unrated_headline_skill_is_said_in_the_readers_terms(
    story: Journal, tmp_path: Path
) -> None:
    text = all_text(_write(story, tmp_path, sections=frozenset({Section.CHARTS})))
    assert "No strategic thinking ratings in this period." in text
    assert "Log a reflection" not in text


def test_the_radar_compares_with_the_start_of_the_period(story_pdf: Path) -> None:
    text = all_text(story_pdf)
    assert "its level at the start as in Growth by skill" in text and "twelve months" not in text


def test_full_logs_only_in_the_appendix(story: Journal, tmp_path: Path) -> None:
    plain = all_text(_write(story, tmp_path))
    assert "Appendix" not in plain and "Then more." not in plain
    assert "action items completed" in plain  # action items as counts
    full = all_text(_write(story, tmp_path, "full.pdf", appendix=True))
    appendix = full[full.index("Appendix: the full logs") :]
    assert "Reflections" in appendix and "Both teams signed the plan. Then more." in appendix


def test_summary_and_appendix_from_the_command_line(story: Journal, tmp_path: Path) -> None:
    out = tmp_path / "cli.pdf"
    args = ["report", "--db", str(story.path), "--from", "2025-01-01", "--to", "2025-12-31"]
    args += ["--out", str(out), "--summary", "A year of quiet wins.", "--appendix"]
    assert cli.run(args) == 0
    text = all_text(out)
    assert "A year of quiet wins." in text and "Appendix: the full logs" in text


def test_dates_in_sentences_are_spelled_out(story_pdf: Path) -> None:
    text = all_text(story_pdf)
    assert "Pace —" in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)


def test_sentence_dates() -> None:
    assert sentence_dates("you finish on 2027-01-27.") == "you finish on 27 January 2027."


def test_an_empty_period_has_no_chart_telling_the_user_what_to_do(
    journal: Journal, tmp_path: Path
) -> None:
    document = build_report(journal, _options(sections=frozenset({Section.CHARTS})))
    assert document.charts and not any(chart.rgba for chart in document.charts)
    out = tmp_path / "empty.pdf"
    save_report_pdf(document, out)
    text = all_text(out)
    assert "No self-ratings in this period, so no radar is drawn." in text
    assert "No mentor sessions, reflections or helper hours in this period." in text
    assert "No collaborative leadership ratings in this period." in text
    assert "Log a" not in text
