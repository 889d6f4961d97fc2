"""Review periods, and how people are named when a report is anonymised."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core.models import PersonRead, Relationship
from pmo_journal.core.validation import JournalError
from pmo_journal.report.options import PeriodPreset, ReportOptions, months_before, preset_period
from pmo_journal.report.people import PeopleNamer, initials


@pytest.mark.parametrize(
    ("preset", "today", "start"),
    [
        (PeriodPreset.QUARTER, dt.date(2026, 6, 30), dt.date(2026, 4, 1)),
        (PeriodPreset.QUARTER, dt.date(2026, 5, 31), dt.date(2026, 3, 1)),
        (PeriodPreset.HALF_YEAR, dt.date(2026, 8, 29), dt.date(2026, 2, 28)),
        (PeriodPreset.YEAR, dt.date(2024, 2, 29), dt.date(2023, 3, 1)),
    ],
)
def test_presets_end_today(preset: PeriodPreset, today: dt.date, start: dt.date) -> None:
    assert preset_period(preset, today=today) == (start, today)


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 2) == dt.date(2025, 11, 15)


def test_an_inverted_period_is_refused_in_words() -> None:
    with pytest.raises(JournalError, match=r"starts .* after it ends"):
        ReportOptions(start=dt.date(2026, 2, 1), end=dt.date(2026, 1, 1))


def person(person_id: int, name: str, role: str, *, private: bool = False) -> PersonRead:
    return PersonRead(
        id=person_id,
        uuid=str(person_id),
        name=name,
        role=role,
        relationship=Relationship.MENTOR,
        archived=False,
        starred=False,
        private=private,
        reminder_snoozed_until=None,
    )


def test_initials_keep_hyphenated_names() -> None:
    assert initials("Priya Raman-Shah") == "P. R.-S."


def test_anonymised_names_and_scrubbed_text() -> None:
    people = [person(1, "Sarah Okafor", "Head of PMO"), person(2, "Marcus Bell", "")]
    namer = PeopleNamer(people, anonymise=True, include_private=False)
    assert namer.name(1) == "S. O. (Head of PMO)"
    assert namer.name(2) == "M. B. (Mentor)"
    assert namer.scrub("Sarah said Marcus Bell and Sarah Okafor agreed.") == (
        "S. O. said M. B. and S. O. agreed."
    )
    assert namer.scrub("Sarahs and Bellamy stay.") == "Sarahs and Bellamy stay."


def test_a_private_person_is_anonymised_unless_private_entries_are_asked_for() -> None:
    people = [person(1, "Sarah Okafor", "Head of PMO", private=True), person(2, "Marcus Bell", "")]
    hidden = PeopleNamer(people, anonymise=False, include_private=False)
    assert hidden.name(1) == "S. O. (Head of PMO)" and hidden.name(2) == "Marcus Bell"
    shown = PeopleNamer(people, anonymise=False, include_private=True)
    assert shown.name(1) == "Sarah Okafor"
