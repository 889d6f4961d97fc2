"""Builds a report's document model from the journal, through the core services."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from pmo_journal.core import disclosure
from pmo_journal.core.disclosure import Disclosure, disclosure_for
from pmo_journal.core.models import (
    ActionItemRead,
    EntryKind,
    SkillRead,
    SkillReflectionRead,
)
from pmo_journal.core.progress import radar
from pmo_journal.core.services.action_items import list_action_items
from pmo_journal.core.services.goals import list_goals
from pmo_journal.core.services.helper_assignments import (
    list_helper_assignments,
)
from pmo_journal.core.services.mentor_sessions import list_mentor_sessions
from pmo_journal.core.services.readiness import readiness_checklist
from pmo_journal.core.services.reflections import list_skill_reflections
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.tasks import WorkCancelled
from pmo_journal.report.document import (
    ActionItemRow,
    AssignmentRow,
    Evidence,
    GoalRow,
    Highlight,
    HighlightGroup,
    ReadinessRow,
    ReflectionRow,
    ReportDocument,
    SessionRow,
    SkillChange,
    Summary,
)
from pmo_journal.report.options import ReportOptions, Section
from pmo_journal.report.pdu_audit import report_ledger

ProgressCallback = Callable[[int, str], None]
OTHER_HIGHLIGHTS = "Across skills"


class ReportCancelled(WorkCancelled):
    """The user cancelled building the report; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The report was cancelled.")


def _quiet(_percent: int, _message: str) -> None:
    return None


class _Entries:
    """The period's entries that the disclosure lets out, read through services."""

    def __init__(self, journal: Journal, options: ReportOptions, rule: Disclosure) -> None:
        since, until = options.start, options.end
        self.skills: list[SkillRead] = list_skills(journal, include_archived=True)
        self.sessions = rule.keep(
            EntryKind.MENTOR_SESSION, list_mentor_sessions(journal, since=since, until=until)
        )[::-1]  # oldest first
        self.reflections = rule.keep(
            EntryKind.SKILL_REFLECTION, list_skill_reflections(journal, since=since, until=until)
        )
        # An assignment belongs to the period it started in, as on the timeline and dashboard.
        self.assignments = rule.keep(
            EntryKind.HELPER_ASSIGNMENT,
            list_helper_assignments(journal, since=since, until=until),
        )[::-1]
        before_start = options.start - dt.timedelta(days=1)
        self.rating_before = {
            spoke.skill_id: spoke.latest
            for spoke in radar(journal, until=before_start, include_private=options.include_private)
        }


def _skill_changes(entries: _Entries, options: ReportOptions) -> list[SkillChange]:
    during: dict[int, list[int]] = defaultdict(list)
    for reflection in sorted(entries.reflections, key=lambda r: r.date):
        during[reflection.skill_id].append(reflection.rating)
    changes = []
    for skill in entries.skills:
        ratings = during.get(skill.id, [])
        if skill.archived and not ratings:
            continue
        before = entries.rating_before.get(skill.id)
        start = before if before is not None else (ratings[0] if ratings else None)
        end = ratings[-1] if ratings else start
        changes.append(
            SkillChange(
                skill=skill.name,
                headline=skill.headline,
                start=start,
                end=end,
                reflections=len(ratings),
            )
        )
    return changes


def _as_it_stood(item: ActionItemRead, day: dt.date) -> ActionItemRead:
    """``item`` as it stood on ``day``: one done later was still open then."""
    if item.done_date is not None and item.done_date > day:
        return item.model_copy(update={"done_date": None})
    return item


def _action_items(
    journal: Journal, entries: _Entries, options: ReportOptions, rule: Disclosure
) -> list[ActionItemRead]:
    """Items agreed in the period, and items from earlier sessions completed in it, each
    open or done as it stood at the period's end."""
    raised = [item for session in entries.sessions for item in session.action_items]
    seen = {item.id for item in raised}
    done = rule.keep(
        disclosure.ACTION_ITEM,
        list_action_items(journal, open_only=False, done_between=(options.start, options.as_of)),
    )
    return sorted(
        (
            _as_it_stood(item, options.as_of)
            for item in raised + [item for item in done if item.id not in seen]
        ),
        key=lambda item: (item.session_date, item.id),
    )


def _summary(entries: _Entries, options: ReportOptions, items: list[ActionItemRead]) -> Summary:
    return Summary(
        sessions=len(entries.sessions),
        mentors=len({s.mentor_id for s in entries.sessions}),
        session_hours=sum(s.duration_minutes for s in entries.sessions) / 60,
        assignments=len(entries.assignments),
        assignment_hours=sum(a.hours for a in entries.assignments),
        reflections=len(entries.reflections),
        action_items_completed=sum(
            1 for item in items if item.done_date is not None and options.includes(item.done_date)
        ),
        action_items_open=sum(1 for item in items if item.done_date is None),
        skills=_skill_changes(entries, options),
    )


def _evidence(pairs: list[tuple[str, str]], rule: Disclosure) -> list[Evidence]:
    return [Evidence(label, rule.text(text)) for label, text in pairs if text]


