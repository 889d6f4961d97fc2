"""The one registry of entry kinds: each kind's table, read model, names and timeline SQL.

Every module that needs "the entry kinds and their tables" reads them here: the timeline,
goal evidence, the inspection of a journal file (its counts and the search index check),
the backups screen, the exchange document and sync. Adding a kind of entry is one
:class:`EntryKindSpec` in :data:`ENTRY_KINDS`, beside its table and read model in
``models.py``, a migration (the table and its search triggers), its service and editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pmo_journal.core.models import (
    EntryKind,
    HelperAssignment,
    HelperAssignmentRead,
    MentorSession,
    MentorSessionRead,
    SkillReflection,
    SkillReflectionRead,
)


@dataclass(frozen=True)
class TimelineSql:
    """How one entry kind appears on the timeline, as pieces of SQL on its table ``t``."""

    date: str
    title: str
    joins: str
    summary: str
    people: str
    skills: str
    rating: str
    skill_test: str
    person_test: str


@dataclass(frozen=True)
class EntryKindSpec:
    """One kind of journal entry."""

    kind: EntryKind
    table: Any  # the SQLModel table class
    read_model: Any  # the read model its service returns
    label: str  # "Mentor session"
    plural: str  # "mentor sessions"
    document_list: str  # its list in the JSON export
    timeline: TimelineSql

    @property
    def table_name(self) -> str:
        return str(self.table.__tablename__)


_SPECS = (
    EntryKindSpec(
        kind=EntryKind.MENTOR_SESSION,
        table=MentorSession,
        read_model=MentorSessionRead,
        label="Mentor session",
        plural="mentor sessions",
        document_list="mentor_sessions",
        timeline=TimelineSql(
            date="t.date",
            title="'Session with ' || COALESCE(p.name, '?')",
            joins="LEFT JOIN person p ON p.id = t.mentor_id",
            summary="CASE WHEN t.takeaways != '' THEN t.takeaways ELSE t.topics END",
            people="COALESCE(p.name, '')",
            skills="(SELECT group_concat(s.name, ', ') FROM mentorsessionskilllink l "
            "JOIN skill s ON s.id = l.skill_id WHERE l.session_id = t.id)",
            rating="NULL",
            skill_test="EXISTS (SELECT 1 FROM mentorsessionskilllink l "
            "WHERE l.session_id = t.id AND l.skill_id = :skill_id)",
            person_test="t.mentor_id = :person_id",
        ),
    ),
    EntryKindSpec(
        kind=EntryKind.HELPER_ASSIGNMENT,
        table=HelperAssignment,
        read_model=HelperAssignmentRead,
        label="Helper assignment",
        plural="helper assignments",
        document_list="helper_assignments",
        timeline=TimelineSql(
            date="t.start_date",
            title="t.title",
            joins="LEFT JOIN person p ON p.id = t.leader_id",
            summary="t.outcome",
            people="COALESCE(p.name, '')",
            skills="(SELECT group_concat(s.name, ', ') FROM helperassignmentskilllink l "
            "JOIN skill s ON s.id = l.skill_id WHERE l.assignment_id = t.id)",
            rating="NULL",
            skill_test="EXISTS (SELECT 1 FROM helperassignmentskilllink l "
            "WHERE l.assignment_id = t.id AND l.skill_id = :skill_id)",
            person_test="t.leader_id = :person_id",
        ),
    ),
    EntryKindSpec(
        kind=EntryKind.SKILL_REFLECTION,
        table=SkillReflection,
        read_model=SkillReflectionRead,
        label="Skill reflection",
        plural="skill reflections",
        document_list="skill_reflections",
        timeline=TimelineSql(
            date="t.date",
            title="s.name || ' reflection'",
            joins="JOIN skill s ON s.id = t.skill_id",
            summary="CASE WHEN t.result != '' THEN t.result ELSE t.situation END",
            people="''",
            skills="s.name",
            rating="t.rating",
            skill_test="t.skill_id = :skill_id",
            person_test="0",
        ),
    ),
)
ENTRY_KINDS: dict[EntryKind, EntryKindSpec] = {spec.kind: spec for spec in _SPECS}


def entry_kind(kind: EntryKind | str) -> EntryKindSpec:
    """The registered spec of ``kind`` (an EntryKind or its value)."""
    return ENTRY_KINDS[EntryKind(kind)]
