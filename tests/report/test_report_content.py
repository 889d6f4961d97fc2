"""What the progress report says (issue #11): readiness through the disclosure rule, private
action items marked, the PDU cycle of the period, the radar's start, feedback across the
period, and the minor wording."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo_journal.core.models import Relationship
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.readiness import readiness_checklist
from pmo_journal.core.storage.db import Journal
from pmo_journal.report.build import build_report
from pmo_journal.report.gather import build_report_document
from pmo_journal.report.options import ReportOptions
from pmo_journal.report.render import save_report_pdf
from tests.report.pdf_text import all_text

pytestmark = pytest.mark.usefixtures("qapp")

MAY = (dt.date(2025, 5, 1), dt.date(2025, 5, 31))
HELD = "held_mentor_sessions"
FOUND = "found_mentor"
PRIVATE_ITEM = "Ask the board about the secret merger"
PUBLIC_ITEM = "Draft the intake scoring sheet"


def _one_public_six_private(journal: Journal) -> int:
    mentor = create_person(
        journal, data={"name": "Sarah Okafor", "relationship": Relationship.MENTOR}
    )
    log_mentor_session(
        journal,
        data={
            "date": dt.date(2025, 4, 1),
            "mentor_id": mentor.id,
            "topics": "Intake",
            "new_action_items": [{"text": PUBLIC_ITEM}],
        },
    )
    for day in range(6):
        log_mentor_session(
            journal,
            data={
                "date": dt.date(2025, 4, 2) + dt.timedelta(days=7 * day),
                "mentor_id": mentor.id,
                "topics": "Confidential",
                "private": True,
                "new_action_items": [{"text": f"{PRIVATE_ITEM} {day}"}] if day == 5 else [],
            },
        )
    return mentor.id


def _items(journal: Journal, *, include_private: bool) -> dict[str, bool]:
    checklist = readiness_checklist(journal, today=MAY[1], include_private=include_private)
    return {item.key: item.checked for item in checklist.items}


def test_readiness_counts_private_entries_only_when_they_are_included(journal: Journal) -> None:
    _one_public_six_private(journal)
    assert _items(journal, include_private=True)[HELD]  # the user's own screen: 7 sessions
    leaving = readiness_checklist(journal, today=MAY[1], include_private=False)
    held = next(item for item in leaving.items if item.key == HELD)
    assert not held.checked
    assert held.proofs == ()


def test_a_private_mentor_is_not_found_in_a_default_report(journal: Journal) -> None:
    mentor = create_person(
        journal, data={"name": "Zed Quist", "relationship": Relationship.MENTOR, "private": True}
    )
    log_mentor_session(
        journal, data={"date": dt.date(2025, 5, 2), "mentor_id": mentor.id, "topics": "Quiet chat"}
    )
    assert _items(journal, include_private=True)[FOUND]
    assert not _items(journal, include_private=False)[FOUND]


def _report_text(journal: Journal, tmp_path: Path, **options: object) -> str:
    report = ReportOptions(start=MAY[0], end=MAY[1], prepared_on=dt.date(2025, 6, 2), **options)  # type: ignore[arg-type]
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(journal, report), out)
    return all_text(out)


def test_the_default_report_does_not_tick_readiness_from_private_sessions(
    journal: Journal, tmp_path: Path
) -> None:
    _one_public_six_private(journal)
    default = build_report_document(journal, ReportOptions(start=MAY[0], end=MAY[1]))
    ticks = {row.title: row.checked for row in default.readiness}
    assert ticks["Met your mentor at least 6 times"] is False
    included = build_report_document(
        journal, ReportOptions(start=MAY[0], end=MAY[1], include_private=True)
    )
    assert {row.title: row.checked for row in included.readiness}[
        "Met your mentor at least 6 times"
    ]
    text = _report_text(journal, tmp_path)
    assert "☐ Met your mentor at least 6 times" in text


def test_included_private_action_items_are_marked(journal: Journal, tmp_path: Path) -> None:
    _one_public_six_private(journal)
    options = ReportOptions(
        start=dt.date(2025, 4, 1), end=MAY[1], include_private=True, appendix=True
    )
    document = build_report_document(journal, options)
    marks = {row.text: row.private for row in document.action_items}
    assert marks == {PUBLIC_ITEM: False, f"{PRIVATE_ITEM} 5": True}
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(journal, options), out)
    text = all_text(out)
    assert f"{PRIVATE_ITEM} 5 [PRIVATE]" in text
    assert f"{PUBLIC_ITEM} [PRIVATE]" not in text


def _cycle(journal: Journal) -> None:
    from pmo_journal.core.models import CertificationCycleCreate
    from pmo_journal.core.services.pdus import save_cycle

    save_cycle(
        journal,
        cycle_id=None,
        data=CertificationCycleCreate(
            start_date=dt.date(2025, 5, 30), end_date=dt.date(2028, 5, 29), current=True
        ),
    )


def _pdu_text(journal: Journal, tmp_path: Path, start: dt.date, end: dt.date) -> str:
    options = ReportOptions(start=start, end=end, prepared_on=dt.date(2026, 12, 3))
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(journal, options), out)
    text = all_text(out)
    return text[text.index("PMP renewal (PDUs)") :]


def test_a_past_period_outside_every_cycle_says_so_without_totals(
    journal: Journal, tmp_path: Path
) -> None:
    _cycle(journal)
    text = _pdu_text(journal, tmp_path, dt.date(2017, 1, 1), dt.date(2017, 6, 30))
    assert text.startswith(
        "PMP renewal (PDUs) No PMP cycle in the journal holds 30 June 2017, the end of this "
        "period, so no PDU totals are shown."
    )
    assert "30 May 2025" not in text and "needed" not in text


def test_a_period_running_past_today_says_why_its_standing_is_as_of_today(
    journal: Journal, tmp_path: Path
) -> None:
    _cycle(journal)
    text = _pdu_text(journal, tmp_path, dt.date(2026, 6, 1), dt.date(2027, 12, 31))
    assert (
        "as of 3 December 2026, the day this report was prepared (the period runs on to "
        "31 December 2027)" in text
    )
    ended = _pdu_text(journal, tmp_path, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert "· as of 30 June 2026 " in ended


def _rate(journal: Journal, ratings: list[tuple[dt.date, int]]) -> None:
    from pmo_journal.core.services.reflections import log_skill_reflection
    from pmo_journal.core.services.skills import list_skills

    skill = list_skills(journal)[0].id
    for day, rating in ratings:
        log_skill_reflection(
            journal,
            data={"date": day, "skill_id": skill, "rating": rating, "situation": "Workshop"},
        )


def _radar(journal: Journal, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
    from pmo_journal.report.figures import report_figures

    options = ReportOptions(start=start, end=end, prepared_on=dt.date(2026, 12, 3))
    return next(f for f in report_figures(journal, options) if f.key == "radar")


def _legend(printed) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.get_text() for legend in printed.figure.legends for text in legend.get_texts()]


def test_the_radar_starts_where_the_growth_table_does_when_nothing_precedes_the_period(
    journal: Journal,
) -> None:
    _rate(journal, [(dt.date(2020, 3, 1), 2), (dt.date(2020, 4, 1), 3), (dt.date(2026, 5, 1), 5)])
    start, end = dt.date(2017, 1, 1), dt.date(2026, 11, 30)
    printed = _radar(journal, start, end)
    assert "Start of the period" in _legend(printed)
    assert "its level at the start as in Growth by skill (dotted)" in printed.title
    table = build_report_document(journal, ReportOptions(start=start, end=end))
    ring = {
        spoke.get_label(): list(spoke.get_ydata()) for spoke in printed.figure.axes[0].get_lines()
    }["Start of the period"]
    # Its first 90 days hold two ratings: the level rests on the period's first three.
    level = table.summary.skills[0].start
    assert level == pytest.approx((2 + 3 + 5) / 3)
    assert any(value == pytest.approx(level) for value in ring)


def test_a_period_without_ratings_gets_a_sentence_not_a_radar_of_targets(
    journal: Journal,
) -> None:
    from pmo_journal.report.figures import _image

    _rate(journal, [(dt.date(2020, 3, 1), 2)])
    printed = _radar(journal, dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    image = _image(printed)
    assert image.note == "No self-ratings in this period, so no radar is drawn."
    assert image.rgba == b""


def test_feedback_of_a_long_period_is_chosen_across_it_and_the_rest_counted(
    journal: Journal, tmp_path: Path
) -> None:
    from pmo_journal.core.models import AssignmentStatus
    from pmo_journal.core.services.helper_assignments import log_helper_assignment

    for year in range(2017, 2027):
        for month in (3, 6, 9):
            day = dt.date(year, month, 10)
            log_helper_assignment(
                journal,
                data={
                    "title": f"Metrics pack {day:%b %Y}",
                    "start_date": day,
                    "end_date": day,
                    "status": AssignmentStatus.DONE,
                    "feedback": f"Useful pack, {day:%B %Y}.",
                },
            )
    options = ReportOptions(
        start=dt.date(2017, 1, 1), end=dt.date(2026, 11, 30), prepared_on=dt.date(2026, 12, 3)
    )
    document = build_report_document(journal, options)
    years = sorted({row.date.year for row in document.feedback})
    assert years == list(range(2017, 2027))
    assert document.feedback_more == 30 - len(document.feedback)
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(journal, options), out)
    text = all_text(out)
    assert "Useful pack, September 2017." in text
    assert f"…and {document.feedback_more} more in the journal." in text


def test_a_low_self_rating_is_not_an_achievement(journal: Journal) -> None:
    from pmo_journal.core.services.reflections import log_skill_reflection
    from pmo_journal.core.services.skills import list_skills

    skill = list_skills(journal)[0].id
    for rating, result in ((1, "The workshop fell apart."), (4, "Both teams signed the plan.")):
        log_skill_reflection(
            journal,
            data={
                "date": dt.date(2025, 5, 2 + rating),
                "skill_id": skill,
                "rating": rating,
                "situation": "Workshop",
                "result": result,
                "starred": True,
            },
        )
    document = build_report_document(journal, ReportOptions(start=MAY[0], end=MAY[1]))
    titles = [h.title for group in document.highlights for h in group.highlights]
    assert titles == ["Both teams signed the plan."]


def test_the_year_table_starts_at_the_first_year_with_entries(
    journal: Journal, tmp_path: Path
) -> None:
    _one_public_six_private(journal)
    options = ReportOptions(
        start=dt.date(2017, 1, 1), end=dt.date(2026, 11, 30), prepared_on=dt.date(2026, 12, 3)
    )
    document = build_report_document(journal, options)
    assert [row.label[:4] for row in document.years] == ["2025", "2026"]
    out = tmp_path / "report.pdf"
    save_report_pdf(build_report(journal, options), out)
    assert "The table starts in 2025, the first year of the period with entries." in all_text(out)


def test_one_rating_in_the_last_ninety_days_does_not_set_the_level_alone(
    journal: Journal,
) -> None:
    """3, 3, 3, 3, 2 through the year and one 4 in its last 90 days: the end level is the
    mean of the last three ratings, not the 4 alone (a headline never rests on one rating)."""
    year = [dt.date(2026, month, 5) for month in (1, 3, 5, 6, 7)]
    _rate(journal, [*zip(year, [3, 3, 3, 3, 2], strict=True), (dt.date(2026, 11, 9), 4)])
    table = build_report_document(
        journal, ReportOptions(start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 30))
    )
    [change] = [c for c in table.summary.skills if c.reflections]
    assert change.end == pytest.approx((3 + 2 + 4) / 3)
    assert change.start == pytest.approx(3.0)  # the period's first three (none before it)
