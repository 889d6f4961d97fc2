"""PDU arithmetic against hand-computed expectations (PMI: 60 per cycle, 35 Education with
8 per triangle side, Giving Back at most 25 of which practitioner work at most 8)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_journal.core.models import PduCategory
from pmo_journal.core.pdus import rules as pdu_rules
from pmo_journal.core.pdus.rules import Claim, Cycle

RULES = pdu_rules.load_rules()
CYCLE = Cycle(dt.date(2024, 6, 1), dt.date(2027, 5, 31))
EDU = PduCategory.EDUCATION
GB = PduCategory.GIVING_BACK
D = dt.date(2025, 1, 15)


def edu(wow: float = 0, ps: float = 0, ba: float = 0, *, day: dt.date = D, id: int = 0) -> Claim:
    return Claim(day, EDU, "course_or_training", wow, ps, ba, id=id or None)


def gb(hours: float, activity: str = "volunteer", *, day: dt.date = D, id: int = 0) -> Claim:
    return Claim(day, GB, activity, giving_back=hours, id=id or None)


def total(*claims: Claim, cycle: Cycle = CYCLE) -> pdu_rules.LedgerSummary:
    return pdu_rules.summarise(list(claims), cycle, rules=RULES)


# --------------------------------------------------------------------------- the data file


def test_rules_file_holds_pmi_numbers_with_source_and_date() -> None:
    assert RULES.total_required == 60
    assert RULES.cycle_years == 3
    assert RULES.education_minimum == 35
    assert RULES.side_minimum == 8
    assert RULES.giving_back_maximum == 25
    practitioner = RULES.activity("work_as_practitioner")
    assert practitioner is not None and practitioner.maximum == 8
    assert "Continuing Certification Requirements" in RULES.source
    assert RULES.recorded_on == dt.date(2026, 11, 29)
    assert [a.label for a in RULES.activities_of(EDU)] == [
        "Course or training",
        "Online or digital media",
        "Reading",
        "Informal learning",
        "Organisation meetings",
    ]
    assert [a.label for a in RULES.activities_of(GB)] == [
        "Work as a practitioner",
        "Create content",
        "Give a presentation",
        "Share knowledge",
        "Volunteer",
    ]


def test_a_changed_handbook_is_a_data_change() -> None:
    data = pdu_rules.read_json("pdu_rules.json")
    data["total_required"] = 70
    data["giving_back"]["maximum"] = 20
    rules = pdu_rules.rules_from_data(data)
    summary = pdu_rules.summarise([edu(20, 20, 20), gb(22)], CYCLE, rules=rules)
    assert summary.giving_back_counted == 20
    assert summary.total_counted == 80
    assert summary.still_needed == 0
    assert pdu_rules.summarise([edu(20, 20, 20)], CYCLE, rules=rules).still_needed == 10


def test_a_rules_file_with_another_step_is_refused() -> None:
    data = pdu_rules.read_json("pdu_rules.json")
    data["pdu_step"] = 0.5
    with pytest.raises(ValueError, match=r"pdu_step must be 0\.25"):
        pdu_rules.rules_from_data(data)


# --------------------------------------------------------------------------- quarter-hours


@pytest.mark.parametrize(
    ("hours", "ok"),
    [(0, True), (0.25, True), (1.5, True), (2.75, True), (0.1, False), (1.3, False), (0.33, False)],
)
def test_quarter_steps(hours: float, ok: bool) -> None:
    assert pdu_rules.is_quarter_step(hours) is ok


@pytest.mark.parametrize(
    ("minutes", "hours"), [(0, 0), (14, 0), (15, 0.25), (50, 0.75), (60, 1), (89, 1.25), (90, 1.5)]
)
def test_minutes_round_down_to_the_quarter(minutes: int, hours: float) -> None:
    assert pdu_rules.quarter_hours_from_minutes(minutes) == hours


def test_to_quarters_refuses_a_fraction_of_a_quarter() -> None:
    assert pdu_rules.to_quarters(3.75) == 15
    with pytest.raises(ValueError):
        pdu_rules.to_quarters(1.1)


def test_fractional_hours_add_up_exactly() -> None:
    # 40 claims of 0.25 + 0.5 + 0.75 in each side: 1.5 per claim, 60 in all, no float drift.
    claims = [edu(0.25, 0.5, 0.75, id=i + 1) for i in range(40)]
    summary = total(*claims)
    assert [s.earned for s in summary.sides] == [10.0, 20.0, 30.0]
    assert summary.education == 60
    assert summary.still_needed == 0
    # 0.1 * 3 != 0.3 in floats, but quarters are exact: 3 x 0.75 = 2.25
    assert total(edu(0.75), edu(0.75), edu(0.75)).education == 2.25


# --------------------------------------------------------------------------- thresholds


def test_exactly_at_every_threshold_is_complete() -> None:
    # 8 + 8 + 19 = 35 Education, 25 Giving Back of which 8 practitioner: 60 exactly.
    summary = total(edu(8, 8, 19), gb(8, "work_as_practitioner"), gb(17))
    assert summary.education == 35
    assert summary.education_needed == 0
    assert [s.needed for s in summary.sides] == [0, 0, 0]
    assert summary.giving_back_counted == 25
    assert summary.giving_back_excess == 0
    assert summary.total_counted == 60
    assert summary.still_needed == 0
    assert summary.complete
    assert summary.caps_applied() == []
    assert summary.needs() == []


def test_a_quarter_short_of_a_side_minimum_is_not_complete() -> None:
    summary = total(edu(8, 7.75, 19.25), gb(25))
    assert summary.total_counted == 60
    assert summary.sides[1].needed == 0.25
    assert summary.still_needed == 0.25
    assert not summary.complete
    assert summary.needs() == ["0.25 more in Power Skills (at least 8)."]


def test_sixty_with_too_little_education_still_needs_education() -> None:
    # 34 Education + 25 Giving Back = 59 counted; 1 more Education finishes both.
    summary = total(edu(10, 10, 14), gb(25))
    assert summary.total_needed == 1
    assert summary.education_needed == 1
    assert summary.still_needed == 1


def test_the_sides_can_need_more_than_the_total() -> None:
    # 60 Education all in Ways of Working: 60 counted, but 16 more are needed (8 + 8).
    summary = total(edu(60))
    assert summary.total_counted == 60
    assert summary.total_needed == 0
    assert summary.education_needed == 0
    assert [s.needed for s in summary.sides] == [0, 8, 8]
    assert summary.still_needed == 16
    assert summary.requirement_met == 44


def test_nothing_claimed_needs_everything() -> None:
    summary = total()
    assert summary.still_needed == 60
    assert summary.needs() == [
        "60 PDUs more to reach 60.",
        "35 PDUs more in Education to reach its minimum of 35.",
        "8 more in Ways of Working (at least 8).",
        "8 more in Power Skills (at least 8).",
        "8 more in Business Acumen (at least 8).",
    ]


def test_education_has_no_maximum_and_surplus_is_reported() -> None:
    summary = total(edu(30, 30, 30))
    assert summary.total_counted == 90
    assert summary.surplus == 30
    assert summary.complete


# --------------------------------------------------------------------------- caps


def test_giving_back_over_25_is_not_counted() -> None:
    summary = total(edu(10, 10, 15), gb(20, id=1, day=D), gb(10, id=2, day=D + dt.timedelta(1)))
    assert summary.giving_back_claimed == 30
    assert summary.giving_back_counted == 25
    assert summary.giving_back_excess == 5
    assert summary.total_counted == 60
    assert summary.complete
    # The later claim carries the excess.
    assert summary.tallies[1] == pdu_rules.ClaimTally(20, 0, "")
    assert summary.tallies[2] == pdu_rules.ClaimTally(5, 5, "over the 25 PDU Giving Back maximum")
    assert summary.caps_applied() == [
        "Giving Back is limited to 25 PDUs: 5 PDUs beyond that are not counted."
    ]


def test_practitioner_over_8_is_not_counted() -> None:
    summary = total(gb(6, "work_as_practitioner", id=1), gb(4.5, "work_as_practitioner", id=2))
    assert summary.practitioner_claimed == 10.5
    assert summary.practitioner_counted == 8
    assert summary.practitioner_excess == 2.5
    assert summary.giving_back_counted == 8
    assert summary.tallies[2] == pdu_rules.ClaimTally(
        2, 2.5, "over the 8 PDU Work as a practitioner limit"
    )
    assert summary.caps_applied() == [
        "Work as a practitioner is limited to 8 PDUs: 2.5 of 10.5 claimed are not counted."
    ]


def test_both_caps_at_once() -> None:
    # 12 practitioner (8 count) + 20 volunteer = 28 eligible, 25 counted: 7 not counted.
    summary = total(
        gb(12, "work_as_practitioner", id=1, day=D),
        gb(20, id=2, day=D + dt.timedelta(days=1)),
    )
    assert summary.giving_back_claimed == 32
    assert summary.giving_back_counted == 25
    assert summary.giving_back_excess == 7
    assert summary.tallies[2] == pdu_rules.ClaimTally(17, 3, "over the 25 PDU Giving Back maximum")
    assert summary.caps_applied() == [
        "Work as a practitioner is limited to 8 PDUs: 4 of 12 claimed are not counted.",
        "Giving Back is limited to 25 PDUs: 3 PDUs beyond that are not counted.",
    ]


def test_caps_fall_on_the_later_claims_in_date_order() -> None:
    late = gb(8, "work_as_practitioner", id=1, day=dt.date(2026, 1, 1))
    early = gb(8, "work_as_practitioner", id=2, day=dt.date(2025, 1, 1))
    summary = total(late, early)
    assert summary.tallies[2].counted == 8
    assert summary.tallies[1] == pdu_rules.ClaimTally(
        0, 8, "over the 8 PDU Work as a practitioner limit"
    )


def test_giving_back_cannot_finish_without_education() -> None:
    summary = total(gb(40))
    assert summary.total_counted == 25
    assert summary.still_needed == 35


# --------------------------------------------------------------------------- cycles


def test_claims_on_both_cycle_boundaries_count() -> None:
    first, last = CYCLE.start, CYCLE.end
    before, after = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    summary = total(edu(1, day=first), edu(2, day=last), edu(4, day=before), edu(8, day=after))
    assert summary.education == 3
    assert summary.claims_in_cycle == 2
    assert summary.claims_outside == 2


def test_several_cycles_count_their_own_claims_and_caps() -> None:
    older = Cycle(dt.date(2021, 6, 1), dt.date(2024, 5, 31))
    claims = [
        gb(20, id=1, day=dt.date(2024, 5, 31)),
        gb(20, id=2, day=dt.date(2024, 6, 1)),
        edu(3, 3, 3, id=3, day=dt.date(2022, 2, 2)),
        edu(1, 1, 1, id=4, day=dt.date(2026, 2, 2)),
    ]
    old = pdu_rules.summarise(claims, older, rules=RULES)
    new = pdu_rules.summarise(claims, CYCLE, rules=RULES)
    assert (old.education, old.giving_back_counted) == (9, 20)
    assert (new.education, new.giving_back_counted) == (3, 20)
    # Each cycle has its own 25 cap: 20 + 20 would have been capped in one cycle.
    assert old.giving_back_excess == new.giving_back_excess == 0
    assert set(old.tallies) == {1, 3} and set(new.tallies) == {2, 4}


def test_default_cycle_end_is_the_day_before_the_third_anniversary() -> None:
    assert RULES.default_cycle_end(dt.date(2024, 6, 1)) == dt.date(2027, 5, 31)
    assert RULES.default_cycle_end(dt.date(2024, 2, 29)) == dt.date(2027, 2, 27)
    assert Cycle(dt.date(2024, 6, 1), dt.date(2027, 5, 31)).days == 1095


# --------------------------------------------------------------------------- claim checks


def _problems(category: PduCategory, activity: str, hours: float, **split: float) -> dict[str, str]:
    full = dict.fromkeys(pdu_rules.SIDES, 0.0) | split
    return pdu_rules.claim_problems(
        category=category, activity=activity, hours=hours, split=full, rules=RULES
    )


def test_claim_checks() -> None:
    assert _problems(EDU, "reading", 1.5, ways_of_working=1, power_skills=0.5) == {}
    assert _problems(GB, "volunteer", 2) == {}
    assert _problems(EDU, "volunteer", 1, ways_of_working=1) == {
        "activity": "Choose one of the Education activities: Course or training, Online or "
        "digital media, Reading, Informal learning, Organisation meetings."
    }
    assert _problems(GB, "volunteer", 1.1)["hours"] == (
        "PDUs are claimed in quarter-hour steps, e.g. 1.25 or 1.5."
    )
    assert (
        _problems(GB, "volunteer", 0)["hours"] == "Claim at least a quarter of an hour (0.25 PDU)."
    )
    assert _problems(GB, "volunteer", 1, power_skills=1)["split"] == (
        "Only Education hours are split across the Talent Triangle."
    )
    assert _problems(EDU, "reading", 2, business_acumen=1.5)["split"] == (
        "Split the 2 PDUs across the Talent Triangle: the sides add up to 1.5."
    )
    assert _problems(EDU, "reading", 1, business_acumen=0.9)["split"] == (
        "Business Acumen: give the hours in quarter-hour steps (0, 0.25, 0.5 …)."
    )


# --------------------------------------------------------------------------- pace


def _pace(summary: pdu_rules.LedgerSummary, today: dt.date) -> pdu_rules.Pace:
    return pdu_rules.pace(summary, today=today)


def test_pace_on_track_projects_a_date_before_the_end() -> None:
    # Cycle of 1095 days; on day 365 (2025-05-31) 30 of 60 met: 30/365 a day,
    # 30 more take ceil(365) days -> 2026-05-31, before 2027-05-31.
    summary = total(edu(10, 10, 10))
    pace = _pace(summary, dt.date(2025, 5, 31))
    assert pace.days_elapsed == 365
    assert pace.met == 30
    assert pace.projected_completion == dt.date(2026, 5, 31)
    assert not pace.falls_short
    assert pace.expected_by_now == pytest.approx(60 * 365 / 1095)
    assert pace.message == "On track: at this rate you finish on 31 May 2026."
    # A screen words the dates its own way, through the same sentence.
    assert pace.words(lambda day: day.strftime("%d/%m/%Y")) == (
        "On track: at this rate you finish on 31/05/2026."
    )


def test_pace_falls_short_when_the_projection_is_after_the_end() -> None:
    # Day 730 (2026-05-31), 12 met: 48 more at 12/730 a day take 2920 days.
    summary = total(edu(4, 4, 4))
    pace = _pace(summary, dt.date(2026, 5, 31))
    assert pace.days_elapsed == 730
    assert pace.projected_completion == dt.date(2026, 5, 31) + dt.timedelta(days=2920)
    assert pace.falls_short
    assert pace.days_left == 365
    assert pace.needed_per_month == pytest.approx(48 / 365 * 365.25 / 12)
    assert pace.message.startswith(
        "At this pace you would finish on 29 May 2034, after the cycle ends on 31 May 2027"
    )


def test_pace_with_nothing_met_falls_short_without_a_projection() -> None:
    pace = _pace(total(), dt.date(2024, 7, 1))
    assert pace.projected_completion is None
    assert pace.falls_short
    assert pace.message.startswith("No PDUs count yet")


def test_pace_before_the_cycle_and_after_it() -> None:
    early = _pace(total(), dt.date(2024, 1, 1))
    assert (early.days_elapsed, early.falls_short) == (0, False)
    assert early.message == "The cycle starts on 1 June 2024."
    late = _pace(total(edu(8, 8, 8)), dt.date(2027, 7, 1))
    assert late.falls_short
    assert late.days_left == 0
    assert late.message == "The cycle ended on 31 May 2027 with 36 PDUs still needed."


def test_completion_date_is_the_day_the_last_requirement_was_met() -> None:
    claims = [
        edu(8, 8, 8, id=1, day=dt.date(2025, 1, 1)),
        gb(25, id=2, day=dt.date(2025, 6, 1)),
        edu(0, 0, 11, id=3, day=dt.date(2026, 3, 3)),
        edu(5, id=4, day=dt.date(2026, 9, 9)),
    ]
    done = pdu_rules.completion_date(claims, CYCLE, rules=RULES)
    assert done == dt.date(2026, 3, 3)
    pace = pdu_rules.pace(total(*claims), today=dt.date(2026, 10, 1), completed_on=done)
    assert not pace.falls_short
    assert pace.projected_completion == done
    assert pace.message == "Requirements met on 3 March 2026."


# --------------------------------------------------------------------------- suggested split


@pytest.mark.parametrize(
    ("hours", "skills", "expected"),
    [
        (1, ["Collaborative leadership"], (0, 1, 0)),
        (1, ["Managing up & business acumen"], (0, 0, 1)),
        (1, [], (1, 0, 0)),
        (1, ["A skill the user added"], (1, 0, 0)),
        # 4 quarters, 2 votes Power Skills and 1 Business Acumen: 2.67 / 1.33 -> 3 / 1.
        (
            1,
            ["Collaborative leadership", "Strategic thinking", "Managing up & business acumen"],
            (0, 0.75, 0.25),
        ),
        # 6 quarters, one vote each: 2 / 2 / 2.
        (
            1.5,
            ["My own skill", "Strategic thinking", "Managing up & business acumen"],
            (0.5, 0.5, 0.5),
        ),
        # 5 quarters, a vote each for WoW and PS: 2.5 / 2.5 -> tie goes to the side listed first.
        (1.25, ["My own skill", "Collaborative leadership"], (0.75, 0.5, 0)),
    ],
)
def test_suggested_split(hours: float, skills: list[str], expected: tuple[float, ...]) -> None:
    split = pdu_rules.suggest_split(hours, skills, rules=RULES)
    assert tuple(split[k] for k in pdu_rules.SIDES) == expected
    assert sum(split.values()) == hours


def test_one_pdu_over_the_giving_back_maximum_reads_well() -> None:
    assert total(gb(26)).caps_applied() == [
        "Giving Back is limited to 25 PDUs: 1 PDU beyond that is not counted."
    ]


# --------------------------------------------------------------------------- invariants

quarters = st.integers(min_value=0, max_value=80).map(lambda q: q / 4)
days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
claims = st.one_of(
    st.builds(
        lambda d, w, p, b: Claim(d, EDU, "reading", w, p, b), days, quarters, quarters, quarters
    ),
    st.builds(
        lambda d, h, a: Claim(d, GB, a, giving_back=h),
        days,
        quarters,
        st.sampled_from(["work_as_practitioner", "volunteer", "create_content"]),
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(claims, max_size=25), claims)
def test_invariants_hold_for_any_claims(found: list[Claim], extra: Claim) -> None:
    numbered = [dataclasses.replace(c, id=i + 1) for i, c in enumerate(found)]
    summary = total(*numbered)
    assert 0 <= summary.giving_back_counted <= 25
    assert 0 <= summary.practitioner_counted <= 8
    assert summary.giving_back_excess >= 0
    assert 0 <= summary.still_needed <= 60
    assert sum(t.counted for t in summary.tallies.values()) == summary.total_counted
    assert sum(t.counted + t.not_counted for t in summary.tallies.values()) == sum(
        c.hours for c in numbered if CYCLE.contains(c.date)
    )
    assert summary.complete == (summary.still_needed == 0)
    # One more claim never makes more PDUs needed.
    more = total(*numbered, dataclasses.replace(extra, id=len(numbered) + 1))
    assert more.still_needed <= summary.still_needed
