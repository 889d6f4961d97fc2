"""What the user asks of a report: the period, the sections, privacy and the title page."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from pmo_journal.core import clock
from pmo_journal.core.disclosure import DisclosureChoice
from pmo_journal.core.validation import JournalError

# The dates a report may span: its charts count months and weeks either side of the period.
REPORTABLE = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))


class Section(enum.StrEnum):
    """The optional parts of a report, in the order they are printed: the story of the
    period first, then the figures, then (in the appendix, when asked for) the full logs."""

    SUMMARY = "summary"
    HIGHLIGHTS = "highlights"
    GOALS = "goals"
    CHARTS = "charts"
    PDUS = "pdus"
    SESSIONS = "sessions"
    ASSIGNMENTS = "assignments"
    REFLECTIONS = "reflections"
    ACTION_ITEMS = "action_items"

    @property
    def label(self) -> str:
        return {
            Section.SUMMARY: "Summary and growth by skill",
            Section.HIGHLIGHTS: "Top achievements and feedback",
            Section.GOALS: "Goals for the next period",
            Section.CHARTS: "Skill growth charts",
            Section.PDUS: "PMP renewal (PDUs)",
            Section.SESSIONS: "Mentor sessions",
            Section.ASSIGNMENTS: "Helper assignments",
            Section.REFLECTIONS: "Reflections",
            Section.ACTION_ITEMS: "Action items",
        }[self]

    @property
    def is_log(self) -> bool:
        """A full log, printed only in the appendix."""
        return self in LOGS


LOGS = frozenset({Section.SESSIONS, Section.ASSIGNMENTS, Section.REFLECTIONS, Section.ACTION_ITEMS})
#: Past about fifteen months a report summarises the period year by year.
LONG_PERIOD_DAYS = 456


class Paper(enum.StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return {Paper.A4: "A4", Paper.LETTER: "Letter"}[self]


class PeriodPreset(enum.StrEnum):
    """Review periods offered by the dialog; each ends today."""

    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return {
            PeriodPreset.QUARTER: "Last quarter",
            PeriodPreset.HALF_YEAR: "Last half-year",
            PeriodPreset.YEAR: "Last year",
            PeriodPreset.CUSTOM: "Custom range",
        }[self]

    @property
    def months(self) -> int:
        return {
            PeriodPreset.QUARTER: 3,
            PeriodPreset.HALF_YEAR: 6,
            PeriodPreset.YEAR: 12,
            PeriodPreset.CUSTOM: 0,
        }[self]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, clamped to the end of a shorter month."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def preset_period(preset: PeriodPreset, *, today: dt.date) -> tuple[dt.date, dt.date]:
    """The period a preset stands for: the months up to and including ``today``."""
    if preset == PeriodPreset.CUSTOM:
        raise ValueError("A custom period has no preset dates.")
    # Counting back from tomorrow makes a quarter ending 30 June start on 1 April.
    return months_before(today + dt.timedelta(days=1), preset.months), today


@dataclass(frozen=True)
class TitlePage:
    """The fields printed on the title page; remembered by the dialog."""

    name: str = ""
    role: str = ""
    reviewer: str = ""


@dataclass(frozen=True)
class ReportOptions:
    start: dt.date
    end: dt.date
    sections: frozenset[Section] = field(default_factory=lambda: frozenset(Section))
    include_private: bool = False
    anonymise: bool = False
    title: TitlePage = field(default_factory=TitlePage)
    paper: Paper = Paper.A4
    prepared_on: dt.date = field(default_factory=clock.today)
    #: The author's own summary of the period, printed first.
    summary: str = ""
    #: The full logs (sessions, assignments, reflections, action items) in an appendix.
    appendix: bool = False

    def __post_init__(self) -> None:
        first, last = REPORTABLE
        if self.start < first or self.end > last:
            raise JournalError(
                f"A review period lies between {first.isoformat()} and {last.isoformat()}; "
                f"{self.start.isoformat()} to {self.end.isoformat()} reaches beyond it."
            )
        if self.start > self.end:
            raise JournalError(
                f"The review period starts ({self.start.isoformat()}) after it ends "
                f"({self.end.isoformat()}); swap the dates."
            )

    @property
    def disclosure(self) -> DisclosureChoice:
        """What this report may show, for the core's disclosure rule."""
        return DisclosureChoice(include_private=self.include_private, anonymise=self.anonymise)

    @property
    def as_of(self) -> dt.date:
        """The day the report describes the journal as it stood: the period's end, or the
        day it is prepared when the period runs on past it."""
        return min(self.end, self.prepared_on)

    def includes(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def is_long(self) -> bool:
        """Long enough to be summarised year by year."""
        return (self.end - self.start).days >= LONG_PERIOD_DAYS

    def wants(self, section: Section) -> bool:
        """Whether ``section`` is printed: chosen, and a log only with the appendix."""
        return section in self.sections and (self.appendix or not section.is_log)
