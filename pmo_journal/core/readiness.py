"""The PMO readiness checklist: items the journal can prove, items ticked by hand, a score.

The wording and thresholds live in ``resources/readiness.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from pmo_journal.core import clock
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
    Person,
    ReadinessMark,
    Relationship,
    Skill,
    SkillReflection,
)
from pmo_journal.core.resources import read_json
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


def _session_proof(row: MentorSession, name: str) -> ProofLink:
    assert row.id is not None
    return ProofLink(
        EntryKind.MENTOR_SESSION.value, row.id, f"Session with {name}", row.date, row.private
    )


def _assignment_proof(row: HelperAssignment) -> ProofLink:
    assert row.id is not None
    return ProofLink(
        EntryKind.HELPER_ASSIGNMENT.value, row.id, row.title, row.start_date, row.private
    )


def _entries_with(session: Session, people: dict[int, Person], today: dt.date) -> list[ProofLink]:
    """Sessions and assignments with any of ``people``, newest first."""
    ids = list(people)
    proofs = [
        _session_proof(row, people[row.mentor_id].name)
        for row in session.exec(
            select(MentorSession).where(
                col(MentorSession.mentor_id).in_(ids),
                _live(MentorSession),
                MentorSession.date <= today,
            )
        )
    ]
    proofs += [
        _assignment_proof(row)
        for row in session.exec(
            select(HelperAssignment).where(
                col(HelperAssignment.leader_id).in_(ids),
                _live(HelperAssignment),
                HelperAssignment.start_date <= today,
            )
        )
    ]
    return sorted(proofs, key=lambda proof: proof.date or dt.date.min, reverse=True)


def _people(session: Session, *conditions: Any) -> dict[int, Person]:
    return {p.id: p for p in session.exec(select(Person).where(*conditions)) if p.id is not None}


def _talked_with_pmo_leader(session: Session, today: dt.date, _cfg: dict[str, Any]) -> _Derived:
    leaders = _people(session, Person.relationship == Relationship.PMO_LEADER.value)
    return _Derived(_entries_with(session, leaders, today)[:MAX_PROOFS])


def _found_mentor(session: Session, today: dt.date, _cfg: dict[str, Any]) -> _Derived:
    mentors = _people(session, Person.relationship == Relationship.MENTOR.value)
    first = sorted(_entries_with(session, mentors, today), key=lambda p: p.date or dt.date.min)
    if first:
        return _Derived([first[0]])
    return _Derived(
        [
            ProofLink(PROOF_PERSON, pid, p.name, None, p.private)
            for pid, p in sorted(mentors.items())
        ][:1]
    )


def _held_sessions(session: Session, today: dt.date, cfg: dict[str, Any]) -> _Derived:
    needed = int(cfg["min_mentor_sessions"])
    rows = session.exec(
        select(MentorSession)
        .where(_live(MentorSession), MentorSession.date <= today)
        .order_by(col(MentorSession.date), col(MentorSession.id))
    ).all()
    derived = _Derived(facts={"count": len(rows)})
    if len(rows) >= needed:
        names = {p.id: p.name for p in session.exec(select(Person))}
        derived.proofs = [
            _session_proof(rows[needed - 1], names.get(rows[needed - 1].mentor_id, "?"))
        ]
    return derived


def _helper_kinds(session: Session, today: dt.date, cfg: dict[str, Any]) -> _Derived:
    rows = session.exec(
        select(HelperAssignment)
        .where(
            _live(HelperAssignment),
            HelperAssignment.status == AssignmentStatus.DONE.value,
            HelperAssignment.start_date <= today,
        )
        .order_by(col(HelperAssignment.start_date).desc())
    ).all()
    latest_per_kind: dict[str, HelperAssignment] = {}
    for row in rows:
        latest_per_kind.setdefault(row.kind, row)
    kinds = ", ".join(sorted(AssignmentKind(k).label for k in latest_per_kind)) or "none"
    derived = _Derived(facts={"kinds": kinds})
    if len(latest_per_kind) >= int(cfg["min_helper_kinds"]):
        derived.proofs = [_assignment_proof(row) for row in latest_per_kind.values()]
    return derived


def _reflected_on_skills(session: Session, today: dt.date, cfg: dict[str, Any]) -> _Derived:
    since = add_months(today, -int(cfg["reflection_window_months"]))
    skills = session.exec(
        select(Skill).where(Skill.archived == False).order_by(col(Skill.sort_order))  # noqa: E712
    ).all()
    proofs: list[ProofLink] = []
    missing: list[str] = []
    for skill in skills:
        latest = session.exec(
            select(SkillReflection)
            .where(
                SkillReflection.skill_id == skill.id,
                _live(SkillReflection),
                SkillReflection.date >= since,
                SkillReflection.date <= today,
            )
            .order_by(col(SkillReflection.date).desc())
        ).first()
        if latest is None or latest.id is None:
            missing.append(skill.name)
        else:
            label = f"{skill.name} reflection"
            proofs.append(
                ProofLink(
                    EntryKind.SKILL_REFLECTION.value, latest.id, label, latest.date, latest.private
                )
            )
    complete = bool(skills) and not missing
    return _Derived(proofs if complete else [], {"missing": ", ".join(missing) or "nothing"})


def _chose_path(session: Session, _today: dt.date, _cfg: dict[str, Any]) -> _Derived:
    goal = session.exec(
        select(CareerGoal)
        .where(_live(CareerGoal), CareerGoal.status == GoalStatus.ACTIVE.value)
        .order_by(col(CareerGoal.created_at))
    ).first()
    if goal is None or goal.id is None:
        return _Derived()
    label = f"{goal.target_role} — {CareerPath(goal.path).label}"
    return _Derived([ProofLink(PROOF_GOAL, goal.id, label, goal.target_date, goal.private)])


def _cross_department(session: Session, today: dt.date, _cfg: dict[str, Any]) -> _Derived:
    outside = _people(session, Person.other_department == True)  # noqa: E712
    return _Derived(_entries_with(session, outside, today)[:MAX_PROOFS])


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

    With ``include_private=False`` (for printing) private entries still count, but are not
    named among the proofs.
    """
    today = today or clock.today()
    config = readiness_config()
    settings = {k: v for k, v in config.items() if k.startswith(("min_", "reflection_"))}
    items: list[ReadinessItem] = []
    with journal.session() as session:
        marks = {mark.key: mark for mark in session.exec(select(ReadinessMark))}
        for spec in config["items"]:
            derive = _DERIVERS.get(spec["key"])
            derived = derive(session, today, config) if derive else _Derived()
            words = _Blank({**settings, **derived.facts})
            mark = marks.get(spec["key"])
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
