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

from dataclasses import dataclass

from sqlmodel import Session, col, select

from pmo_journal.core import pdu_rules
from pmo_journal.core.db import Journal
from pmo_journal.core.models import (
    AssignmentKind,
    AssignmentStatus,
    CertificationCycle,
    EntryKind,
    HelperAssignment,
    MentorSession,
    PduCategory,
    PduClaim,
    PduClaimCreate,
    Person,
    Relationship,
)
from pmo_journal.core.pdu_rules import PduRules
from pmo_journal.core.services.helper_assignments import helper_assignment_read
from pmo_journal.core.services.mentor_sessions import mentor_session_read
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


def _own_employer_warning(rules: PduRules) -> str:
    practitioner = rules.activity(WORK_AS_PRACTITIONER)
    limit = pdu_rules.format_pdus(practitioner.maximum or 0) if practitioner else "8"
    return (
        "Done for your own employer: PMI does not count work for your employer as "
        "Volunteer, so at most it is Work as a practitioner, which is limited to "
        f"{limit} PDUs per cycle."
    )


def _claimed_sources(session: Session) -> set[tuple[str, int]]:
    rows = session.exec(
        select(PduClaim.source_kind, PduClaim.source_id)
        .where(PduClaim.deleted_at == None)  # noqa: E711
        .where(col(PduClaim.source_kind).is_not(None))
    ).all()
    return {(kind, int(source_id)) for kind, source_id in rows if kind and source_id is not None}


def _from_mentor_session(
    session: Session, row: MentorSession, rules: PduRules
) -> PduSuggestion | None:
    read = mentor_session_read(session, row)
    hours = pdu_rules.quarter_hours_from_minutes(read.duration_minutes)
    if hours <= 0:
        return None
    person = session.get(Person, row.mentor_id)
    mentoring = person is not None and person.relationship == Relationship.MENTEE
    topics = read.topics or read.takeaways or read.decisions
    evidence = (
        f"Journal: mentor session of {read.date.isoformat()} with {read.mentor_name}, "
        f"{read.duration_minutes} minutes ({read.format.label.lower()})."
    )
    base = {
        "date": read.date,
        "hours": hours,
        "evidence": evidence,
        "source_kind": EntryKind.MENTOR_SESSION,
        "source_id": read.id,
    }
    if mentoring:
        claim = PduClaimCreate.model_validate(
            {
                **base,
                "category": PduCategory.GIVING_BACK,
                "activity": SHARE_KNOWLEDGE,
                "provider": read.mentor_name,
                "description": f"Mentoring {read.mentor_name}: {topics}"[:2000],
            }
        )
        title = f"Mentoring {read.mentor_name}"
    else:
        split = pdu_rules.suggest_split(hours, read.skill_names, rules=rules)
        claim = PduClaimCreate.model_validate(
            {
                **base,
                **split,
                "category": PduCategory.EDUCATION,
                "activity": INFORMAL_LEARNING,
                "provider": read.mentor_name,
                "description": f"Mentor session: {topics}"[:2000],
            }
        )
        title = f"Mentor session with {read.mentor_name}"
    return PduSuggestion(EntryKind.MENTOR_SESSION, read.id, title, claim)


def _from_assignment(
    session: Session, row: HelperAssignment, rules: PduRules
) -> PduSuggestion | None:
    read = helper_assignment_read(session, row)
    hours = pdu_rules.quarter_hours_from_minutes(round(read.hours * 60))
    if read.status != AssignmentStatus.DONE or hours <= 0:
        return None
    warning = ""
    if read.for_own_employer:
        activity, warning = WORK_AS_PRACTITIONER, _own_employer_warning(rules)
    elif read.kind == AssignmentKind.TRAINING_COMMUNITY:
        activity = SHARE_KNOWLEDGE
    else:
        activity = VOLUNTEER
    day = read.end_date or read.start_date
    outcome = f" Outcome: {read.outcome}" if read.outcome else ""
    claim = PduClaimCreate(
        date=day,
        category=PduCategory.GIVING_BACK,
        activity=activity,
        hours=hours,
        provider=read.leader_name or "",
        description=f"PMO helper: {read.title} ({read.kind.label.lower()}).{outcome}"[:2000],
        evidence=(
            f"Journal: helper assignment “{read.title}”, {read.start_date.isoformat()}"
            f" to {day.isoformat()}, {pdu_rules.format_pdus(read.hours)} hours logged."
        ),
        source_kind=EntryKind.HELPER_ASSIGNMENT,
        source_id=read.id,
    )
    return PduSuggestion(EntryKind.HELPER_ASSIGNMENT, read.id, read.title, claim, warning)


def list_suggestions(journal: Journal, *, cycle_id: int) -> list[PduSuggestion]:
    """Unclaimed journal entries dated in the cycle, as pre-filled claims (oldest first)."""
    rules = pdu_rules.load_rules()
    with journal.session() as session:
        cycle = session.get(CertificationCycle, cycle_id)
        if cycle is None:
            raise NotFound(f"There is no certification cycle with id {cycle_id}.")
        claimed = _claimed_sources(session)
        found: list[PduSuggestion] = []
        sessions = session.exec(
            select(MentorSession)
            .where(MentorSession.deleted_at == None)  # noqa: E711
            .where(col(MentorSession.date) >= cycle.start_date)
            .where(col(MentorSession.date) <= cycle.end_date)
        ).all()
        for ms in sessions:
            if (EntryKind.MENTOR_SESSION.value, ms.id) not in claimed:
                suggestion = _from_mentor_session(session, ms, rules)
                found += [suggestion] if suggestion else []
        assignments = session.exec(
            select(HelperAssignment).where(HelperAssignment.deleted_at == None)  # noqa: E711
        ).all()
        for ha in assignments:
            day = ha.end_date or ha.start_date
            unclaimed = (EntryKind.HELPER_ASSIGNMENT.value, ha.id) not in claimed
            if unclaimed and cycle.start_date <= day <= cycle.end_date:
                suggestion = _from_assignment(session, ha, rules)
                found += [suggestion] if suggestion else []
        return sorted(found, key=lambda s: (s.claim.date, s.source_kind.value, s.source_id))
