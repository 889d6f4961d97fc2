"""Which table each list of the exchange document holds, and how its references are spelled."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pmo_journal.core.disclosure import (
    ACTION_ITEM,
    CAREER_GOAL,
    MILESTONE,
    PDU_CLAIM,
    PERSON,
)
from pmo_journal.core.exchange import schema
from pmo_journal.core.models import (
    ActionItem,
    ActionItemCreate,
    CareerGoal,
    CareerGoalBase,
    CertificationCycle,
    CertificationCycleCreate,
    EntryKind,
    HelperAssignment,
    HelperAssignmentBase,
    HelperAssignmentSkillLink,
    MentorSession,
    MentorSessionBase,
    MentorSessionSkillLink,
    Milestone,
    MilestoneBase,
    PduClaim,
    Person,
    PersonBase,
    Skill,
    SkillReflection,
    SkillReflectionBase,
)


@dataclass(frozen=True)
class ListSpec:
    """One list of the document: its table, record model and uuid references.

    ``refs`` maps a record field to (table column, document list it points into).
    ``check`` is the model whose rules the editors apply; its foreign keys are filled
    with placeholders when an imported record is checked against it. ``disclosure`` is
    the record kind the disclosure rule knows the list's rows by.
    """

    key: str
    table: Any
    record: type[schema.Stamped]
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    check: type[BaseModel] | None = None
    placeholders: dict[str, Any] = field(default_factory=dict)
    disclosure: str | None = None
    skill_links: tuple[Any, str] | None = None

    @property
    def columns(self) -> list[str]:
        return [column.name for column in self.table.__table__.columns]


SPECS: list[ListSpec] = [
    ListSpec("skills", Skill, schema.SkillRecord),
    ListSpec("people", Person, schema.PersonRecord, check=PersonBase, disclosure=PERSON),
    ListSpec(
        "mentor_sessions",
        MentorSession,
        schema.MentorSessionRecord,
        refs={"mentor_uuid": ("mentor_id", "people")},
        check=MentorSessionBase,
        placeholders={"mentor_id": 0},
        disclosure=EntryKind.MENTOR_SESSION,
        skill_links=(MentorSessionSkillLink, "session_id"),
    ),
    ListSpec(
        "action_items",
        ActionItem,
        schema.ActionItemRecord,
        refs={"session_uuid": ("session_id", "mentor_sessions")},
        check=ActionItemCreate,
        disclosure=ACTION_ITEM,
    ),
    ListSpec(
        "helper_assignments",
        HelperAssignment,
        schema.HelperAssignmentRecord,
        refs={"leader_uuid": ("leader_id", "people")},
        check=HelperAssignmentBase,
        disclosure=EntryKind.HELPER_ASSIGNMENT,
        skill_links=(HelperAssignmentSkillLink, "assignment_id"),
    ),
    ListSpec(
        "skill_reflections",
        SkillReflection,
        schema.SkillReflectionRecord,
        refs={"skill_uuid": ("skill_id", "skills")},
        check=SkillReflectionBase,
        placeholders={"skill_id": 0},
        disclosure=EntryKind.SKILL_REFLECTION,
    ),
    ListSpec(
        "career_goals",
        CareerGoal,
        schema.CareerGoalRecord,
        check=CareerGoalBase,
        disclosure=CAREER_GOAL,
    ),
    ListSpec(
        "milestones",
        Milestone,
        schema.MilestoneRecord,
        refs={"goal_uuid": ("goal_id", "career_goals")},
        check=MilestoneBase,
        disclosure=MILESTONE,
    ),
    ListSpec(
        "certification_cycles",
        CertificationCycle,
        schema.CertificationCycleRecord,
        check=CertificationCycleCreate,
    ),
    ListSpec("pdu_claims", PduClaim, schema.PduClaimRecord, disclosure=PDU_CLAIM),
]
BY_KEY = {spec.key: spec for spec in SPECS}
# Goal evidence and PDU claim sources name an entry by kind; these kinds have tables.
KIND_TABLES = {kind: BY_KEY[key] for kind, key in schema.ENTRY_KIND_LISTS.items()}
