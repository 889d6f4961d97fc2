"""The report's document model: plain, already-filtered facts ready to be laid out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pmo_journal.core.services.pdus import CycleLedger
from pmo_journal.report.options import ReportOptions


@dataclass(frozen=True)
class SkillChange:
    """A skill's self-rating at the start and end of the period."""

    skill: str
    headline: bool
    start: int | None
    end: int | None
    reflections: int

    @property
    def change(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start


@dataclass(frozen=True)
class Summary:
    sessions: int
    mentors: int
    session_hours: float
    assignments: int
    assignment_hours: float
    reflections: int
    action_items_completed: int
    action_items_open: int
    skills: list[SkillChange]


@dataclass(frozen=True)
class Evidence:
    """One labelled piece of evidence, e.g. ("Result", "The steering group adopted …")."""

    label: str
    text: str


@dataclass(frozen=True)
class Highlight:
    date: dt.date
    kind: str
    title: str
    evidence: list[Evidence]


@dataclass(frozen=True)
class HighlightGroup:
    skill: str
    highlights: list[Highlight]


@dataclass(frozen=True)
class SessionRow:
    date: dt.date
    mentor: str
    format: str
    minutes: int
    topics: str
    takeaways: str
    skills: str


@dataclass(frozen=True)
class AssignmentRow:
    start: dt.date
    end: dt.date | None
    title: str
    kind: str
    leader: str
    hours: float
    status: str
    outcome: str


@dataclass(frozen=True)
class ReflectionRow:
    date: dt.date
    skill: str
    rating: int
    evidence: list[Evidence]


@dataclass(frozen=True)
class ActionItemRow:
    text: str
    mentor: str
    raised_on: dt.date
    due: dt.date | None
    done: dt.date | None


@dataclass(frozen=True)
class GoalRow:
    target_role: str
    path: str
    target_date: dt.date | None
    status: str
    why: str
    milestones: list[tuple[str, dt.date | None, dt.date | None]]


@dataclass(frozen=True)
class ReadinessRow:
    title: str
    checked: bool


@dataclass(frozen=True)
class ChartImage:
    """A chart drawn for print: opaque RGBA pixels at ``dpi`` and its printed width."""

    key: str
    title: str
    rgba: bytes
    width_px: int
    height_px: int
    dpi: int

    @property
    def width_in(self) -> float:
        return self.width_px / self.dpi


@dataclass
class ReportDocument:
    options: ReportOptions
    summary: Summary
    highlights: list[HighlightGroup] = field(default_factory=list)
    sessions: list[SessionRow] = field(default_factory=list)
    assignments: list[AssignmentRow] = field(default_factory=list)
    reflections: list[ReflectionRow] = field(default_factory=list)
    action_items: list[ActionItemRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    readiness: list[ReadinessRow] = field(default_factory=list)
    charts: list[ChartImage] = field(default_factory=list)
    pdus: CycleLedger | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing at all was logged in the period."""
        summary = self.summary
        return not (summary.sessions or summary.assignments or summary.reflections)
