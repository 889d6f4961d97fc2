"""PMP renewal arithmetic: caps, what counts, what is still needed and the pace (pure, no I/O).

Every number comes from ``resources/pdu_rules.json`` (PMI's CCR handbook, with the date it
was recorded). Hours are counted internally in whole quarter-hours, so sums are exact:

* a claim's hours must be a multiple of a quarter-hour (``is_quarter_step``);
* a suggested claim for a timed entry rounds its minutes **down** to the quarter-hour
  (``quarter_hours_from_minutes``: 50 minutes is 0.75 PDU), never up;
* a cycle includes both its start and its end date.

Caps are applied in date order (then by claim id): the first 8 practitioner hours and the
first 25 Giving Back hours count, later hours are shown as excess, not counted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pmo_journal.core.models import PduCategory
from pmo_journal.core.resources import read_json

QUARTERS_PER_HOUR = 4
WAYS_OF_WORKING = "ways_of_working"
POWER_SKILLS = "power_skills"
BUSINESS_ACUMEN = "business_acumen"
SIDES = (WAYS_OF_WORKING, POWER_SKILLS, BUSINESS_ACUMEN)
DAYS_PER_MONTH = 365.25 / 12


# --------------------------------------------------------------------------- quarter-hours


def is_quarter_step(hours: float) -> bool:
    """Whether ``hours`` is a whole number of quarter-hours (1.25 yes, 1.3 no)."""
    scaled = hours * QUARTERS_PER_HOUR
    return math.isfinite(scaled) and abs(scaled - round(scaled)) < 1e-9


def to_quarters(hours: float) -> int:
    """``hours`` as whole quarter-hours; raises ValueError when it isn't a quarter step."""
    if not is_quarter_step(hours):
        raise ValueError(f"{hours} is not a whole number of quarter-hours.")
    return round(hours * QUARTERS_PER_HOUR)


def to_hours(quarters: int) -> float:
    return quarters / QUARTERS_PER_HOUR


def quarter_hours_from_minutes(minutes: int) -> float:
    """Minutes rounded down to the quarter-hour, in hours: 50 -> 0.75, 60 -> 1.0, 14 -> 0."""
    return to_hours(max(minutes, 0) // 15)


def format_pdus(hours: float) -> str:
    """1 -> "1", 1.5 -> "1.5", 1.25 -> "1.25" (no trailing zeros)."""
    return f"{hours:.2f}".rstrip("0").rstrip(".")


def pdu_count(hours: float) -> str:
    """1 -> "1 PDU", 2.5 -> "2.5 PDUs"."""
    return f"{format_pdus(hours)} PDU" + ("" if hours == 1 else "s")


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Activity:
    key: str
    label: str
    category: PduCategory
    maximum: float | None = None


@dataclass(frozen=True)
class PduRules:
    """The numbers of PMI's handbook, as recorded in the rules file."""

    certification: str
    source: str
    recorded_on: dt.date
    cycle_years: int
    total_required: float
    education_minimum: float
    side_minimum: float
    giving_back_maximum: float
    side_labels: Mapping[str, str]
    activities: tuple[Activity, ...]
    skill_sides: Mapping[str, str]
    default_side: str

    def activity(self, key: str) -> Activity | None:
        return next((a for a in self.activities if a.key == key), None)

    def activities_of(self, category: PduCategory) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.category == category)

    def activity_label(self, key: str) -> str:
        found = self.activity(key)
        return found.label if found else key.replace("_", " ").capitalize()

    def limited_activities(self) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.maximum is not None)

    def default_cycle_end(self, start: dt.date) -> dt.date:
        """The last day of a cycle starting on ``start``: the day before its anniversary."""
        return add_years(start, self.cycle_years) - dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def rules_from_data(data: Mapping[str, Any]) -> PduRules:
    education = data["education"]
    giving_back = data["giving_back"]
    activities = [
        Activity(a["key"], a["label"], PduCategory.EDUCATION, a.get("maximum"))
        for a in education["activities"]
    ] + [
        Activity(a["key"], a["label"], PduCategory.GIVING_BACK, a.get("maximum"))
        for a in giving_back["activities"]
    ]
    if float(data["pdu_step"]) != 1 / QUARTERS_PER_HOUR:
        raise ValueError("The PDU arithmetic counts in quarter-hours; pdu_step must be 0.25.")
    sides = {side["key"]: side["label"] for side in education["sides"]}
    if tuple(sides) != SIDES:
        raise ValueError(f"The rules must name the triangle sides {SIDES}.")
    return PduRules(
        certification=data["certification"],
        source=data["source"],
        recorded_on=dt.date.fromisoformat(data["recorded_on"]),
        cycle_years=int(data["cycle_years"]),
        total_required=float(data["total_required"]),
        education_minimum=float(education["minimum"]),
        side_minimum=float(education["side_minimum"]),
        giving_back_maximum=float(giving_back["maximum"]),
        side_labels=sides,
        activities=tuple(activities),
        skill_sides=dict(data["skill_sides"]["skills"]),
        default_side=data["skill_sides"]["default"],
    )


