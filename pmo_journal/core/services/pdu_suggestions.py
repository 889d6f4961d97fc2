"""Claims the journal suggests from its own entries, each never claimed twice.

The rules, in order:

* A mentor session with a mentor (anyone whose relationship is not *mentee*) is
  **Education / Informal learning** for its duration, rounded down to the quarter-hour;
  its triangle split follows the skills it touched (``suggest_split``).
* A mentor session logged with a *mentee* as the counterpart is the user mentoring
  someone else: **Giving Back / Share knowledge**, for its duration.
* A **done** helper assignment with hours is Giving Back for those hours (rounded down):
  done for another organisation it is **Volunteer** (**Share knowledge** for training and
  communities of practice); done for the user's own employer it is at most **Work as a
  practitioner**, with a warning that says why.
* An entry with an active claim (same ``source_kind``/``source_id``) is never suggested.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from pmo_journal.core.disclosure import DisclosureChoice, disclosure_for
from pmo_journal.core.models import (
    AssignmentKind,
    AssignmentStatus,
    CertificationCycle,
    EntryKind,
    HelperAssignment,
    MentorSession,
    MentorSessionSkillLink,
    PduCategory,
    PduClaim,
    PduClaimCreate,
    Person,
    Relationship,
    SessionFormat,
    Skill,
)
from pmo_journal.core.pdus import rules as pdu_rules
from pmo_journal.core.pdus.rules import PduRules
from pmo_journal.core.services import pdus
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import NotFound

INFORMAL_LEARNING = "informal_learning"
SHARE_KNOWLEDGE = "share_knowledge"
VOLUNTEER = "volunteer"
WORK_AS_PRACTITIONER = "work_as_practitioner"


@dataclass(frozen=True)
class PduSuggestion:
    """A claim the journal proposes; ``claim`` pre-fills the claim editor."""

    source_kind: EntryKind
    source_id: int
    title: str
    claim: PduClaimCreate
    warning: str = ""
    #: Set when the entry is private or about a private person (the disclosure rule's words).
    privacy: str = ""


def _own_employer_warning(rules: PduRules, *, room: float) -> str:
    practitioner = rules.activity(WORK_AS_PRACTITIONER)
    limit = practitioner.maximum if practitioner and practitioner.maximum else 0.0
    warning = (
        "Done for your own employer: PMI does not count work for your employer as "
        "Volunteer, so at most it is Work as a practitioner, which is limited to "
        f"{pdu_rules.format_pdus(limit)} PDUs per cycle."
    )
    if room <= 0:
        return warning + " This cycle's limit is already reached, so it would not count."
    if room < limit:
        return warning + f" Only {pdu_rules.pdu_count(room)} more of it can count this cycle."
    return warning


def _claimed_sources(session: Session) -> set[tuple[str, int]]:
    rows = session.exec(
        select(PduClaim.source_kind, PduClaim.source_id)
        .where(PduClaim.deleted_at == None)  # noqa: E711
        .where(col(PduClaim.source_kind).is_not(None))
    ).all()
    return {(kind, int(source_id)) for kind, source_id in rows if kind and source_id is not None}


@dataclass(frozen=True)
class _Lookups:
    """What suggestions need besides the entries themselves, read once per listing."""

    people: dict[int, Person]
    session_skills: dict[int, list[str]]
    rules: PduRules
    practitioner_room: float


def _session_skills(session: Session, session_ids: list[int]) -> dict[int, list[str]]:
    rows = session.exec(
        select(MentorSessionSkillLink.session_id, Skill.name)
        .join(Skill, col(Skill.id) == col(MentorSessionSkillLink.skill_id))
        .where(col(MentorSessionSkillLink.session_id).in_(session_ids))
        .order_by(col(Skill.sort_order))
    ).all()
    found: dict[int, list[str]] = {}
    for session_id, name in rows:
        found.setdefault(session_id, []).append(name)
    return found


def _from_mentor_session(row: MentorSession, lookups: _Lookups) -> PduSuggestion | None:
    assert row.id is not None
    hours = pdu_rules.quarter_hours_from_minutes(row.duration_minutes)
    if hours <= 0:
        return None
    person = lookups.people.get(row.mentor_id)
    name = person.name if person else ""
    mentoring = person is not None and person.relationship == Relationship.MENTEE
    topics = row.topics or row.takeaways or row.decisions
    evidence = (
        f"Journal: mentor session of {row.date.isoformat()} with {name}, "
        f"{row.duration_minutes} minutes ({SessionFormat(row.format).label.lower()})."
    )
    base = {
        "date": row.date,
        "hours": hours,
        "provider": name,
        "evidence": evidence,
        "source_kind": EntryKind.MENTOR_SESSION,
        "source_id": row.id,
    }
    if mentoring:
        claim = PduClaimCreate.model_validate(
            {
                **base,
                "category": PduCategory.GIVING_BACK,
                "activity": SHARE_KNOWLEDGE,
                "description": f"Mentoring {name}: {topics}"[:2000],
            }
        )
        title = f"Mentoring {name}"
    else:
        skills = lookups.session_skills.get(row.id, [])
        split = pdu_rules.suggest_split(hours, skills, rules=lookups.rules)
        claim = PduClaimCreate.model_validate(
            {
                **base,
                **split,
                "category": PduCategory.EDUCATION,
                "activity": INFORMAL_LEARNING,
                "description": f"Mentor session: {topics}"[:2000],
            }
        )
        title = f"Mentor session with {name}"
    return PduSuggestion(EntryKind.MENTOR_SESSION, row.id, title, claim)


def _from_assignment(row: HelperAssignment, lookups: _Lookups) -> PduSuggestion | None:
    assert row.id is not None
    hours = pdu_rules.quarter_hours_from_minutes(round(row.hours * 60))
    if row.status != AssignmentStatus.DONE or hours <= 0:
        return None
    warning = ""
    kind = AssignmentKind(row.kind)
    if row.for_own_employer:
        activity = WORK_AS_PRACTITIONER
        warning = _own_employer_warning(lookups.rules, room=lookups.practitioner_room)
    elif kind == AssignmentKind.TRAINING_COMMUNITY:
        activity = SHARE_KNOWLEDGE
    else:
        activity = VOLUNTEER
    day = row.end_date or row.start_date
    leader = lookups.people.get(row.leader_id) if row.leader_id else None
    outcome = f" Outcome: {row.outcome}" if row.outcome else ""
    claim = PduClaimCreate(
        date=day,
        category=PduCategory.GIVING_BACK,
        activity=activity,
        hours=hours,
        provider=leader.name if leader else "",
        description=f"PMO helper: {row.title} ({kind.label.lower()}).{outcome}"[:2000],
        evidence=(
            f"Journal: helper assignment “{row.title}”, {row.start_date.isoformat()}"
            f" to {day.isoformat()}, {pdu_rules.format_pdus(row.hours)} hours logged."
        ),
        source_kind=EntryKind.HELPER_ASSIGNMENT,
        source_id=row.id,
    )
    return PduSuggestion(EntryKind.HELPER_ASSIGNMENT, row.id, row.title, claim, warning)


def list_suggestions(journal: Journal, *, cycle_id: int) -> list[PduSuggestion]:
    """Unclaimed journal entries dated in the cycle, as pre-filled claims (oldest first)."""
    rules = pdu_rules.load_rules()
    ledger = pdus.cycle_ledger(journal, cycle_id=cycle_id)
    limit = rules.activity(WORK_AS_PRACTITIONER)
    room = (limit.maximum if limit and limit.maximum else 0.0) - ledger.summary.limited_counted.get(
        WORK_AS_PRACTITIONER, 0.0
    )
    with journal.session() as session:
        cycle = session.get(CertificationCycle, cycle_id)
        if cycle is None:
            raise NotFound(f"There is no certification cycle with id {cycle_id}.")
        claimed = _claimed_sources(session)
        sessions = [
            ms
            for ms in session.exec(
                select(MentorSession)
                .where(MentorSession.deleted_at == None)  # noqa: E711
                .where(col(MentorSession.date) >= cycle.start_date)
                .where(col(MentorSession.date) <= cycle.end_date)
            )
            if (EntryKind.MENTOR_SESSION.value, ms.id) not in claimed
        ]
        assignments = [
            ha
            for ha in session.exec(
                select(HelperAssignment).where(HelperAssignment.deleted_at == None)  # noqa: E711
            )
            if (EntryKind.HELPER_ASSIGNMENT.value, ha.id) not in claimed
            and cycle.start_date <= (ha.end_date or ha.start_date) <= cycle.end_date
        ]
        lookups = _Lookups(
            people={p.id: p for p in session.exec(select(Person)) if p.id is not None},
            session_skills=_session_skills(session, [ms.id for ms in sessions if ms.id]),
            rules=rules,
            practitioner_room=room,
        )
        found = [_from_mentor_session(ms, lookups) for ms in sessions]
        found += [_from_assignment(ha, lookups) for ha in assignments]
        suggestions = [s for s in found if s is not None]
    rule = disclosure_for(journal, DisclosureChoice())
    suggestions = [
        replace(s, privacy=rule.claim_warning(s.source_kind, s.source_id)) for s in suggestions
    ]
    return sorted(suggestions, key=lambda s: (s.claim.date, s.source_kind.value, s.source_id))
