"""Career goals: the target role and path, milestones to tick off, entries linked as evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlmodel import Session, col, select

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.entry_kinds import ENTRY_KINDS
from pmo_journal.core.models import (
    CareerGoal,
    CareerGoalCreate,
    CareerGoalRead,
    CareerGoalUpdate,
    EntryKind,
    EvidenceRef,
    GoalEvidence,
    GoalEvidenceRead,
    GoalStatus,
    Milestone,
    MilestoneCreate,
    MilestoneRead,
    MilestoneUpdate,
    utcnow,
)
from pmo_journal.core.services.rows import get_row, grouped, person_names, rows_in, skill_names
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import EntryInvalid, NotFound, validated

_STATUS_ORDER = {
    GoalStatus.ACTIVE: 0,
    GoalStatus.PAUSED: 1,
    GoalStatus.ACHIEVED: 2,
    GoalStatus.DROPPED: 3,
}


def _get(session: Session, goal_id: int, *, deleted: bool = False) -> CareerGoal:
    return get_row(session, CareerGoal, goal_id, noun="career goal", deleted=deleted)


def _live_entry(session: Session, ref: EvidenceRef) -> Any | None:
    row = session.get(ENTRY_KINDS[ref.kind].table, ref.id)
    return None if row is None or row.deleted_at is not None else row


def _evidence_reads(
    session: Session, refs: list[EvidenceRef]
) -> dict[tuple[EntryKind, int], GoalEvidenceRead]:
    """The live entries among ``refs``, as read, by (kind, id): one query per kind, and
    one each for the mentors' and skills' names."""

    def live(table: Any) -> Callable[[list[int]], Any]:
        return lambda chunk: select(table).where(
            col(table.id).in_(chunk), col(table.deleted_at).is_(None)
        )

    rows: dict[tuple[EntryKind, int], Any] = {}
    for kind in dict.fromkeys(ref.kind for ref in refs):
        ids = (ref.id for ref in refs if ref.kind == kind)
        found = rows_in(session, ids, live(ENTRY_KINDS[kind].table))
        rows.update(((kind, row.id), row) for row in found)
    sessions = [row for (kind, _id), row in rows.items() if kind == EntryKind.MENTOR_SESSION]
    reflections = [row for (kind, _id), row in rows.items() if kind == EntryKind.SKILL_REFLECTION]
    mentors = person_names(session, {row.mentor_id for row in sessions})
    skills = skill_names(session, {row.skill_id for row in reflections})
    reads = {}
    for (kind, entry_id), row in rows.items():
        if kind == EntryKind.MENTOR_SESSION:
            date, title = row.date, f"Session with {mentors.get(row.mentor_id, '?')}"
        elif kind in (EntryKind.HELPER_ASSIGNMENT, EntryKind.NOTE):
            date = row.start_date if kind == EntryKind.HELPER_ASSIGNMENT else row.date
            title = row.title
        else:
            date, title = row.date, f"{skills.get(row.skill_id, '?')} reflection"
        reads[kind, entry_id] = GoalEvidenceRead(kind=kind, id=entry_id, date=date, title=title)
    return reads


def goal_read(session: Session, row: CareerGoal) -> CareerGoalRead:
    return goal_reads(session, [row])[0]


def goal_reads(session: Session, rows: Sequence[CareerGoal]) -> list[CareerGoalRead]:
    """``rows`` as read, in their order, with a few queries for all of them (milestones,
    evidence links, the linked entries), however many goals there are."""
    ids = [row.id for row in rows if row.id is not None]
    milestones = grouped(
        [
            (milestone.goal_id, milestone)
            for milestone in rows_in(
                session,
                ids,
                lambda chunk: (
                    select(Milestone)
                    .where(col(Milestone.goal_id).in_(chunk))
                    .order_by(col(Milestone.goal_id), col(Milestone.sort_order), col(Milestone.id))
                ),
            )
        ]
    )
    links = grouped(
        [
            (link.goal_id, EvidenceRef(kind=EntryKind(link.entry_kind), id=link.entry_id))
            for link in rows_in(
                session,
                ids,
                lambda chunk: (
                    select(GoalEvidence)
                    .where(col(GoalEvidence.goal_id).in_(chunk))
                    .order_by(
                        col(GoalEvidence.goal_id),
                        col(GoalEvidence.entry_kind),
                        col(GoalEvidence.entry_id),
                    )
                ),
            )
        ]
    )
    entries = _evidence_reads(session, [ref for refs in links.values() for ref in refs])
    reads = []
    for row in rows:
        assert row.id is not None
        # A deleted entry keeps its link, so restoring the entry restores the evidence.
        evidence = [
            entries[ref.kind, ref.id]
            for ref in links.get(row.id, [])
            if (ref.kind, ref.id) in entries
        ]
        evidence.sort(key=lambda item: item.date, reverse=True)
        reads.append(
            CareerGoalRead.model_validate(
                {
                    # Enum columns come back from SQLite as plain strings; validation converts them.
                    **row.model_dump(warnings=False),
                    "milestones": [
                        MilestoneRead.model_validate(milestone.model_dump())
                        for milestone in milestones.get(row.id, [])
                    ],
                    "evidence": evidence,
                }
            )
        )
    return reads


def _check_evidence(session: Session, refs: list[EvidenceRef]) -> None:
    for ref in refs:
        if _live_entry(session, ref) is None:
            raise EntryInvalid(
                {"evidence": f"There is no {ref.kind.label.lower()} with id {ref.id}."}
            )


def _replace_evidence(session: Session, goal_id: int, refs: list[EvidenceRef]) -> None:
    _check_evidence(session, refs)
    wanted = {(ref.kind.value, ref.id) for ref in refs}
    for link in session.exec(select(GoalEvidence).where(GoalEvidence.goal_id == goal_id)):
        key = (link.entry_kind, link.entry_id)
        ref = EvidenceRef(kind=EntryKind(link.entry_kind), id=link.entry_id)
        # Links to deleted entries are invisible in the editor, so an edit must not drop them.
        if key not in wanted and _live_entry(session, ref) is not None:
            session.delete(link)
        wanted.discard(key)
    for kind, entry_id in sorted(wanted):
        session.add(GoalEvidence(goal_id=goal_id, entry_kind=kind, entry_id=entry_id))


def _replace_milestones(session: Session, goal_id: int, wanted: list[MilestoneUpdate]) -> None:
    existing = {
        milestone.id: milestone
        for milestone in session.exec(select(Milestone).where(Milestone.goal_id == goal_id))
    }
    for item in wanted:
        if item.id is not None and item.id not in existing:
            raise EntryInvalid({"milestones": f"There is no milestone with id {item.id}."})
    kept = {item.id for item in wanted if item.id is not None}
    for milestone_id, milestone in existing.items():
        if milestone_id not in kept:
            session.delete(milestone)
    for order, item in enumerate(wanted):
        row = existing[item.id] if item.id is not None else Milestone(goal_id=goal_id, title="")
        row.title, row.due_date, row.done_date = item.title, item.due_date, item.done_date
        row.sort_order = order
        row.updated_at = utcnow()
        session.add(row)


def create_goal(journal: Journal, *, data: CareerGoalCreate | dict[str, object]) -> CareerGoalRead:
    checked = validated(CareerGoalCreate, data)
    with journal.session() as session:
        row = CareerGoal.model_validate(checked.model_dump(exclude={"milestones", "evidence"}))
        session.add(row)
        session.flush()
        assert row.id is not None
        _replace_milestones(
            session,
            row.id,
            [MilestoneUpdate.model_validate(m.model_dump()) for m in checked.milestones],
        )
        _replace_evidence(session, row.id, checked.evidence)
        session.flush()
        return goal_read(session, row)


def update_goal(
    journal: Journal, goal_id: int, *, data: CareerGoalUpdate | dict[str, object]
) -> CareerGoalRead:
    checked = validated(CareerGoalUpdate, data)
    with journal.session() as session:
        row = _get(session, goal_id)
        row.sqlmodel_update(checked.model_dump(exclude={"milestones", "evidence"}))
        row.updated_at = utcnow()
        session.add(row)
        if checked.milestones is not None:
            _replace_milestones(session, goal_id, checked.milestones)
        if checked.evidence is not None:
            _replace_evidence(session, goal_id, checked.evidence)
        session.flush()
        return goal_read(session, row)


def get_goal(journal: Journal, goal_id: int) -> CareerGoalRead:
    with journal.session() as session:
        return goal_read(session, _get(session, goal_id))


def _settled_on(goal: CareerGoalRead) -> dt.date:
    """The day a goal's status was last set: an achieved goal's last milestone, else its
    last change (the journal keeps no history of statuses)."""
    done = [m.done_date for m in goal.milestones if m.done_date is not None]
    if goal.status == GoalStatus.ACHIEVED and done and len(done) == len(goal.milestones):
        return max(done)
    return goal.updated_at.date()


def goal_as_of(goal: CareerGoalRead, day: dt.date) -> CareerGoalRead | None:
    """``goal`` as it stood on ``day``: None before it was set, milestones done later still
    open, and a status settled later still active."""
    if goal.created_at.date() > day:
        return None
    milestones = [
        m if m.done_date is None or m.done_date <= day else m.model_copy(update={"done_date": None})
        for m in goal.milestones
    ]
    status = goal.status
    if status != GoalStatus.ACTIVE and _settled_on(goal) > day:
        status = GoalStatus.ACTIVE
    return goal.model_copy(update={"milestones": milestones, "status": status})


def list_goals(
    journal: Journal, *, status: GoalStatus | None = None, as_of: dt.date | None = None
) -> list[CareerGoalRead]:
    """Goals, active first, then by target date (undated last); with ``as_of``, as they
    stood on that day (see :func:`goal_as_of`)."""
    with journal.session() as session:
        query = select(CareerGoal).where(CareerGoal.deleted_at == None)  # noqa: E711
        goals = goal_reads(session, session.exec(query).all())
    if as_of is not None:
        goals = [g for g in (goal_as_of(goal, as_of) for goal in goals) if g is not None]
    if status is not None:
        goals = [goal for goal in goals if goal.status == status]
    return sorted(
        goals,
        key=lambda goal: (
            _STATUS_ORDER[goal.status],
            goal.target_date is None,
            goal.target_date or dt.date.max,
            goal.id,
        ),
    )


def delete_goal(journal: Journal, goal_id: int) -> None:
    """Delete a goal so that :func:`restore_goal` can bring it back with its milestones."""
    with journal.session() as session:
        row = _get(session, goal_id)
        row.deleted_at = utcnow()
        session.add(row)


def restore_goal(journal: Journal, goal_id: int) -> CareerGoalRead:
    with journal.session() as session:
        row = _get(session, goal_id, deleted=True)
        row.deleted_at = None
        session.add(row)
        return goal_read(session, row)


# --------------------------------------------------------------------------- one step at a time


def add_milestone(
    journal: Journal, goal_id: int, *, data: MilestoneCreate | dict[str, object]
) -> MilestoneRead:
    checked = validated(MilestoneCreate, data)
    with journal.session() as session:
        _get(session, goal_id)
        count = len(session.exec(select(Milestone.id).where(Milestone.goal_id == goal_id)).all())
        row = Milestone(goal_id=goal_id, sort_order=count, **checked.model_dump())
        session.add(row)
        session.flush()
        return MilestoneRead.model_validate(row.model_dump())


def set_milestone_done(
    journal: Journal, milestone_id: int, *, done_on: dt.date | None
) -> MilestoneRead:
    """Tick a milestone off on ``done_on``, or untick it with ``None``."""
    with journal.session() as session:
        row = session.get(Milestone, milestone_id)
        if row is None:
            raise NotFound(f"There is no milestone with id {milestone_id}.")
        validated(MilestoneCreate, {"title": row.title, "done_date": done_on})
        row.done_date = done_on
        row.updated_at = utcnow()
        session.add(row)
        return MilestoneRead.model_validate(row.model_dump())


def link_evidence(journal: Journal, goal_id: int, *, entry: EvidenceRef) -> CareerGoalRead:
    with journal.session() as session:
        row = _get(session, goal_id)
        _check_evidence(session, [entry])
        if session.get(GoalEvidence, (goal_id, entry.kind.value, entry.id)) is None:
            session.add(
                GoalEvidence(goal_id=goal_id, entry_kind=entry.kind.value, entry_id=entry.id)
            )
        session.flush()
        return goal_read(session, row)


def unlink_evidence(journal: Journal, goal_id: int, *, entry: EvidenceRef) -> CareerGoalRead:
    with journal.session() as session:
        row = _get(session, goal_id)
        link = session.get(GoalEvidence, (goal_id, entry.kind.value, entry.id))
        if link is not None:
            session.delete(link)
        session.flush()
        return goal_read(session, row)


# --------------------------------------------------------------------------- use cases


def save_goal(
    journal: Journal, *, goal_id: int | None, data: dict[str, object]
) -> Outcome[CareerGoalRead]:
    """Add a goal (``goal_id`` None) or save the edits to it, milestones and evidence too."""
    if goal_id is None:
        saved = create_goal(journal, data=data)
    else:
        saved = update_goal(journal, goal_id, data=data)
    return Outcome(saved, Changes(goals=True))


def remove_goal(journal: Journal, *, goal_id: int) -> Changes:
    """Delete a goal, kept so that an undo brings it back with its milestones."""
    delete_goal(journal, goal_id)
    return Changes(goals=True)
