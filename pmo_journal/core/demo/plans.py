"""The planning side of the demo journal: career goals, the PDU ledger and readiness marks."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from pmo_journal.core.models import (
    AssignmentKind,
    AssignmentStatus,
    CareerGoal,
    CareerGoalBase,
    CertificationCycle,
    EntryKind,
    GoalEvidence,
    HelperAssignment,
    MentorSession,
    MentorSessionSkillLink,
    Milestone,
    PduCategory,
    PduClaim,
    Person,
    ReadinessMark,
    SkillReflection,
)
from pmo_journal.core.validation import validated

if TYPE_CHECKING:
    from pmo_journal.core.demo.entries import DemoWriter

CYCLE_MONTHS = 36
CYCLE_STARTED_MONTHS_AGO = 18
# Claims for mentor sessions wait a month, so recent ones are still there to suggest.
UNCLAIMED_DAYS = 30
CLAIMED_SHARE = 0.5
INFORMAL_LEARNING = "informal_learning"


def row_id(row: Any) -> int:
    """The id of a row that has been flushed."""
    assert row.id is not None
    return int(row.id)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept inside the month (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


# --------------------------------------------------------------------------- career goals


def add_career_goals(writer: DemoWriter) -> tuple[int, int]:
    """Goals with milestones (some done, some overdue) and entries linked as evidence."""
    goals: list[CareerGoal] = []
    milestones = 0
    for plan in writer.texts["goals"]:
        checked = validated(
            CareerGoalBase,
            {
                "target_role": plan["target_role"],
                "path": plan["path"],
                "target_date": add_months(writer.today, plan["target_months"]),
                "status": plan["status"],
                "why": plan["why"],
                "starred": plan["status"] == "active",
            },
        )
        created = min(writer.start, add_months(writer.today, plan["milestones"][0][1] - 2))
        goal = CareerGoal(**checked.model_dump(), **writer.stamps(created))
        writer.add_all([goal])
        for order, (title, months, done) in enumerate(plan["milestones"]):
            due = add_months(writer.today, months)
            done_on = due - dt.timedelta(days=writer.rng.randint(0, 12)) if done else None
            writer.session.add(
                Milestone(
                    goal_id=row_id(goal),
                    title=title,
                    due_date=due,
                    done_date=min(done_on, writer.today) if done_on else None,
                    sort_order=order,
                    **writer.stamps(created),
                )
            )
            milestones += 1
        goals.append(goal)
    _link_evidence(writer, goals)
    return len(goals), milestones


def _link_evidence(writer: DemoWriter, goals: list[CareerGoal]) -> None:
    session = writer.session
    analyst, portfolio = goals[0].id, goals[1].id
    helper_work = session.exec(
        select(HelperAssignment.id)
        .where(
            col(HelperAssignment.kind).in_(
                [AssignmentKind.METRICS_ANALYSIS, AssignmentKind.MEETING_PREP]
            ),
            HelperAssignment.status == AssignmentStatus.DONE,
        )
        .order_by(col(HelperAssignment.start_date).desc())
        .limit(3)
    ).all()
    talks = session.exec(
        select(MentorSession.id).order_by(col(MentorSession.date).desc()).limit(2)
    ).all()
    strategy = session.exec(
        select(SkillReflection.id)
        .where(SkillReflection.skill_id == writer.skill_ids[1])
        .order_by(col(SkillReflection.rating).desc(), col(SkillReflection.date).desc())
        .limit(2)
    ).all()
    links = (
        [(analyst, EntryKind.HELPER_ASSIGNMENT, entry) for entry in helper_work]
        + [(analyst, EntryKind.MENTOR_SESSION, entry) for entry in talks]
        + [(portfolio, EntryKind.SKILL_REFLECTION, entry) for entry in strategy]
    )
    session.add_all(
        GoalEvidence(goal_id=goal, entry_kind=kind.value, entry_id=entry)
        for goal, kind, entry in links
        if goal is not None and entry is not None
    )


# --------------------------------------------------------------------------- PDUs


def add_pdu_ledger(writer: DemoWriter) -> int:
    """The current PMP cycle, half-way through, with education and giving-back claims."""
    start = add_months(writer.today, -CYCLE_STARTED_MONTHS_AGO)
    end = add_months(start, CYCLE_MONTHS) - dt.timedelta(days=1)
    writer.session.add(
        CertificationCycle(
            certification="PMP",
            start_date=start,
            end_date=end,
            current=True,
            **writer.stamps(start),
        )
    )
    claims = _session_claims(writer, start) + _listed_claims(writer, start)
    writer.add_all(claims)
    return len(claims)


def _session_claims(writer: DemoWriter, since: dt.date) -> list[PduClaim]:
    """Mentor sessions as informal learning, split by the skills they touched."""
    business = writer.skill_ids[2]
    until = writer.today - dt.timedelta(days=UNCLAIMED_DAYS)
    sessions = writer.session.exec(
        select(MentorSession)
        .where(MentorSession.date >= since, MentorSession.date <= until)
        .order_by(col(MentorSession.date))
    ).all()
    mentor_names = {
        person.id: person.name
        for person in writer.session.exec(
            select(Person).where(col(Person.id).in_([meeting.mentor_id for meeting in sessions]))
        )
    }
    claims = []
    for meeting in sessions:
        # Half are claimed: the rest are left for the ledger to suggest.
        if not writer.chance(CLAIMED_SHARE):
            continue
        skills = writer.session.exec(
            select(MentorSessionSkillLink.skill_id).where(
                MentorSessionSkillLink.session_id == meeting.id
            )
        ).all()
        hours = round(meeting.duration_minutes / 15) / 4
        business_share = skills.count(business) / len(skills) if skills else 0.0
        business_hours = round(hours * business_share * 4) / 4
        claims.append(
            PduClaim(
                date=meeting.date,
                category=PduCategory.EDUCATION,
                activity=INFORMAL_LEARNING,
                provider=mentor_names[meeting.mentor_id],
                description=f"Mentor session: {meeting.topics}",
                power_skills=hours - business_hours,
                business_acumen=business_hours,
                evidence="Session notes in the journal.",
                source_kind=EntryKind.MENTOR_SESSION.value,
                source_id=meeting.id,
                **writer.stamps(meeting.date),
            )
        )
    return claims


def _listed_claims(writer: DemoWriter, since: dt.date) -> list[PduClaim]:
    """Courses, reading and giving back, spread across the cycle so far."""
    listed: list[tuple[PduCategory, dict[str, Any]]] = [
        (PduCategory.EDUCATION, item) for item in writer.texts["pdu_courses"]
    ] + [(PduCategory.GIVING_BACK, item) for item in writer.texts["pdu_giving_back"]]
    step = max(1, (writer.today - since).days // (len(listed) + 1))
    claims = []
    for index, (category, item) in enumerate(listed):
        day = since + dt.timedelta(days=step * (index + 1) + writer.rng.randint(-5, 5))
        day = min(max(day, since), writer.today)
        ways, power, business = item.get("split", (0.0, 0.0, 0.0))
        claims.append(
            PduClaim(
                date=day,
                category=category,
                activity=item["activity"],
                provider=item["provider"],
                description=item["description"],
                ways_of_working=ways,
                power_skills=power,
                business_acumen=business,
                giving_back_hours=item.get("hours", 0.0),
                evidence="Certificate of completion." if "split" in item else "",
                **writer.stamps(day),
            )
        )
    return claims


# --------------------------------------------------------------------------- readiness


def add_readiness_marks(writer: DemoWriter) -> None:
    """The readiness checks the journal can't prove by itself, ticked by hand."""
    for item in writer.texts["readiness"]:
        writer.session.merge(
            ReadinessMark(
                key=item["key"],
                checked=True,
                checked_on=add_months(writer.today, -item["months_ago"]),
                note=item["note"],
            )
        )
