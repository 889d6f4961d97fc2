"""The report's document model: plain, already-filtered facts ready to be laid out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pmo_journal.core.services.pdus import CycleLedger
from pmo_journal.report.options import ReportOptions

#: A change in level smaller than this reads as "steady": one off-day never flips a headline.
STEADY_BELOW = 0.25


@dataclass(frozen=True)
class SkillChange:
    """A skill's level at the start and end of the period, read from the rating trend (the
    mean of the ratings in the 90 days up to that day), with the ratings behind it."""

    skill: str
    headline: bool
    start: float | None
    end: float | None
    reflections: int
    low: int | None = None
    high: int | None = None

    @property
    def change(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return round(round(self.end, 1) - round(self.start, 1), 1)


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
    action_items_raised: int = 0


@dataclass(frozen=True)
class Evidence:
    """One labelled piece of evidence, e.g. ("Result", "The steering group adopted …")."""

    label: str
    text: str


@dataclass(frozen=True)
class Highlight:
    """A top achievement: titled by its result or outcome, with its status as it stood."""

    date: dt.date
    kind: str
    title: str
    evidence: list[Evidence]
    status: str = ""
    skill: str = ""
    private: bool = False


@dataclass(frozen=True)
class FeedbackRow:
    """Feedback received on a helper assignment."""

    date: dt.date
    text: str
    giver: str
    assignment: str
    private: bool = False


@dataclass(frozen=True)
class YearRow:
    """One year (or part-year) of a long period, summarised."""

    label: str
    sessions: int
    assignments: int
    hours: float
    reflections: int
    mean_rating: float | None
    items_done: int
    achievements: list[Highlight] = field(default_factory=list)


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
    private: bool = False


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
    private: bool = False


@dataclass(frozen=True)
class ReflectionRow:
    date: dt.date
    skill: str
    rating: int
    evidence: list[Evidence]
    private: bool = False


@dataclass(frozen=True)
class ActionItemRow:
    text: str
    mentor: str
    raised_on: dt.date
    due: dt.date | None
    done: dt.date | None
    private: bool = False


@dataclass(frozen=True)
class GoalRow:
    target_role: str
    path: str
    target_date: dt.date | None
    status: str
    why: str
    milestones: list[tuple[str, dt.date | None, dt.date | None]]
    private: bool = False


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
    #: Set instead of pixels when the period has nothing to draw: what it lacks, in words.
    note: str = ""

    @property
    def width_in(self) -> float:
        return self.width_px / self.dpi


@dataclass
class ReportDocument:
    options: ReportOptions
    summary: Summary
    highlights: list[HighlightGroup] = field(default_factory=list)
    feedback: list[FeedbackRow] = field(default_factory=list)
    #: Pieces of feedback of the period not quoted (they stay in the journal).
    feedback_more: int = 0
    years: list[YearRow] = field(default_factory=list)
    sessions: list[SessionRow] = field(default_factory=list)
    assignments: list[AssignmentRow] = field(default_factory=list)
    reflections: list[ReflectionRow] = field(default_factory=list)
    action_items: list[ActionItemRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    readiness: list[ReadinessRow] = field(default_factory=list)
    charts: list[ChartImage] = field(default_factory=list)
    pdus: CycleLedger | None = None
    #: Said instead of the PDU totals when no cycle holds the period's end.
    pdu_note: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing at all was logged in the period."""
        summary = self.summary
        return not (summary.sessions or summary.assignments or summary.reflections)
