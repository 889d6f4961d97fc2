"""SQLModel tables of the journal and the Create/Update/Read models that cross to the UI.

Layout follows one habit throughout: ``XBase`` holds the user's fields and their
validation, ``XCreate``/``XUpdate`` are what editors hand to services, ``X`` is the
table and ``XRead`` is the plain read model that leaves a session.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid as uuid_module

from pydantic import field_validator, model_validator
from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel
from sqlmodel.sql.sqltypes import AutoString

from pmo_journal.core import clock
from pmo_journal.core.clock import utcnow  # rows are stamped with it; services import it here

# Build each model's validators on its first use rather than at import: start-up reads
# only a few of them before the first paint. Set on SQLModel itself so every class inherits it.
SQLModel.model_config["defer_build"] = True

# Limits shared by validation and by the editors (which show them as max lengths).
TITLE_MAX = 200
NAME_MAX = 120
TEXT_MAX = 20_000
DURATION_MAX_MINUTES = 12 * 60
HOURS_MAX = 2_000.0


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class EntryKind(enum.StrEnum):
    """The kinds of journal entry shown on the timeline."""

    MENTOR_SESSION = "mentor_session"
    HELPER_ASSIGNMENT = "helper_assignment"
    SKILL_REFLECTION = "skill_reflection"

    @property
    def label(self) -> str:
        """The kind's name, e.g. "Mentor session", from the registry of entry kinds."""
        # Imported here: the registry imports the tables defined below.
        from pmo_journal.core.entry_kinds import ENTRY_KINDS

        return ENTRY_KINDS[self].label


class Relationship(enum.StrEnum):
    MENTOR = "mentor"
    PMO_LEADER = "pmo_leader"
    PEER = "peer"
    MENTEE = "mentee"

    @property
    def label(self) -> str:
        return {
            Relationship.MENTOR: "Mentor",
            Relationship.PMO_LEADER: "PMO leader",
            Relationship.PEER: "Peer",
            Relationship.MENTEE: "Mentee",
        }[self]


class SessionFormat(enum.StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"
    CHAT = "chat"

    @property
    def label(self) -> str:
        return {
            SessionFormat.IN_PERSON: "In person",
            SessionFormat.VIDEO: "Video call",
            SessionFormat.PHONE: "Phone",
            SessionFormat.CHAT: "Chat / email",
        }[self]


class AssignmentKind(enum.StrEnum):
    MEETING_PREP = "meeting_prep"
    MINUTES = "minutes"
    METRICS_GATHERING = "metrics_gathering"
    METRICS_ANALYSIS = "metrics_analysis"
    SHADOWING = "shadowing"
    PROCESS_TEMPLATES = "process_templates"
    TRAINING_COMMUNITY = "training_community"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            AssignmentKind.MEETING_PREP: "Meeting preparation",
            AssignmentKind.MINUTES: "Taking minutes",
            AssignmentKind.METRICS_GATHERING: "Metrics gathering",
            AssignmentKind.METRICS_ANALYSIS: "Metrics analysis",
            AssignmentKind.SHADOWING: "Shadowing",
            AssignmentKind.PROCESS_TEMPLATES: "Process / templates",
            AssignmentKind.TRAINING_COMMUNITY: "Training / community of practice",
            AssignmentKind.OTHER: "Other",
        }[self]


class AssignmentStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {
            AssignmentStatus.PLANNED: "Planned",
            AssignmentStatus.IN_PROGRESS: "In progress",
            AssignmentStatus.DONE: "Done",
            AssignmentStatus.DROPPED: "Dropped",
        }[self]


class CareerPath(enum.StrEnum):
    DIRECT = "direct"
    DELIVERY_ROUTE = "delivery_route"

    @property
    def label(self) -> str:
        return {
            CareerPath.DIRECT: "Direct to a PMO",
            CareerPath.DELIVERY_ROUTE: "Delivery route (program → portfolio → PMO)",
        }[self]