@cache
def load_rules() -> PduRules:
    """The rules shipped in ``resources/pdu_rules.json``."""
    return rules_from_data(read_json("pdu_rules.json"))


# --------------------------------------------------------------------------- claims and cycles


@dataclass(frozen=True)
class Cycle:
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Claim:
    """One claim as the arithmetic sees it: Education hours by side, or Giving Back hours."""

    date: dt.date
    category: PduCategory
    activity: str
    ways_of_working: float = 0.0
    power_skills: float = 0.0
    business_acumen: float = 0.0
    giving_back: float = 0.0
    id: int | None = None

    @property
    def hours(self) -> float:
        return self.ways_of_working + self.power_skills + self.business_acumen + self.giving_back

    def side(self, key: str) -> float:
        return float(getattr(self, key))


def claim_problems(
    *,
    category: PduCategory,
    activity: str,
    hours: float,
    split: Mapping[str, float],
    rules: PduRules,
) -> dict[str, str]:
    """What is wrong with a claim under the rules, field -> sentence (empty when valid)."""
    problems: dict[str, str] = {}
    found = rules.activity(activity)
    if found is None or found.category != category:
        names = ", ".join(a.label for a in rules.activities_of(category))
        problems["activity"] = f"Choose one of the {category.label} activities: {names}."
    if hours <= 0:
        problems["hours"] = "Claim at least a quarter of an hour (0.25 PDU)."
    elif not is_quarter_step(hours):
        problems["hours"] = "PDUs are claimed in quarter-hour steps, e.g. 1.25 or 1.5."
    bad_sides = [rules.side_labels[k] for k, v in split.items() if not is_quarter_step(v) or v < 0]
    if bad_sides:
        problems["split"] = (
            f"{', '.join(bad_sides)}: give the hours in quarter-hour steps (0, 0.25, 0.5 …)."
        )
    elif category == PduCategory.GIVING_BACK and any(split.values()):
        problems["split"] = "Only Education hours are split across the Talent Triangle."
    elif category == PduCategory.EDUCATION and "hours" not in problems:
        total = sum(split.values())
        if to_quarters(total) != to_quarters(hours):
            problems["split"] = (
                f"Split the {format_pdus(hours)} PDUs across the Talent Triangle: "
                f"the sides add up to {format_pdus(total)}."
            )
    return problems


# --------------------------------------------------------------------------- totals


@dataclass(frozen=True)
class ClaimTally:
    """How much of one claim counts in its cycle, and why the rest doesn't."""

    counted: float
    not_counted: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class SideProgress:
    key: str
    label: str
    earned: float
    minimum: float

    @property
    def needed(self) -> float:
        return max(0.0, self.minimum - self.earned)


