"""PDU cycles, claims and suggestions on a real journal file."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core.models import EntryKind, PduCategory
from pmo_journal.core.services import pdu_suggestions, pdus
from pmo_journal.core.services.helper_assignments import log_helper_assignment
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.services.timeline import delete_entry
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, JournalError

START = dt.date(2024, 6, 1)
END = dt.date(2027, 5, 31)


@pytest.fixture
def cycle(journal: Journal) -> int:
    return pdus.create_cycle(journal, data={"start_date": START, "end_date": END}).id


def reading(day: dt.date = dt.date(2025, 2, 3), **extra: object) -> dict[str, object]:
    return {
        "date": day,
        "category": PduCategory.EDUCATION,
        "activity": "reading",
        "hours": 2.5,
        "ways_of_working": 1,
        "power_skills": 1.5,
        "description": "The PMO Handbook, chapters 1-3",
        "evidence": "Reading notes in the journal",
        **extra,
    }


# --------------------------------------------------------------------------- cycles


def test_first_cycle_is_current_and_a_new_current_cycle_takes_over(journal: Journal) -> None:
    old = pdus.create_cycle(
        journal, data={"start_date": dt.date(2021, 6, 1), "end_date": dt.date(2024, 5, 31)}
    )
    assert old.current
    new = pdus.create_cycle(journal, data={"start_date": START, "end_date": END, "current": True})
    assert new.current
    assert [c.current for c in pdus.list_cycles(journal)] == [True, False]
    pdus.set_current_cycle(journal, old.id)
    assert pdus.current_cycle(journal) == pdus.get_cycle(journal, old.id)
    assert pdus.current_cycle(journal).label == "PMP 2021-06-01 – 2024-05-31"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (START, START, "", "A cycle must end after it starts."),
        (
            START,
            dt.date(2027, 6, 1),
            "end_date",
            "A PMP cycle lasts 3 years: starting on 1 June 2024 it ends on 31 May 2027 "
            "at the latest.",
        ),
    ],
)
def test_cycle_dates_are_checked(
    journal: Journal, start: dt.date, end: dt.date, field: str, message: str
) -> None:
    with pytest.raises(EntryInvalid) as caught:
        pdus.create_cycle(journal, data={"start_date": start, "end_date": end})
    assert caught.value.problems == {field: message}
    assert pdus.list_cycles(journal) == []


def test_cycles_do_not_overlap(journal: Journal, cycle: int) -> None:
    with pytest.raises(EntryInvalid, match="overlaps the cycle from 1 June 2024 to 31 May 2027"):
        pdus.create_cycle(
            journal, data={"start_date": dt.date(2027, 5, 31), "end_date": dt.date(2030, 5, 30)}
        )


def test_a_cycle_cannot_shrink_away_from_its_claims(journal: Journal, cycle: int) -> None:
    pdus.add_claim(journal, data=reading(dt.date(2027, 5, 1)))
    with pytest.raises(EntryInvalid, match=r"1 claims .* would fall outside the new dates"):
        pdus.update_cycle(
            journal, cycle, data={"start_date": START, "end_date": dt.date(2027, 4, 30)}
        )
    assert pdus.get_cycle(journal, cycle).end_date == END
    with pytest.raises(JournalError, match="holds 1 claims"):
        pdus.delete_cycle(journal, cycle)


def test_find_cycle_for_the_command_line(journal: Journal) -> None:
    with pytest.raises(JournalError, match="no certification cycle yet"):
        pdus.find_cycle(journal, start=None)
    pdus.create_cycle(journal, data={"start_date": START, "end_date": END})
    assert pdus.find_cycle(journal, start=None).start_date == START
    assert pdus.find_cycle(journal, start=START).start_date == START
    assert pdus.find_cycle(journal, start=dt.date(2025, 1, 1)).start_date == START
    with pytest.raises(
        JournalError, match="No cycle starts on 2020-01-01; cycles start on: 2024-06-01"
    ):
        pdus.find_cycle(journal, start=dt.date(2020, 1, 1))


# --------------------------------------------------------------------------- claims


def test_add_edit_delete_a_claim(journal: Journal, cycle: int) -> None:
    claim = pdus.add_claim(journal, data=reading())
    assert (claim.hours, claim.activity_label, claim.power_skills) == (2.5, "Reading", 1.5)
    changed = pdus.update_claim(
        journal,
        claim.id,
        data=reading(
            category=PduCategory.GIVING_BACK,
            activity="create_content",
            ways_of_working=0,
            power_skills=0,
        ),
    )
    assert (changed.category, changed.hours, changed.ways_of_working) == (
        PduCategory.GIVING_BACK,
        2.5,
        0,
    )
    ledger = pdus.cycle_ledger(journal, cycle_id=cycle, today=dt.date(2025, 3, 1))
    assert ledger.summary.giving_back_counted == 2.5
    pdus.delete_claim(journal, claim.id)
    assert pdus.list_claims(journal, cycle_id=cycle) == []
    assert pdus.get_cycle(journal, cycle).claim_count == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"hours": 1.1}, "hours", "PDUs are claimed in quarter-hour steps, e.g. 1.25 or 1.5."),
        ({"activity": "volunteer"}, "activity", "Choose one of the Education activities"),
        (
            {"power_skills": 1},
            "split",
            "Split the 2.5 PDUs across the Talent Triangle: the sides add up to 2.",
        ),
        ({"description": "  "}, "description", "Description is required."),
        ({"date": dt.date(2028, 1, 1)}, "date", "No certification cycle covers 1 January 2028"),
        (
            {"source_kind": EntryKind.MENTOR_SESSION, "source_id": 99},
            "source_id",
            "no longer exists",
        ),
    ],
)
def test_bad_claims_are_refused_and_nothing_is_written(
    journal: Journal, cycle: int, change: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(EntryInvalid) as caught:
        pdus.add_claim(journal, data=reading(**change))
    assert message in caught.value.problems[field]
    assert pdus.list_claims(journal, cycle_id=cycle) == []


def test_a_failed_edit_leaves_the_claim_as_it_was(journal: Journal, cycle: int) -> None:
    claim = pdus.add_claim(journal, data=reading())
    with pytest.raises(EntryInvalid):
        pdus.update_claim(journal, claim.id, data=reading(hours=3))
    assert pdus.get_claim(journal, claim.id) == claim


def test_check_claim_reports_every_problem_without_the_journal() -> None:
    problems = pdus.check_claim(reading(hours=1.3, activity="volunteer"))
    assert set(problems) == {"hours", "activity"}


# --------------------------------------------------------------------------- suggestions


@pytest.fixture
def people(journal: Journal) -> dict[str, int]:
    mentor = create_person(journal, data={"name": "Dana Whitfield", "relationship": "mentor"})
    mentee = create_person(journal, data={"name": "Sam Ortiz", "relationship": "mentee"})
    leader = create_person(journal, data={"name": "Priya Nair", "relationship": "pmo_leader"})
    return {"mentor": mentor.id, "mentee": mentee.id, "leader": leader.id}


def _skills(journal: Journal) -> dict[str, int]:
    return {s.name: s.id for s in list_skills(journal)}


def test_a_mentor_session_is_suggested_once(
    journal: Journal, cycle: int, people: dict[str, int]
) -> None:
    skills = _skills(journal)
    session = log_mentor_session(
        journal,
        data={
            "date": dt.date(2025, 3, 4),
            "mentor_id": people["mentor"],
            "duration_minutes": 50,
            "topics": "Funnel criteria for new projects",
            "skill_ids": [skills["Strategic thinking"], skills["Managing up & business acumen"]],
        },
    )
    [suggestion] = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    claim = suggestion.claim
    assert (suggestion.source_kind, suggestion.source_id) == (EntryKind.MENTOR_SESSION, session.id)
    assert (claim.category, claim.activity, claim.hours) == (
        PduCategory.EDUCATION,
        "informal_learning",
        0.75,
    )
    # 3 quarters, one vote Power Skills and one Business Acumen: 1.5 / 1.5 -> 2 / 1.
    assert (claim.ways_of_working, claim.power_skills, claim.business_acumen) == (0, 0.5, 0.25)
    assert claim.description == "Mentor session: Funnel criteria for new projects"
    assert "with Dana Whitfield, 50 minutes" in claim.evidence
    assert suggestion.warning == ""

    pdus.add_claim(journal, data=claim)
    assert pdu_suggestions.list_suggestions(journal, cycle_id=cycle) == []
    with pytest.raises(
        EntryInvalid, match=r"This mentor session is already claimed \(claim of 4 March 2025\)"
    ):
        pdus.add_claim(journal, data=claim)
    assert len(pdus.list_claims(journal, cycle_id=cycle)) == 1


def test_a_deleted_claim_makes_its_entry_suggestable_again(
    journal: Journal, cycle: int, people: dict[str, int]
) -> None:
    log_mentor_session(
        journal,
        data={"date": dt.date(2025, 3, 4), "mentor_id": people["mentor"], "topics": "RAID logs"},
    )
    [suggestion] = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    claim = pdus.add_claim(journal, data=suggestion.claim)
    pdus.delete_claim(journal, claim.id)
    assert len(pdu_suggestions.list_suggestions(journal, cycle_id=cycle)) == 1


def test_mentoring_a_mentee_is_giving_back(
    journal: Journal, cycle: int, people: dict[str, int]
) -> None:
    log_mentor_session(
        journal,
        data={
            "date": dt.date(2025, 4, 4),
            "mentor_id": people["mentee"],
            "duration_minutes": 90,
            "topics": "Writing a first status report",
        },
    )
    [suggestion] = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    assert (suggestion.claim.category, suggestion.claim.activity, suggestion.claim.hours) == (
        PduCategory.GIVING_BACK,
        "share_knowledge",
        1.5,
    )
    assert suggestion.title == "Mentoring Sam Ortiz"


def _assignment(journal: Journal, leader: int, **extra: object) -> int:
    data = {
        "title": "Benefits metrics pack",
        "kind": "metrics_analysis",
        "leader_id": leader,
        "start_date": dt.date(2025, 5, 1),
        "end_date": dt.date(2025, 5, 20),
        "hours": 6.4,
        "status": "done",
        "outcome": "Quarterly pack adopted",
        **extra,
    }
    return log_helper_assignment(journal, data=data).id


def test_own_employer_assignment_is_flagged_as_practitioner_work(
    journal: Journal, cycle: int, people: dict[str, int]
) -> None:
    own = _assignment(journal, people["leader"], for_own_employer=True)
    [suggestion] = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    assert suggestion.source_id == own
    assert suggestion.claim.activity == "work_as_practitioner"
    assert suggestion.claim.hours == 6.25
    assert suggestion.claim.date == dt.date(2025, 5, 20)
    assert suggestion.warning == (
        "Done for your own employer: PMI does not count work for your employer as Volunteer, "
        "so at most it is Work as a practitioner, which is limited to 8 PDUs per cycle."
    )


def test_other_organisations_assignments_are_volunteering_or_sharing(
    journal: Journal, cycle: int, people: dict[str, int]
) -> None:
    _assignment(journal, people["leader"], for_own_employer=False)
    _assignment(
        journal,
        people["leader"],
        for_own_employer=False,
        kind="training_community",
        title="Community of practice talk",
        end_date=dt.date(2025, 6, 1),
    )
    _assignment(journal, people["leader"], status="in_progress", title="Not done yet")
    _assignment(journal, people["leader"], hours=0, title="No hours")
    _assignment(journal, people["leader"], end_date=dt.date(2027, 6, 1), title="After the cycle")
    found = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    assert [(s.claim.activity, s.warning) for s in found] == [
        ("volunteer", ""),
        ("share_knowledge", ""),
    ]


def test_the_employer_warning_says_when_the_practitioner_limit_is_used_up(
    journal: Journal, cycle: int, people: dict[str, int]
) -> None:
    _assignment(journal, people["leader"], for_own_employer=True)
    practitioner = {
        "date": dt.date(2025, 1, 10),
        "category": PduCategory.GIVING_BACK,
        "activity": "work_as_practitioner",
        "hours": 6,
        "description": "Portfolio reviews",
    }
    claim = pdus.add_claim(journal, data=practitioner)
    [suggestion] = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    assert suggestion.warning.endswith(
        "limited to 8 PDUs per cycle. Only 2 PDUs more of it can count this cycle."
    )
    pdus.update_claim(journal, claim.id, data={**practitioner, "hours": 8})
    [suggestion] = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    assert suggestion.warning.endswith(
        "This cycle's limit is already reached, so it would not count."
    )


def test_a_claim_outlives_its_deleted_entry_and_stays_editable(
    journal: Journal, cycle: int, people: dict[str, int]
) -> None:
    session = log_mentor_session(
        journal,
        data={"date": dt.date(2025, 3, 4), "mentor_id": people["mentor"], "topics": "Intake"},
    )
    [suggestion] = pdu_suggestions.list_suggestions(journal, cycle_id=cycle)
    claim = pdus.add_claim(journal, data=suggestion.claim)
    delete_entry(journal, EntryKind.MENTOR_SESSION, session.id)
    changed = pdus.update_claim(
        journal, claim.id, data={**suggestion.claim.model_dump(), "evidence": "Notes kept"}
    )
    assert (changed.evidence, changed.source_id) == ("Notes kept", session.id)
    assert pdus.cycle_ledger(journal, cycle_id=cycle).summary.education == 1