class GoalStatus(enum.StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PduCategory(enum.StrEnum):
    EDUCATION = "education"
    GIVING_BACK = "giving_back"

    @property
    def label(self) -> str:
        return "Education" if self == PduCategory.EDUCATION else "Giving Back"


# --------------------------------------------------------------------------- shared bits


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class TimestampedMixin(SQLModel):
    uuid: str = Field(default_factory=new_uuid, index=True, unique=True, max_length=36)
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class FlagsBase(SQLModel):
    starred: bool = Field(default=False, title="Starred")
    private: bool = Field(default=False, title="Private")


# --------------------------------------------------------------------------- skills


class SkillBase(SQLModel):
    name: str = Field(min_length=1, max_length=NAME_MAX, title="Name")
    description: str = Field(default="", max_length=TEXT_MAX, title="Description")

    _strip_name = field_validator("name", "description", mode="before")(_strip)


class SkillCreate(SkillBase):
    descriptors: list[str] = Field(default_factory=list, title="Level descriptors")

    @field_validator("descriptors")
    @classmethod
    def _five_or_none(cls, value: list[str]) -> list[str]:
        if value and len(value) != 5:
            raise ValueError("Give a descriptor for each of the five levels, or none.")
        return value


class Skill(SkillBase, TimestampedMixin, table=True):
    __table_args__ = (UniqueConstraint("name", name="uq_skill_name"),)

    id: int | None = Field(default=None, primary_key=True)
    # JSON list of five descriptors, levels 1..5.
    descriptors_json: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    headline: bool = False
    sort_order: int = 0
    archived: bool = False
    target_level: int | None = Field(default=None, ge=1, le=5)


class SkillRead(SkillBase):
    id: int
    uuid: str
    descriptors: list[str]
    headline: bool
    sort_order: int
    archived: bool
    target_level: int | None


# --------------------------------------------------------------------------- people


class PersonBase(SQLModel):
    name: str = Field(min_length=1, max_length=NAME_MAX, title="Name")
    role: str = Field(default="", max_length=NAME_MAX, title="Role")
    organisation: str = Field(default="", max_length=NAME_MAX, title="Organisation")
    relationship: Relationship = Field(
        default=Relationship.PEER, sa_type=AutoString, title="Relationship"
    )
    cadence_days: int | None = Field(default=None, ge=7, le=366, title="Meeting cadence")
    other_department: bool = Field(default=False, title="Outside my department")
    notes: str = Field(default="", max_length=TEXT_MAX, title="Notes")
    # A private person: nothing about them leaves the journal (core.disclosure).
    private: bool = Field(default=False, title="Private")

    _strip_text = field_validator("name", "role", "organisation", "notes", mode="before")(_strip)

    @model_validator(mode="after")
    def _mentors_meet_monthly_by_default(self) -> PersonBase:
        if self.relationship == Relationship.MENTOR and self.cadence_days is None:
            self.cadence_days = 30
        return self


class PersonCreate(PersonBase):
    pass


class PersonUpdate(PersonBase):
    pass


class Person(PersonBase, TimestampedMixin, FlagsBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    archived: bool = False
    reminder_snoozed_until: dt.date | None = None


class PersonRead(PersonBase):
    id: int
    uuid: str
    archived: bool
    starred: bool
    private: bool
    reminder_snoozed_until: dt.date | None
    entry_count: int = 0


# --------------------------------------------------------------------------- link tables


class MentorSessionSkillLink(SQLModel, table=True):
    session_id: int = Field(foreign_key="mentorsession.id", primary_key=True, ondelete="CASCADE")
    skill_id: int = Field(foreign_key="skill.id", primary_key=True)


class HelperAssignmentSkillLink(SQLModel, table=True):
    assignment_id: int = Field(
        foreign_key="helperassignment.id", primary_key=True, ondelete="CASCADE"
    )
    skill_id: int = Field(foreign_key="skill.id", primary_key=True)


# --------------------------------------------------------------------------- mentor sessions


class MentorSessionBase(FlagsBase):
    date: dt.date = Field(title="Date")
    mentor_id: int = Field(foreign_key="person.id", title="Mentor")
    duration_minutes: int = Field(default=60, ge=5, le=DURATION_MAX_MINUTES, title="Duration")
    format: SessionFormat = Field(default=SessionFormat.VIDEO, sa_type=AutoString, title="Format")
    topics: str = Field(default="", max_length=TEXT_MAX, title="Topics")
    decisions: str = Field(default="", max_length=TEXT_MAX, title="PMO decisions discussed")
    takeaways: str = Field(default="", max_length=TEXT_MAX, title="Key takeaways")
    next_session_date: dt.date | None = Field(default=None, title="Next session")

    _strip_text = field_validator("topics", "decisions", "takeaways", mode="before")(_strip)

    @model_validator(mode="after")
    def _next_after_this(self) -> MentorSessionBase:
        if self.next_session_date is not None and self.next_session_date < self.date:
            raise ValueError("The next session can't be before this session.")
        if not (self.topics or self.decisions or self.takeaways):
            raise ValueError("Write at least the topics, a decision or a takeaway.")
        return self


class MentorSessionCreate(MentorSessionBase):
    skill_ids: list[int] = Field(default_factory=list, title="Skills")
    new_action_items: list[ActionItemCreate] = Field(default_factory=list, title="Action items")


class MentorSessionUpdate(MentorSessionBase):
    skill_ids: list[int] = Field(default_factory=list, title="Skills")


class MentorSession(MentorSessionBase, TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    deleted_at: dt.datetime | None = None


class MentorSessionRead(MentorSessionBase):
    id: int
    uuid: str
    mentor_name: str
    skill_ids: list[int]
    skill_names: list[str]
    action_items: list[ActionItemRead] = Field(default_factory=list)
    created_at: dt.datetime
    updated_at: dt.datetime


# --------------------------------------------------------------------------- action items


class ActionItemBase(SQLModel):
    text: str = Field(min_length=1, max_length=TITLE_MAX * 5, title="Action item")
    due_date: dt.date | None = Field(default=None, title="Due")

    _strip_text = field_validator("text", mode="before")(_strip)


class ActionItemCreate(ActionItemBase):
    pass


class ActionItem(ActionItemBase, TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="mentorsession.id", index=True, ondelete="CASCADE")
    done_date: dt.date | None = None


class ActionItemCarry(SQLModel, table=True):
    """One step of an action item's history: it was carried forward into a later session."""

    id: int | None = Field(default=None, primary_key=True)
    action_item_id: int = Field(foreign_key="actionitem.id", index=True, ondelete="CASCADE")
    session_id: int = Field(foreign_key="mentorsession.id", ondelete="CASCADE")
    carried_on: dt.date


class ActionItemRead(ActionItemBase):
    id: int
    uuid: str
    session_id: int
    session_date: dt.date
    mentor_id: int
    mentor_name: str
    done_date: dt.date | None
    carried_into: list[dt.date] = Field(default_factory=list)


# --------------------------------------------------------------------------- helper assignments


class HelperAssignmentBase(FlagsBase):
    title: str = Field(min_length=1, max_length=TITLE_MAX, title="Title")
    kind: AssignmentKind = Field(default=AssignmentKind.OTHER, sa_type=AutoString, title="Kind")
    leader_id: int | None = Field(default=None, foreign_key="person.id", title="PMO leader")
    start_date: dt.date = Field(title="Start date")
    end_date: dt.date | None = Field(default=None, title="End date")
    hours: float = Field(default=0.0, ge=0.0, le=HOURS_MAX, title="Hours")
    status: AssignmentStatus = Field(
        default=AssignmentStatus.IN_PROGRESS, sa_type=AutoString, title="Status"
    )
    outcome: str = Field(default="", max_length=TEXT_MAX, title="Outcome / value delivered")
    feedback: str = Field(default="", max_length=TEXT_MAX, title="Feedback received")
    for_own_employer: bool = Field(default=True, title="For my own employer")

    _strip_text = field_validator("title", "outcome", "feedback", mode="before")(_strip)

    @model_validator(mode="after")
    def _end_after_start(self) -> HelperAssignmentBase:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError("The end date can't be before the start date.")
        return self


class HelperAssignmentCreate(HelperAssignmentBase):
    skill_ids: list[int] = Field(default_factory=list, title="Skills")


class HelperAssignmentUpdate(HelperAssignmentCreate):
    pass


class HelperAssignment(HelperAssignmentBase, TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    deleted_at: dt.datetime | None = None


class HelperAssignmentRead(HelperAssignmentBase):
    id: int
    uuid: str
    leader_name: str | None
    skill_ids: list[int]
    skill_names: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime


# --------------------------------------------------------------------------- skill reflections


class SkillReflectionBase(FlagsBase):
    date: dt.date = Field(title="Date")
    skill_id: int = Field(foreign_key="skill.id", title="Skill")
    rating: int = Field(ge=1, le=5, title="Self-rating")
    situation: str = Field(default="", max_length=TEXT_MAX, title="Situation")
    action: str = Field(default="", max_length=TEXT_MAX, title="Action")
    result: str = Field(default="", max_length=TEXT_MAX, title="Result")
    learned: str = Field(default="", max_length=TEXT_MAX, title="What I learned")
    next_step: str = Field(default="", max_length=TEXT_MAX, title="Next step")

    _strip_text = field_validator(
        "situation", "action", "result", "learned", "next_step", mode="before"
    )(_strip)

    @field_validator("date")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > clock.today():
            raise ValueError("A reflection can't be dated in the future.")
        return value

    @model_validator(mode="after")
    def _some_evidence(self) -> SkillReflectionBase:
        if not (self.situation or self.action or self.result or self.learned):
            raise ValueError("Describe the situation, action or result behind the rating.")
        return self


class SkillReflectionCreate(SkillReflectionBase):
    pass


class SkillReflectionUpdate(SkillReflectionBase):
    pass


class SkillReflection(SkillReflectionBase, TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    deleted_at: dt.datetime | None = None


class SkillReflectionRead(SkillReflectionBase):
    id: int
    uuid: str
    skill_name: str
    created_at: dt.datetime
    updated_at: dt.datetime


# --------------------------------------------------------------------------- career goals


class CareerGoalBase(FlagsBase):
    target_role: str = Field(min_length=1, max_length=NAME_MAX, title="Target role")
    path: CareerPath = Field(default=CareerPath.DIRECT, sa_type=AutoString, title="Path")
    target_date: dt.date | None = Field(default=None, title="Target date")
    status: GoalStatus = Field(default=GoalStatus.ACTIVE, sa_type=AutoString, title="Status")
    why: str = Field(default="", max_length=TEXT_MAX, title="Why")

    _strip_text = field_validator("target_role", "why", mode="before")(_strip)


class MilestoneBase(SQLModel):
    title: str = Field(min_length=1, max_length=TITLE_MAX, title="Milestone")
    due_date: dt.date | None = Field(default=None, title="Due")
    done_date: dt.date | None = Field(default=None, title="Done")

    _strip_text = field_validator("title", mode="before")(_strip)

    @field_validator("done_date")
    @classmethod
    def _done_not_in_future(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > clock.today():
            raise ValueError("A milestone can't be done in the future.")
        return value


class MilestoneCreate(MilestoneBase):
    pass


class MilestoneUpdate(MilestoneBase):
    """A milestone inside a goal edit: with an ``id`` it changes that one, without it is new."""

    id: int | None = None


class EvidenceRef(SQLModel):
    """Names one journal entry (kind and id) linked to a goal as evidence."""

    kind: EntryKind
    id: int


class CareerGoalCreate(CareerGoalBase):
    milestones: list[MilestoneCreate] = Field(default_factory=list, title="Milestones")
    evidence: list[EvidenceRef] = Field(default_factory=list, title="Evidence")


class CareerGoalUpdate(CareerGoalBase):
    """A whole goal edit. ``None`` lists leave milestones or evidence as they are; a list
    replaces them (milestones without an id are added, missing ones removed)."""

    milestones: list[MilestoneUpdate] | None = Field(default=None, title="Milestones")
    evidence: list[EvidenceRef] | None = Field(default=None, title="Evidence")


class CareerGoal(CareerGoalBase, TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    deleted_at: dt.datetime | None = None


class Milestone(TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="careergoal.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=TITLE_MAX)
    due_date: dt.date | None = None
    done_date: dt.date | None = None
    sort_order: int = 0


class GoalEvidence(SQLModel, table=True):
    """A journal entry linked to a goal as evidence of progress."""

    goal_id: int = Field(foreign_key="careergoal.id", primary_key=True, ondelete="CASCADE")
    entry_kind: str = Field(primary_key=True, max_length=32)
    entry_id: int = Field(primary_key=True)


class MilestoneRead(MilestoneBase):
    id: int
    goal_id: int
    sort_order: int

    def overdue_on(self, today: dt.date) -> bool:
        """Still open on ``today`` although its due date has passed."""
        return self.done_date is None and self.due_date is not None and self.due_date < today


class GoalEvidenceRead(SQLModel):
    kind: EntryKind
    id: int
    date: dt.date
    title: str


class CareerGoalRead(CareerGoalBase):
    id: int
    uuid: str
    milestones: list[MilestoneRead] = Field(default_factory=list)
    evidence: list[GoalEvidenceRead] = Field(default_factory=list)
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def milestones_done(self) -> int:
        return sum(1 for milestone in self.milestones if milestone.done_date is not None)

    @property
    def progress(self) -> float:
        """Share of milestones done, 0..1; an achieved goal without milestones counts as 1."""
        if not self.milestones:
            return 1.0 if self.status == GoalStatus.ACHIEVED else 0.0
        return self.milestones_done / len(self.milestones)

    def overdue_milestones(self, today: dt.date) -> list[MilestoneRead]:
        return [milestone for milestone in self.milestones if milestone.overdue_on(today)]


class ReadinessMark(SQLModel, table=True):
    """A readiness checklist item the user ticked by hand."""

    key: str = Field(primary_key=True, max_length=64)
    checked: bool = False
    checked_on: dt.date | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


# --------------------------------------------------------------------------- PDUs


class CertificationCycleCreate(SQLModel):
    """A certification cycle as the cycle editor hands it over."""

    certification: str = Field(default="PMP", min_length=1, max_length=40, title="Certification")
    start_date: dt.date = Field(title="Start date")
    end_date: dt.date = Field(title="End date")
    current: bool = Field(default=False, title="Current cycle")

    _strip_text = field_validator("certification", mode="before")(_strip)

    @model_validator(mode="after")
    def _end_after_start(self) -> CertificationCycleCreate:
        if self.end_date <= self.start_date:
            raise ValueError("A cycle must end after it starts.")
        return self


class CertificationCycleRead(SQLModel):
    id: int
    uuid: str
    certification: str
    start_date: dt.date
    end_date: dt.date
    current: bool
    claim_count: int = 0

    @property
    def label(self) -> str:
        return f"{self.certification} {self.start_date.isoformat()} – {self.end_date.isoformat()}"


class CertificationCycle(TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    certification: str = Field(default="PMP", max_length=40)
    start_date: dt.date
    end_date: dt.date
    current: bool = False


class PduClaim(TimestampedMixin, table=True):
    id: int | None = Field(default=None, primary_key=True)
    date: dt.date = Field(index=True)
    category: PduCategory = Field(sa_type=AutoString)
    activity: str = Field(max_length=40)
    provider: str = Field(default="", max_length=NAME_MAX)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    ways_of_working: float = 0.0
    power_skills: float = 0.0
    business_acumen: float = 0.0
    giving_back_hours: float = 0.0
    evidence: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    source_kind: str | None = Field(default=None, max_length=32)
    source_id: int | None = None
    deleted_at: dt.datetime | None = None


class PduClaimCreate(SQLModel):
    """A PDU claim from the claim editor: the hours and, for Education, their triangle split.

    The PDU rules (activity of the category, quarter-hour steps, split adding up) are
    checked by the PDU service against ``resources/pdu_rules.json``.
    """

    date: dt.date = Field(title="Date")
    category: PduCategory = Field(title="Category")
    activity: str = Field(min_length=1, max_length=40, title="Activity")
    hours: float = Field(ge=0.0, le=HOURS_MAX, title="PDUs")
    ways_of_working: float = Field(default=0.0, ge=0.0, le=HOURS_MAX, title="Ways of Working")
    power_skills: float = Field(default=0.0, ge=0.0, le=HOURS_MAX, title="Power Skills")
    business_acumen: float = Field(default=0.0, ge=0.0, le=HOURS_MAX, title="Business Acumen")
    provider: str = Field(default="", max_length=NAME_MAX, title="Provider")
    description: str = Field(min_length=1, max_length=TEXT_MAX, title="Description")
    evidence: str = Field(default="", max_length=TEXT_MAX, title="Evidence")
    source_kind: EntryKind | None = Field(default=None, title="Journal entry")
    source_id: int | None = Field(default=None, title="Journal entry")

    _strip_text = field_validator("activity", "provider", "description", "evidence", mode="before")(
        _strip
    )

    @model_validator(mode="after")
    def _source_whole(self) -> PduClaimCreate:
        if (self.source_kind is None) != (self.source_id is None):
            raise ValueError("Link the claim to a journal entry by its kind and id, or to none.")
        return self


class PduClaimUpdate(PduClaimCreate):
    pass


class PduClaimRead(SQLModel):
    id: int
    uuid: str
    date: dt.date
    category: PduCategory
    activity: str
    activity_label: str
    hours: float
    ways_of_working: float
    power_skills: float
    business_acumen: float
    provider: str
    description: str
    evidence: str
    source_kind: EntryKind | None
    source_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


# --------------------------------------------------------------------------- app state


class EditorDraft(SQLModel, table=True):
    """An editor's unsaved work, autosaved so a crash loses nothing."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    entry_id: int | None = None
    payload_json: str = Field(sa_column=Column(Text, nullable=False))
    saved_at: dt.datetime = Field(default_factory=utcnow)


class JournalSetting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


# --------------------------------------------------------------------------- timeline


class TimelineEntry(SQLModel):
    """One row of the journal timeline: any entry kind, summarised."""

    kind: EntryKind
    id: int
    uuid: str
    date: dt.date
    title: str
    summary: str
    people: str
    skills: str
    starred: bool
    private: bool
    rating: int | None = None


MentorSessionCreate.model_rebuild()
MentorSessionRead.model_rebuild()