@dataclass(frozen=True)
class LedgerSummary:
    """A cycle's totals against PMI's requirements, caps applied."""

    cycle: Cycle
    rules: PduRules
    claims_in_cycle: int
    claims_outside: int
    education: float
    sides: tuple[SideProgress, ...]
    limited_claimed: Mapping[str, float]
    limited_counted: Mapping[str, float]
    giving_back_claimed: float
    giving_back_counted: float
    tallies: Mapping[int, ClaimTally] = field(default_factory=dict)

    @property
    def education_needed(self) -> float:
        return max(0.0, self.rules.education_minimum - self.education)

    @property
    def giving_back_excess(self) -> float:
        """Giving Back hours claimed but not counted (either cap)."""
        return self.giving_back_claimed - self.giving_back_counted

    @property
    def giving_back_cap_excess(self) -> float:
        """Giving Back hours the Giving Back maximum itself leaves out (not those over an
        activity's own limit, such as Work as a practitioner's: that excess is its own)."""
        eligible = self.giving_back_claimed - self.practitioner_excess
        return max(0.0, eligible - self.giving_back_counted)

    @property
    def practitioner_claimed(self) -> float:
        """Hours claimed for activities with their own limit (Work as a practitioner)."""
        return sum(self.limited_claimed.values())

    @property
    def practitioner_counted(self) -> float:
        return sum(self.limited_counted.values())

    @property
    def practitioner_excess(self) -> float:
        return self.practitioner_claimed - self.practitioner_counted

    @property
    def total_counted(self) -> float:
        return self.education + self.giving_back_counted

    @property
    def total_needed(self) -> float:
        return max(0.0, self.rules.total_required - self.total_counted)

    @property
    def still_needed(self) -> float:
        """The fewest further PDUs that would meet every requirement at once."""
        side_gap = sum(side.needed for side in self.sides)
        return max(self.total_needed, self.education_needed, side_gap)

    @property
    def requirement_met(self) -> float:
        """How much of the 60 is met, once the minimums are respected."""
        return self.rules.total_required - self.still_needed

    @property
    def complete(self) -> bool:
        return self.still_needed == 0

    @property
    def surplus(self) -> float:
        """Counted PDUs beyond the total required."""
        return max(0.0, self.total_counted - self.rules.total_required)

    def caps_applied(self) -> list[str]:
        """One sentence per cap that took hours away, for screens, CLI and report."""
        rules = self.rules
        sentences: list[str] = []
        for activity in rules.limited_activities():
            claimed = self.limited_claimed.get(activity.key, 0.0)
            excess = claimed - self.limited_counted.get(activity.key, 0.0)
            if activity.maximum is not None and excess > 0:
                sentences.append(
                    f"{activity.label} is limited to {format_pdus(activity.maximum)} PDUs: "
                    f"{format_pdus(excess)} of {format_pdus(claimed)} claimed are not counted."
                )
        over = self.giving_back_cap_excess
        if over > 0:
            verb = "is" if over == 1 else "are"
            sentences.append(
                f"Giving Back is limited to {format_pdus(rules.giving_back_maximum)} PDUs: "
                f"{pdu_count(over)} beyond that {verb} not counted."
            )
        return sentences

    def needs(self) -> list[str]:
        """What is still needed, one sentence each (empty once the cycle is complete)."""
        rules = self.rules
        lines: list[str] = []
        if self.total_needed:
            lines.append(
                f"{pdu_count(self.total_needed)} more to reach {format_pdus(rules.total_required)}."
            )
        if self.education_needed:
            lines.append(
                f"{pdu_count(self.education_needed)} more in Education to reach its "
                f"minimum of {format_pdus(rules.education_minimum)}."
            )
        for side in self.sides:
            if side.needed:
                lines.append(
                    f"{format_pdus(side.needed)} more in {side.label} "
                    f"(at least {format_pdus(side.minimum)})."
                )
        return lines


