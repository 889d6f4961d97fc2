"""The JSON exchange format: one record model per table, rows keyed by uuid, references by uuid.

Version 1 of ``pmo-career-journal``. Every record forbids unknown fields, so a typo or a
file from a newer version is reported instead of silently dropped.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from pmo_journal.core.entry_kinds import ENTRY_KINDS
from pmo_journal.core.models import (
    NAME_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AssignmentKind,
    AssignmentStatus,
    CareerPath,
    GoalStatus,
    PduCategory,
    Relationship,
    SessionFormat,
)

FORMAT_NAME = "pmo-career-journal"
FORMAT_VERSION = 1


def _uuid_text(value: str) -> str:
    try:
        uuid_module.UUID(value)
    except ValueError:
        raise ValueError("is not a uuid like 0b6f…-…") from None
    return value


def _utc(value: dt.datetime) -> dt.datetime:
    # Timestamps are UTC; one written without a zone is taken to be UTC already.
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01T00:00:00+14:00 is before the first day there is
        raise ValueError("is outside the dates a journal can hold") from None


Stamp = Annotated[dt.datetime, AfterValidator(_utc)]
Uuid = Annotated[str, Field(max_length=36), AfterValidator(_uuid_text)]
Name = Annotated[str, Field(max_length=NAME_MAX)]
Title = Annotated[str, Field(max_length=TITLE_MAX)]
Text = Annotated[str, Field(max_length=TEXT_MAX)]
Short = Annotated[str, Field(max_length=64)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stamped(Record):
    uuid: Uuid
    created_at: Stamp
    updated_at: Stamp


class SkillRecord(Stamped):
    name: Name = Field(min_length=1)
    description: Text = ""
    descriptors: list[Text] = Field(default_factory=list, max_length=5)
    headline: bool = False
    sort_order: int = 0
    archived: bool = False
    target_level: int | None = Field(default=None, ge=1, le=5)


class PersonRecord(Stamped):
    name: Name = Field(min_length=1)
    role: Name = ""
    organisation: Name = ""
    relationship: Relationship = Relationship.PEER
    cadence_days: int | None = None
    other_department: bool = False
    notes: Text = ""
    archived: bool = False
    starred: bool = False
    private: bool = False
    reminder_snoozed_until: dt.date | None = None


class MentorSessionRecord(Stamped):
    date: dt.date
    mentor_uuid: Uuid
    duration_minutes: int = 60
    format: SessionFormat = SessionFormat.VIDEO
    topics: Text = ""
    decisions: Text = ""
    takeaways: Text = ""
    next_session_date: dt.date | None = None
    starred: bool = False
    private: bool = False
    skill_uuids: list[Uuid] = Field(default_factory=list)
    deleted_at: Stamp | None = None


class CarryRecord(Record):
    session_uuid: Uuid
    carried_on: dt.date


class ActionItemRecord(Stamped):
    session_uuid: Uuid
    text: Annotated[str, Field(min_length=1, max_length=TITLE_MAX * 5)]
    due_date: dt.date | None = None
    done_date: dt.date | None = None
    carries: list[CarryRecord] = Field(default_factory=list)


class HelperAssignmentRecord(Stamped):
    title: Title = Field(min_length=1)
    kind: AssignmentKind = AssignmentKind.OTHER
    leader_uuid: Uuid | None = None
    start_date: dt.date
    end_date: dt.date | None = None
    hours: float = 0.0
    status: AssignmentStatus = AssignmentStatus.IN_PROGRESS
    outcome: Text = ""
    feedback: Text = ""
    for_own_employer: bool = True
    starred: bool = False
    private: bool = False
    skill_uuids: list[Uuid] = Field(default_factory=list)
    deleted_at: Stamp | None = None


class SkillReflectionRecord(Stamped):
    date: dt.date
    skill_uuid: Uuid
    rating: int
    situation: Text = ""
    action: Text = ""
    result: Text = ""
    learned: Text = ""
    next_step: Text = ""
    starred: bool = False
    private: bool = False
    deleted_at: Stamp | None = None


class EvidenceRecord(Record):
    entry_kind: Short
    entry_uuid: Uuid


class CareerGoalRecord(Stamped):
    target_role: Name = Field(min_length=1)
    path: CareerPath = CareerPath.DIRECT
    target_date: dt.date | None = None
    status: GoalStatus = GoalStatus.ACTIVE
    why: Text = ""
    starred: bool = False
    private: bool = False
    deleted_at: Stamp | None = None
    evidence: list[EvidenceRecord] = Field(default_factory=list)


class MilestoneRecord(Stamped):
    goal_uuid: Uuid
    title: Title
    due_date: dt.date | None = None
    done_date: dt.date | None = None
    sort_order: int = 0


class ReadinessMarkRecord(Record):
    key: Short = Field(min_length=1)
    checked: bool = False
    checked_on: dt.date | None = None
    note: Text = ""


class CertificationCycleRecord(Stamped):
    certification: Annotated[str, Field(max_length=40)] = "PMP"
    start_date: dt.date
    end_date: dt.date
    current: bool = False


class PduClaimRecord(Stamped):
    date: dt.date
    category: PduCategory
    activity: Annotated[str, Field(max_length=40)]
    provider: Name = ""
    description: Text = ""
    ways_of_working: float = Field(default=0.0, ge=0, le=1000)
    power_skills: float = Field(default=0.0, ge=0, le=1000)
    business_acumen: float = Field(default=0.0, ge=0, le=1000)
    giving_back_hours: float = Field(default=0.0, ge=0, le=1000)
    evidence: Text = ""
    source_kind: Short | None = None
    source_uuid: Uuid | None = None
    deleted_at: Stamp | None = None


class SettingRecord(Record):
    key: Short = Field(min_length=1)
    value: Text = ""


class Document(Record):
    """A whole export. Lists are sorted by uuid (or key) so two exports compare equal."""

    format: str
    version: int
    exported_at: dt.datetime
    schema_revision: str = ""
    include_private: bool = False
    skills: list[SkillRecord] = Field(default_factory=list)
    people: list[PersonRecord] = Field(default_factory=list)
    mentor_sessions: list[MentorSessionRecord] = Field(default_factory=list)
    action_items: list[ActionItemRecord] = Field(default_factory=list)
    helper_assignments: list[HelperAssignmentRecord] = Field(default_factory=list)
    skill_reflections: list[SkillReflectionRecord] = Field(default_factory=list)
    career_goals: list[CareerGoalRecord] = Field(default_factory=list)
    milestones: list[MilestoneRecord] = Field(default_factory=list)
    readiness_marks: list[ReadinessMarkRecord] = Field(default_factory=list)
    certification_cycles: list[CertificationCycleRecord] = Field(default_factory=list)
    pdu_claims: list[PduClaimRecord] = Field(default_factory=list)
    settings: list[SettingRecord] = Field(default_factory=list)


# Entry kinds that goal evidence and PDU claims may point at: kind -> document list.
ENTRY_KIND_LISTS = {
    **{kind.value: spec.document_list for kind, spec in ENTRY_KINDS.items()},
    "pdu_claim": "pdu_claims",
}
