"""The PMO readiness checklist: items the journal can prove, items ticked by hand, a score.

The wording and thresholds live in ``resources/readiness.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, func, select, text

from pmo_journal.core import clock, disclosure
from pmo_journal.core.cadence import add_months
from pmo_journal.core.models import (
    AssignmentKind,
    AssignmentStatus,
    CareerGoal,
    CareerPath,
    EntryKind,
    GoalStatus,
    HelperAssignment,
    MentorSession,
    Note,
    NotePersonLink,
    Person,
    ReadinessMark,
    Relationship,
    Skill,
    SkillReflection,
)
from pmo_journal.core.resources import read_json
from pmo_journal.core.services.goals import goal_as_of, goal_reads
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import NotFound

PROOF_GOAL = "career_goal"
PROOF_PERSON = "person"
MAX_PROOFS = 3


@dataclass(frozen=True)
class ProofLink:
    """The journal entry (or goal, or person) that proves an item: ``kind`` is an
    ``EntryKind`` value, ``"career_goal"`` or ``"person"``."""

    kind: str
    id: int
    label: str
    date: dt.date | None = None
    private: bool = False


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    title: str
    hint: str
    proofs: tuple[ProofLink, ...] = ()
    marked: bool = False
    marked_on: dt.date | None = None
    #: The journal proves the item (its proofs may be left out when they are private).
    proved: bool = False

    @property
    def checked(self) -> bool:
        return self.proved or self.marked


@dataclass(frozen=True)
class ReadinessChecklist:
    items: tuple[ReadinessItem, ...]
    title: str = "PMO readiness"
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def checked_count(self) -> int:
        return sum(1 for item in self.items if item.checked)

    @property
    def score_percent(self) -> int:
        """Checked items as a whole percentage of all items."""
        return round(100 * self.checked_count / len(self.items)) if self.items else 0


@dataclass
class _Derived:
    proofs: list[ProofLink] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)


def _live(table: Any) -> Any:
    return table.deleted_at == None  # noqa: E711


@dataclass(frozen=True)
class _Scope:
    """Which records count: all of them (the user's own screen), or only those the one
    disclosure rule lets leave the journal (a printed report without private entries)."""

    include_private: bool = True

    def public(self, kind: str, table: str) -> tuple[Any, ...]:
        """Conditions (none, or one) keeping the ``kind`` rows of ``table`` that count."""
        if self.include_private:
            return ()
        return (text(disclosure.public_sql(kind, table, include_private=False)),)


def _stored(entry_id: int | None) -> int:
    """The id of a row read from the journal (the column is only None before saving)."""
    assert entry_id is not None
    return entry_id


def _session_proofs(session: Session, *conditions: Any, order: Any, limit: int) -> list[ProofLink]:
    """Up to ``limit`` live mentor sessions meeting ``conditions``, read as columns."""
    rows = session.exec(
        select(
            col(MentorSession.id),
            col(MentorSession.date),
            col(MentorSession.private),
            col(Person.name),
        )
        .join(Person, col(Person.id) == col(MentorSession.mentor_id), isouter=True)
        .where(_live(MentorSession), *conditions)
        .order_by(*order)
        .limit(limit)
    )
    kind = EntryKind.MENTOR_SESSION.value
    return [
        ProofLink(kind, _stored(entry_id), f"Session with {name or '?'}", day, private)
        for entry_id, day, private, name in rows
    ]


def _assignment_proofs(
    session: Session, *conditions: Any, order: Any, limit: int
) -> list[ProofLink]:
    """Up to ``limit`` live helper assignments meeting ``conditions``, read as columns."""
    rows = session.exec(
        select(
            col(HelperAssignment.id),
            col(HelperAssignment.title),
            col(HelperAssignment.start_date),
            col(HelperAssignment.private),
        )
        .where(_live(HelperAssignment), *conditions)
        .order_by(*order)
        .limit(limit)
    )
    return [
        ProofLink(EntryKind.HELPER_ASSIGNMENT.value, _stored(entry_id), title, day, private)
        for entry_id, title, day, private in rows
    ]


def _note_proofs(session: Session, *conditions: Any, order: Any, limit: int) -> list[ProofLink]:
    """Up to ``limit`` live notes meeting ``conditions``, read as columns."""
    rows = session.exec(
        select(col(Note.id), col(Note.title), col(Note.date), col(Note.private))
        .join(NotePersonLink, col(NotePersonLink.note_id) == col(Note.id))
        .where(_live(Note), *conditions)
        .order_by(*order)
        .limit(limit)
    )
    return [
        ProofLink(EntryKind.NOTE.value, _stored(entry_id), title, day, private)
        for entry_id, title, day, private in rows
    ]


def _entries_with(
    session: Session,
    people: dict[int, Person],
    today: dt.date,
    scope: _Scope,
    *,
    limit: int,
    oldest: bool = False,
) -> list[ProofLink]:
    """The ``limit`` newest (or oldest) sessions, assignments and notes with any of ``people``;
    equal dates list sessions first, then by id.

    Each person's entries are read from an index in date order, ``limit`` at most, so
    the cost depends on the number of people, not of entries."""

    def by_date(date: Any, entry_id: Any) -> tuple[Any, ...]:
        return (col(date), col(entry_id)) if oldest else (col(date).desc(), col(entry_id))

    proofs: list[ProofLink] = []
    for person_id in people:
        proofs += _session_proofs(
            session,
            MentorSession.mentor_id == person_id,
            MentorSession.date <= today,
            *scope.public(EntryKind.MENTOR_SESSION.value, "mentorsession"),
            order=by_date(MentorSession.date, MentorSession.id),
            limit=limit,
        )
        proofs += _assignment_proofs(
            session,
            HelperAssignment.leader_id == person_id,
            HelperAssignment.start_date <= today,
            *scope.public(EntryKind.HELPER_ASSIGNMENT.value, "helperassignment"),
            order=by_date(HelperAssignment.start_date, HelperAssignment.id),
            limit=limit,
        )
        proofs += _note_proofs(
            session,
            NotePersonLink.person_id == person_id,
            Note.date <= today,
            *scope.public(EntryKind.NOTE.value, "note"),
            order=by_date(Note.date, Note.id),
            limit=limit,
        )

    def place(proof: ProofLink) -> tuple[int, int, int]:
        day = (proof.date or dt.date.min).toordinal()
        return (day if oldest else -day, proof.kind != EntryKind.MENTOR_SESSION.value, proof.id)

    return sorted(proofs, key=place)[:limit]


def _people(session: Session, *conditions: Any) -> dict[int, Person]:
    return {p.id: p for p in session.exec(select(Person).where(*conditions)) if p.id is not None}


def _talked_with_pmo_leader(
    session: Session, today: dt.date, _cfg: dict[str, Any], scope: _Scope
) -> _Derived:
    leaders = _people(session, Person.relationship == Relationship.PMO_LEADER.value)
    return _Derived(_entries_with(session, leaders, today, scope, limit=MAX_PROOFS))


def _found_mentor(
    session: Session, today: dt.date, _cfg: dict[str, Any], scope: _Scope
) -> _Derived:
    mentors = _people(session, Person.relationship == Relationship.MENTOR.value)
    first = _entries_with(session, mentors, today, scope, limit=1, oldest=True)
    if first:
        return _Derived(first)
    # A mentor met in no entry yet counts from the day they were added: as of an earlier
    # day (a past period's report) they had not been found.
    return _Derived(
        [
            ProofLink(PROOF_PERSON, pid, p.name, None, p.private)
            for pid, p in sorted(mentors.items())
            if (scope.include_private or not p.private)
            and p.created_at.replace(tzinfo=dt.UTC).astimezone().date() <= today
        ][:1]
    )


def _held_sessions(
    session: Session, today: dt.date, cfg: dict[str, Any], scope: _Scope
) -> _Derived:
    needed = int(cfg["min_mentor_sessions"])
    held = (
        _live(MentorSession),
        MentorSession.date <= today,
        *scope.public(EntryKind.MENTOR_SESSION.value, "mentorsession"),
    )
    count = session.exec(select(func.count()).select_from(MentorSession).where(*held)).one()
    derived = _Derived(facts={"count": count})
    if count >= needed:
        # The session that reached the threshold: the needed-th, oldest first.
        derived.proofs = _session_proofs(
            session,
            *held,
            order=(col(MentorSession.date), col(MentorSession.id)),
            limit=needed,
        )[needed - 1 :]
    return derived


def _helper_kinds(session: Session, today: dt.date, cfg: dict[str, Any], scope: _Scope) -> _Derived:
    done = (
        HelperAssignment.status == AssignmentStatus.DONE.value,
        HelperAssignment.start_date <= today,
        *scope.public(EntryKind.HELPER_ASSIGNMENT.value, "helperassignment"),
    )
    newest = (col(HelperAssignment.start_date).desc(), col(HelperAssignment.id))
    # The latest done assignment of each kind: one index lookup per kind.
    latest = {
        kind: proofs[0]
        for kind in AssignmentKind
        if (
            proofs := _assignment_proofs(
                session, *done, HelperAssignment.kind == kind.value, order=newest, limit=1
            )
        )
    }
    derived = _Derived(facts={"kinds": ", ".join(sorted(k.label for k in latest)) or "none"})
    if len(latest) >= int(cfg["min_helper_kinds"]):
        derived.proofs = sorted(
            latest.values(), key=lambda proof: proof.date or dt.date.min, reverse=True
        )
    return derived


def _reflected_on_skills(
    session: Session, today: dt.date, cfg: dict[str, Any], scope: _Scope
) -> _Derived:
    since = add_months(today, -int(cfg["reflection_window_months"]))
    skills = session.exec(
        select(Skill.id, Skill.name)
        .where(Skill.archived == False)  # noqa: E712
        .order_by(col(Skill.sort_order))
    ).all()
    proofs: list[ProofLink] = []
    missing: list[str] = []
    for skill_id, skill_name in skills:
        latest = session.exec(
            select(col(SkillReflection.id), col(SkillReflection.date), col(SkillReflection.private))
            .where(
                SkillReflection.skill_id == skill_id,
                _live(SkillReflection),
                SkillReflection.date >= since,
                SkillReflection.date <= today,
                *scope.public(EntryKind.SKILL_REFLECTION.value, "skillreflection"),
            )
            .order_by(col(SkillReflection.date).desc())
            .limit(1)
        ).first()
        if latest is None:
            missing.append(skill_name)
        else:
            entry_id, day, private = latest
            label = f"{skill_name} reflection"
            proofs.append(
                ProofLink(EntryKind.SKILL_REFLECTION.value, _stored(entry_id), label, day, private)
            )
    complete = bool(skills) and not missing
    return _Derived(proofs if complete else [], {"missing": ", ".join(missing) or "nothing"})


def _chose_path(session: Session, today: dt.date, _cfg: dict[str, Any], scope: _Scope) -> _Derived:
    rows = session.exec(
        select(CareerGoal)
        .where(_live(CareerGoal), *scope.public(disclosure.CAREER_GOAL, "careergoal"))
        .order_by(col(CareerGoal.created_at))
    ).all()
    # The goal as it stood on ``today``: set by then, and still active then.
    goal = next(
        (
            row
            for row, read in zip(rows, goal_reads(session, rows), strict=True)
            if (stood := goal_as_of(read, today)) is not None and stood.status == GoalStatus.ACTIVE
        ),
        None,
    )
    if goal is None or goal.id is None:
        return _Derived()
    label = f"{goal.target_role} — {CareerPath(goal.path).label}"
    return _Derived([ProofLink(PROOF_GOAL, goal.id, label, goal.target_date, goal.private)])


def _cross_department(
    session: Session, today: dt.date, _cfg: dict[str, Any], scope: _Scope
) -> _Derived:
    outside = _people(session, Person.other_department == True)  # noqa: E712
    return _Derived(_entries_with(session, outside, today, scope, limit=MAX_PROOFS))


_DERIVERS = {
    "talked_with_pmo_leader": _talked_with_pmo_leader,
    "found_mentor": _found_mentor,
    "held_mentor_sessions": _held_sessions,
    "helper_assignment_kinds": _helper_kinds,
    "reflected_on_power_skills": _reflected_on_skills,
    "chose_path": _chose_path,
    "cross_department_relationship": _cross_department,
}


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


def readiness_config() -> dict[str, Any]:
    """The checklist's wording and thresholds, from ``resources/readiness.json``."""
    config: dict[str, Any] = read_json("readiness.json")
    return config


def readiness_checklist(
    journal: Journal, *, today: dt.date | None = None, include_private: bool = True
) -> ReadinessChecklist:
    """Every checklist item, with its proof when the journal has one, and the score.

    With ``include_private=False`` (for a document that leaves the journal) only what the
    one disclosure rule lets out counts: private entries, goals and people (and everything
    about a private person) neither tick an item nor appear among its proofs. The
    Readiness screen shows the user their own journal, so it counts everything.
    """
    today = today or clock.today()
    config = readiness_config()
    settings = {k: v for k, v in config.items() if k.startswith(("min_", "reflection_"))}
    items: list[ReadinessItem] = []
    scope = _Scope(include_private)
    with journal.session() as session:
        marks = {mark.key: mark for mark in session.exec(select(ReadinessMark))}
        for spec in config["items"]:
            derive = _DERIVERS.get(spec["key"])
            derived = derive(session, today, config, scope) if derive else _Derived()
            words = _Blank({**settings, **derived.facts})
            mark = marks.get(spec["key"])
            # A tick made after ``today`` was not there yet.
            if mark is not None and mark.checked_on is not None and mark.checked_on > today:
                mark = None
            items.append(
                ReadinessItem(
                    key=spec["key"],
                    title=spec["title"].format_map(words),
                    hint=spec["hint"].format_map(words),
                    proofs=tuple(p for p in derived.proofs if include_private or not p.private),
                    proved=bool(derived.proofs),
                    marked=bool(mark and mark.checked),
                    marked_on=mark.checked_on if mark and mark.checked else None,
                )
            )
    return ReadinessChecklist(tuple(items), config.get("title", "PMO readiness"), settings)


def set_readiness_mark(
    journal: Journal, key: str, *, checked: bool, today: dt.date | None = None
) -> ReadinessChecklist:
    """Tick (or untick) an item by hand; returns the updated checklist."""
    known = {spec["key"] for spec in readiness_config()["items"]}
    if key not in known:
        raise NotFound(f"There is no readiness item called {key!r}.")
    today = today or clock.today()
    with journal.session() as session:
        mark = session.get(ReadinessMark, key) or ReadinessMark(key=key)
        mark.checked = checked
        mark.checked_on = today if checked else None
        session.add(mark)
    return readiness_checklist(journal, today=today)