def _claims_in(claims: Iterable[Claim], cycle: Cycle) -> list[Claim]:
    inside = [c for c in claims if cycle.contains(c.date)]
    return sorted(inside, key=lambda c: (c.date, c.id if c.id is not None else 0))


def summarise(claims: Sequence[Claim], cycle: Cycle, *, rules: PduRules) -> LedgerSummary:
    """Totals of ``cycle``: Education by side, Giving Back with its caps, per-claim tallies."""
    inside = _claims_in(claims, cycle)
    gb_cap = to_quarters(rules.giving_back_maximum)
    limits = {a.key: to_quarters(a.maximum) for a in rules.limited_activities() if a.maximum}
    side_q = dict.fromkeys(SIDES, 0)
    limited_claimed = dict.fromkeys(limits, 0)
    limited_counted = dict.fromkeys(limits, 0)
    gb_claimed = gb_counted = 0
    tallies: dict[int, ClaimTally] = {}
    for claim in inside:
        if claim.category == PduCategory.EDUCATION:
            for key in SIDES:
                side_q[key] += to_quarters(claim.side(key))
            tally = ClaimTally(counted=claim.hours)
        else:
            wanted = to_quarters(claim.giving_back)
            eligible, reason = wanted, ""
            if claim.activity in limits:
                room = limits[claim.activity] - limited_counted[claim.activity]
                eligible = min(wanted, max(room, 0))
                limited_claimed[claim.activity] += wanted
                limited_counted[claim.activity] += eligible
                if eligible < wanted:
                    activity = rules.activity(claim.activity)
                    assert activity is not None and activity.maximum is not None
                    reason = f"over the {format_pdus(activity.maximum)} PDU {activity.label} limit"
            counted = min(eligible, max(gb_cap - gb_counted, 0))
            if counted < eligible:
                limit = format_pdus(rules.giving_back_maximum)
                reason = reason or f"over the {limit} PDU Giving Back maximum"
            gb_claimed += wanted
            gb_counted += counted
            tally = ClaimTally(to_hours(counted), to_hours(wanted - counted), reason)
        if claim.id is not None:
            tallies[claim.id] = tally
    return LedgerSummary(
        cycle=cycle,
        rules=rules,
        claims_in_cycle=len(inside),
        claims_outside=len(claims) - len(inside),
        education=to_hours(sum(side_q.values())),
        sides=tuple(
            SideProgress(k, rules.side_labels[k], to_hours(side_q[k]), rules.side_minimum)
            for k in SIDES
        ),
        limited_claimed={k: to_hours(q) for k, q in limited_claimed.items()},
        limited_counted={k: to_hours(q) for k, q in limited_counted.items()},
        giving_back_claimed=to_hours(gb_claimed),
        giving_back_counted=to_hours(gb_counted),
        tallies=tallies,
    )


# --------------------------------------------------------------------------- pace