def _reflection_evidence(r: SkillReflectionRead, rule: Disclosure) -> list[Evidence]:
    return _evidence(
        [
            ("Situation", r.situation),
            ("Action", r.action),
            ("Result", r.result),
            ("Learned", r.learned),
            ("Next step", r.next_step),
        ],
        rule,
    )


def _highlights(entries: _Entries, rule: Disclosure) -> list[HighlightGroup]:
    groups: dict[str, list[Highlight]] = defaultdict(list)
    for r in entries.reflections:
        if r.starred:
            groups[r.skill_name].append(
                Highlight(
                    r.date,
                    EntryKind.SKILL_REFLECTION.label,
                    f"Rated {r.rating} of 5",
                    _reflection_evidence(r, rule),
                )
            )
    for s in entries.sessions:
        if s.starred:
            groups[s.skill_names[0] if s.skill_names else OTHER_HIGHLIGHTS].append(
                Highlight(
                    s.date,
                    EntryKind.MENTOR_SESSION.label,
                    f"Session with {rule.person(s.mentor_id, fallback=s.mentor_name)}",
                    _evidence(
                        [("Decisions discussed", s.decisions), ("Takeaways", s.takeaways)], rule
                    ),
                )
            )
    for a in entries.assignments:
        if a.starred:
            groups[a.skill_names[0] if a.skill_names else OTHER_HIGHLIGHTS].append(
                Highlight(
                    a.start_date,
                    EntryKind.HELPER_ASSIGNMENT.label,
                    rule.text(a.title),
                    _evidence([("Outcome", a.outcome), ("Feedback", a.feedback)], rule),
                )
            )
    order = [skill.name for skill in entries.skills] + [OTHER_HIGHLIGHTS]
    return [
        HighlightGroup(skill, sorted(groups[skill], key=lambda h: h.date))
        for skill in order
        if groups.get(skill)
    ]


def _add_goals(
    journal: Journal, options: ReportOptions, rule: Disclosure, document: ReportDocument
) -> None:
    document.goals = [
        GoalRow(
            target_role=rule.text(goal.target_role),
            path=goal.path.label,
            target_date=goal.target_date,
            status=goal.status.label,
            why=rule.text(goal.why),
            milestones=[(rule.text(m.title), m.due_date, m.done_date) for m in goal.milestones],
        )
        for goal in rule.keep(disclosure.CAREER_GOAL, list_goals(journal, as_of=options.as_of))
    ]
    # Readiness is judged as of the end of the period; only the items' own wording is printed.
    checklist = readiness_checklist(journal, today=options.as_of)
    document.readiness = [ReadinessRow(item.title, item.checked) for item in checklist.items]


def build_report_document(
    journal: Journal,
    options: ReportOptions,
    *,
    progress: ProgressCallback = _quiet,
) -> ReportDocument:
    """The report's content for ``options``; ``progress`` may raise :class:`ReportCancelled`."""
    progress(5, "Reading the journal…")
    rule = disclosure_for(journal, options.disclosure)
    entries = _Entries(journal, options, rule)
    progress(25, "Summarising the period…")
    items = _action_items(journal, entries, options, rule)
    document = ReportDocument(options=options, summary=_summary(entries, options, items))
    if options.wants(Section.HIGHLIGHTS):
        document.highlights = _highlights(entries, rule)
    if options.wants(Section.SESSIONS):
        document.sessions = [
            SessionRow(
                date=s.date,
                mentor=rule.person(s.mentor_id, fallback=s.mentor_name),
                format=s.format.label,
                minutes=s.duration_minutes,
                topics=rule.text(s.topics),
                takeaways=rule.text(s.takeaways),
                skills=", ".join(s.skill_names),
            )
            for s in entries.sessions
        ]
    if options.wants(Section.ASSIGNMENTS):
        document.assignments = [
            AssignmentRow(
                start=a.start_date,
                end=a.end_date,
                title=rule.text(a.title),
                kind=a.kind.label,
                leader=rule.person(a.leader_id, fallback=a.leader_name or ""),
                hours=a.hours,
                status=a.status.label,
                outcome=rule.text(a.outcome),
            )
            for a in entries.assignments
        ]
    if options.wants(Section.REFLECTIONS):
        document.reflections = [
            ReflectionRow(r.date, r.skill_name, r.rating, _reflection_evidence(r, rule))
            for r in entries.reflections
        ]
    if options.wants(Section.ACTION_ITEMS):
        document.action_items = [
            ActionItemRow(
                text=rule.text(item.text),
                mentor=rule.person(item.mentor_id, fallback=item.mentor_name),
                raised_on=item.session_date,
                due=item.due_date,
                done=item.done_date,
            )
            for item in items
        ]
    if options.wants(Section.PDUS):
        document.pdus = report_ledger(journal, options)
    if options.wants(Section.GOALS):
        _add_goals(journal, options, rule, document)
    progress(40, "Laying out the report…")
    return document