def date_words(day: dt.date) -> str:
    """A date as a sentence says it: "14 January 2027". The one way the core words a date
    in a message; a screen passes its own (the locale's) to :meth:`Pace.words`."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Pace:
    """How the cycle is going against the calendar."""

    as_of: dt.date
    days_elapsed: int
    days_left: int
    expected_by_now: float
    met: float
    still_needed: float
    projected_completion: dt.date | None
    completed_on: dt.date | None
    falls_short: bool
    needed_per_month: float
    complete: bool
    cycle_start: dt.date
    cycle_end: dt.date
    today: dt.date

    @property
    def message(self) -> str:
        """The pace in a sentence, its dates in words."""
        return self.words()

    def words(self, say_date: Callable[[dt.date], str] = date_words) -> str:
        """The pace in a sentence, each date as ``say_date`` writes it."""
        end = say_date(self.cycle_end)
        needed = self.still_needed
        if self.complete:
            done = self.completed_on
            return "Requirements met" + (f" on {say_date(done)}." if done else ".")
        if self.today < self.cycle_start:
            return f"The cycle starts on {say_date(self.cycle_start)}."
        if self.today > self.cycle_end:
            return f"The cycle ended on {end} with {format_pdus(needed)} PDUs still needed."
        per_month = f"{self.needed_per_month:.1f}"
        if self.projected_completion is None:
            return f"No PDUs count yet: {per_month} PDUs a month from now on would finish by {end}."
        projected = say_date(self.projected_completion)
        if self.falls_short:
            return (
                f"At this pace you would finish on {projected}, after the cycle ends "
                f"on {end}: aim for {per_month} PDUs a month."
            )
        return f"On track: at this rate you finish on {projected}."


def completion_date(claims: Sequence[Claim], cycle: Cycle, *, rules: PduRules) -> dt.date | None:
    """The first day on which the claims so far met every requirement, if any."""
    inside = _claims_in(claims, cycle)
    for day in sorted({c.date for c in inside}):
        if summarise([c for c in inside if c.date <= day], cycle, rules=rules).complete:
            return day
    return None


def pace(summary: LedgerSummary, *, today: dt.date, completed_on: dt.date | None = None) -> Pace:
    """Pace so far, the date it projects for completion, and whether that is too late.

    The pace is what is met of the requirement divided by the days elapsed (both cycle
    ends count). It falls short when, kept up, it would finish after the cycle's last
    day, including when nothing is met yet.
    """
    cycle, rules = summary.cycle, summary.rules
    as_of = min(max(today, cycle.start), cycle.end)
    started = today >= cycle.start
    elapsed = (as_of - cycle.start).days + 1 if started else 0
    days_left = max(0, (cycle.end - today).days) if today <= cycle.end else 0
    expected = rules.total_required * elapsed / cycle.days
    met, needed = summary.requirement_met, summary.still_needed
    per_month = needed / max(days_left, 1) * DAYS_PER_MONTH if needed else 0.0
    projected: dt.date | None = None
    if summary.complete:
        projected = completed_on
        falls_short = False
    elif not started or today > cycle.end or met <= 0:
        falls_short = started
    else:
        # days = needed / (met / elapsed), in whole quarters so it is exact, rounded up
        days = -(-to_quarters(needed) * elapsed // to_quarters(met))
        projected = today + dt.timedelta(days=days)
        falls_short = projected > cycle.end
    return Pace(
        as_of=as_of,
        days_elapsed=elapsed,
        days_left=days_left,
        expected_by_now=expected,
        met=met,
        still_needed=needed,
        projected_completion=projected,
        completed_on=completed_on,
        falls_short=falls_short,
        needed_per_month=per_month,
        complete=summary.complete,
        cycle_start=cycle.start,
        cycle_end=cycle.end,
        today=today,
    )


# --------------------------------------------------------------------------- suggested splits


def suggest_split(hours: float, skill_names: Sequence[str], *, rules: PduRules) -> dict[str, float]:
    """Share ``hours`` across the triangle sides in proportion to the skills touched.

    Each skill votes for its side (``skill_sides`` in the rules; unlisted skills vote for
    the default side, as does a session without skills). Quarter-hours are shared by
    largest remainder, ties going to the side listed first.
    """
    votes = dict.fromkeys(SIDES, 0)
    for name in skill_names or [""]:
        votes[rules.skill_sides.get(name, rules.default_side)] += 1
    quarters = to_quarters(hours)
    total_votes = sum(votes.values())
    exact = {k: quarters * v / total_votes for k, v in votes.items()}
    shares = {k: math.floor(x) for k, x in exact.items()}
    leftover = quarters - sum(shares.values())
    for key in sorted(SIDES, key=lambda k: (-(exact[k] - shares[k]), SIDES.index(k)))[:leftover]:
        shares[key] += 1
    return {k: to_hours(q) for k, q in shares.items()}
