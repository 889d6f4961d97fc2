"""Builds a report's document model from the journal, through the core services."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from pmo_journal.core import disclosure
from pmo_journal.core.disclosure import Disclosure, disclosure_for
from pmo_journal.core.models import (
    ActionItemRead,
    AssignmentStatus,
    EntryKind,
    HelperAssignmentRead,
    SkillRead,
    SkillReflectionRead,
)
from pmo_journal.core.progress import TREND_WINDOW_DAYS, radar
from pmo_journal.core.services.action_items import list_action_items
from pmo_journal.core.services.goals import list_goals
from pmo_journal.core.services.helper_assignments import (
    list_helper_assignments,
)
from pmo_journal.core.services.mentor_sessions import list_mentor_sessions
from pmo_journal.core.services.notes import list_notes
from pmo_journal.core.services.pdus import list_cycles
from pmo_journal.core.services.readiness import readiness_checklist
from pmo_journal.core.services.reflections import list_skill_reflections
from pmo_journal.core.services.skills import list_skills
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.tasks import WorkCancelled
from pmo_journal.report.document import (
    ActionItemRow,
    AssignmentRow,
    Evidence,
    FeedbackRow,
    GoalRow,
    Highlight,
    HighlightGroup,
    ReadinessRow,
    ReflectionRow,
    ReportDocument,
    SessionRow,
    SkillChange,
    Summary,
    YearRow,
)
from pmo_journal.report.options import ReportOptions, Section
from pmo_journal.report.pdu_audit import no_cycle_sentence, report_ledger

ProgressCallback = Callable[[int, str], None]
OTHER_HIGHLIGHTS = "Across skills"
#: Top achievements kept per skill (short periods) or per year (long ones).
ACHIEVEMENTS_PER_GROUP = 4
ACHIEVEMENTS_PER_YEAR = 3
#: A reflection is an achievement only when starred and self-rated at least this (the
#: middle of the scale): "self-rated 1 of 5" is a lesson, not an achievement, and stays in
#: the reflections.
ACHIEVEMENT_MIN_RATING = 3
#: Pieces of feedback quoted: the most recent ones of a short period; of a long period the
#: most recent of each year (then the most recent others, up to this many in all).
FEEDBACK_SHOWN = 8
FEEDBACK_PER_YEAR = 1
TITLE_CHARS = 160
#: The fewest ratings a level at the start or the end of the period rests on, where there are.
LEAST_RATINGS = 3


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
        self.notes = rule.keep(EntryKind.NOTE, list_notes(journal, since=since, until=until))[::-1]
        before_start = options.start - dt.timedelta(days=1)
        self.rating_before = {
            spoke.skill_id: spoke.latest
            for spoke in radar(journal, until=before_start, include_private=options.include_private)
        }
        # The ratings the trend at the period's start rests on: the window before it.
        self.window_before = rule.keep(
            EntryKind.SKILL_REFLECTION,
            list_skill_reflections(
                journal,
                since=options.start - dt.timedelta(days=TREND_WINDOW_DAYS),
                until=before_start,
            ),
        )


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _window(ratings: list[tuple[dt.date, int]], last: dt.date) -> list[int]:
    """The ratings in the trend window ending on ``last``."""
    first = last - dt.timedelta(days=TREND_WINDOW_DAYS - 1)
    return [rating for day, rating in ratings if first <= day <= last]


def _start_level(
    ratings: list[tuple[dt.date, int]], before: list[int], earlier: int | None
) -> float | None:
    """A skill's level at the period's start: the mean of the ratings in the 90 days before
    it, failing that of its first 90 days, failing that the last rating before it. Fewer
    than three ratings before it are joined by the period's first ones, up to three: one
    off-day rating never sets the level alone."""
    pool = list(before)
    if not pool and ratings:
        pool = _window(ratings, ratings[0][0] + dt.timedelta(TREND_WINDOW_DAYS - 1))
        if len(pool) < LEAST_RATINGS:
            pool = [rating for _day, rating in ratings[:LEAST_RATINGS]]
    elif len(pool) < LEAST_RATINGS:
        pool += [rating for _day, rating in ratings[: LEAST_RATINGS - len(pool)]]
    start = _mean(pool)
    if start is None and earlier is not None:
        start = float(earlier)
    return start


def start_levels(journal: Journal, options: ReportOptions) -> dict[str, float | None]:
    """Each skill's level at the period's start as the Growth table gives it, by name."""
    with journal.unit_of_work():
        entries = _Entries(journal, options, disclosure_for(journal, options.disclosure))
        return {change.skill: change.start for change in _skill_changes(entries, options)}


def _skill_changes(entries: _Entries, options: ReportOptions) -> list[SkillChange]:
    """Each skill's level at the start and at the end, from the 90-day trend, so that one
    off-day rating never flips a headline.

    The start is the mean of the ratings in the 90 days before the period (failing that, of
    its first 90 days; failing that, the last rating before it). The end is the mean of the
    ratings in the period's last 90 days. Either rests on at least three ratings where the
    period has them (see :func:`_start_level`; the end takes the period's last three).
    """
    during: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for reflection in sorted(entries.reflections, key=lambda r: r.date):
        during[reflection.skill_id].append((reflection.date, reflection.rating))
    before: dict[int, list[int]] = defaultdict(list)
    for reflection in entries.window_before:
        before[reflection.skill_id].append(reflection.rating)
    changes = []
    for skill in entries.skills:
        ratings = during.get(skill.id, [])
        if skill.archived and not ratings:
            continue
        values = [rating for _day, rating in ratings]
        start = _start_level(ratings, before.get(skill.id, []), entries.rating_before.get(skill.id))
        last = _window(ratings, options.end)
        if len(last) < LEAST_RATINGS:
            # Too few in the last 90 days: the period's last three ratings, so that one
            # off-day rating never sets the level alone.
            last = [rating for _day, rating in ratings[-LEAST_RATINGS:]]
        end = _mean(last)
        changes.append(
            SkillChange(
                skill=skill.name,
                headline=skill.headline,
                start=start,
                end=end if ratings else start,
                reflections=len(ratings),
                low=min(values) if values else None,
                high=max(values) if values else None,
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
        action_items_raised=sum(1 for item in items if options.includes(item.session_date)),
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


def _first_sentence(text: str) -> str:
    """A title from a result: its first sentence, cut at a word if very long."""
    text = " ".join(text.split())
    for stop in (". ", "! ", "? "):
        if stop in text:
            text = text.split(stop, 1)[0] + stop.strip()
            break
    if len(text) > TITLE_CHARS:
        text = text[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return text


def _assignment_status(a: HelperAssignmentRead, as_of: dt.date) -> AssignmentStatus:
    """The assignment's status as it stood on ``as_of``: one finished later was under way."""
    if (
        a.status in (AssignmentStatus.DONE, AssignmentStatus.DROPPED)
        and a.end_date is not None
        and a.end_date > as_of
    ):
        return AssignmentStatus.IN_PROGRESS
    return a.status


def _achievements(
    entries: _Entries, options: ReportOptions, rule: Disclosure
) -> list[tuple[bool, Highlight]]:
    """Starred entries (a reflection also rated at least ``ACHIEVEMENT_MIN_RATING``) and
    completed assignments, each titled by its result or outcome; with whether it was
    starred (starred ones come first when there are too many)."""
    found: list[tuple[bool, Highlight]] = []
    for r in entries.reflections:
        if r.starred and r.rating >= ACHIEVEMENT_MIN_RATING:
            title = _first_sentence(rule.text(r.result) or rule.text(r.situation))
            found.append(
                (
                    True,
                    Highlight(
                        r.date,
                        EntryKind.SKILL_REFLECTION.label,
                        title or f"Reflection on {r.skill_name}",
                        _evidence([("Learned", r.learned)], rule),
                        status=f"self-rated {r.rating} of 5",
                        skill=r.skill_name,
                        private=r.private,
                    ),
                )
            )
    for s in entries.sessions:
        if s.starred:
            mentor = rule.person(s.mentor_id, fallback=s.mentor_name)
            title = _first_sentence(rule.text(s.decisions) or rule.text(s.takeaways))
            found.append(
                (
                    True,
                    Highlight(
                        s.date,
                        EntryKind.MENTOR_SESSION.label,
                        title or f"Session with {mentor}",
                        _evidence([("Takeaways", s.takeaways)], rule) if title else [],
                        status=f"with {mentor}",
                        skill=s.skill_names[0] if s.skill_names else OTHER_HIGHLIGHTS,
                        private=s.private,
                    ),
                )
            )
    for a in entries.assignments:
        status = _assignment_status(a, options.as_of)
        if a.starred or status == AssignmentStatus.DONE:
            outcome = _first_sentence(rule.text(a.outcome))
            title = rule.text(a.title)
            found.append(
                (
                    a.starred,
                    Highlight(
                        a.start_date,
                        EntryKind.HELPER_ASSIGNMENT.label,
                        outcome or title,
                        [Evidence("Assignment", title)] if outcome else [],
                        status=status.label,
                        skill=a.skill_names[0] if a.skill_names else OTHER_HIGHLIGHTS,
                        private=a.private,
                    ),
                )
            )
    for n in entries.notes:
        if n.starred:
            found.append(
                (
                    True,
                    Highlight(
                        n.date,
                        EntryKind.NOTE.label,
                        rule.text(n.title),
                        _evidence([("Note", n.text)], rule),
                        skill=n.skill_names[0] if n.skill_names else OTHER_HIGHLIGHTS,
                        private=n.private,
                    ),
                )
            )
    return found


def _top(found: list[tuple[bool, Highlight]], count: int) -> list[Highlight]:
    """The ``count`` best of ``found``: starred first, then the most recent; by date. An
    achievement repeated with the same title (a recurring assignment) appears once."""
    ranked = sorted(found, key=lambda pair: (pair[0], pair[1].date), reverse=True)
    kept: dict[str, Highlight] = {}
    for _starred, highlight in ranked:
        kept.setdefault(highlight.title.casefold(), highlight)
    return sorted(list(kept.values())[:count], key=lambda h: h.date)


def _highlights(
    entries: _Entries, options: ReportOptions, rule: Disclosure
) -> list[HighlightGroup]:
    found = _achievements(entries, options, rule)
    if options.is_long:
        by_year: dict[str, list[tuple[bool, Highlight]]] = defaultdict(list)
        for pair in found:
            by_year[str(pair[1].date.year)].append(pair)
        return [
            HighlightGroup(year, _top(by_year[year], ACHIEVEMENTS_PER_YEAR))
            for year in sorted(by_year)
        ]
    groups: dict[str, list[tuple[bool, Highlight]]] = defaultdict(list)
    for pair in found:
        groups[pair[1].skill].append(pair)
    order = [skill.name for skill in entries.skills] + [OTHER_HIGHLIGHTS]
    return [
        HighlightGroup(skill, _top(groups[skill], ACHIEVEMENTS_PER_GROUP))
        for skill in order
        if groups.get(skill)
    ]


def _feedback(
    entries: _Entries, rule: Disclosure, options: ReportOptions
) -> tuple[list[FeedbackRow], int]:
    """Feedback on the period's assignments, as of its end (an assignment still running
    then, it ends later, had not given its feedback yet): the pieces quoted, chosen across
    the period, and how many more there are."""
    until = options.end
    rows = [
        FeedbackRow(
            date=a.end_date or a.start_date,
            text=rule.text(a.feedback),
            giver=rule.person(a.leader_id, fallback=a.leader_name or "") if a.leader_id else "",
            assignment=rule.text(a.title),
            private=a.private,
        )
        for a in entries.assignments
        if a.feedback.strip() and (a.end_date or a.start_date) <= until
    ]
    rows = sorted((row for row in rows if row.text), key=lambda row: row.date)
    if not options.is_long:
        shown = rows[-FEEDBACK_SHOWN:]
    else:
        by_year: dict[int, list[FeedbackRow]] = defaultdict(list)
        for row in rows:
            by_year[row.date.year].append(row)
        chosen = {id(row) for year in by_year.values() for row in year[-FEEDBACK_PER_YEAR:]}
        for row in reversed(rows):
            if len(chosen) >= max(FEEDBACK_SHOWN, len(by_year) * FEEDBACK_PER_YEAR):
                break
            chosen.add(id(row))
        shown = [row for row in rows if id(row) in chosen]
    return shown, len(rows) - len(shown)


def _years(entries: _Entries, options: ReportOptions, items: list[ActionItemRead]) -> list[YearRow]:
    """A long period year by year: counts, the mean self-rating, the items done."""
    rows = []
    for year in range(options.start.year, options.end.year + 1):
        first = max(options.start, dt.date(year, 1, 1))
        last = min(options.end, dt.date(year, 12, 31))

        def inside(day: dt.date, first: dt.date = first, last: dt.date = last) -> bool:
            return first <= day <= last

        whole = first == dt.date(year, 1, 1) and last == dt.date(year, 12, 31)
        label = str(year) if whole else f"{year} ({first.day} {first:%b} – {last.day} {last:%b})"
        assignments = [a for a in entries.assignments if inside(a.start_date)]
        ratings = [r.rating for r in entries.reflections if inside(r.date)]
        rows.append(
            YearRow(
                label=label,
                sessions=sum(1 for s in entries.sessions if inside(s.date)),
                assignments=len(assignments),
                hours=sum(a.hours for a in assignments),
                reflections=len(ratings),
                mean_rating=_mean(ratings),
                items_done=sum(
                    1 for item in items if item.done_date is not None and inside(item.done_date)
                ),
            )
        )
    # Years before the first entry would only be rows of zeros (the table says so).
    while len(rows) > 1 and _empty_year(rows[0]):
        rows.pop(0)
    return rows


def _empty_year(row: YearRow) -> bool:
    return not (row.sessions or row.assignments or row.reflections or row.items_done)


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
            private=goal.private,
        )
        for goal in rule.keep(disclosure.CAREER_GOAL, list_goals(journal, as_of=options.as_of))
    ]
    # Readiness is judged as of the end of the period; only the items' own wording is printed.
    # Private entries count only when they are included (the one disclosure rule).
    checklist = readiness_checklist(
        journal, today=options.as_of, include_private=options.include_private
    )
    document.readiness = [ReadinessRow(item.title, item.checked) for item in checklist.items]


def build_report_document(
    journal: Journal,
    options: ReportOptions,
    *,
    progress: ProgressCallback = _quiet,
) -> ReportDocument:
    """The report's content for ``options``; ``progress`` may raise :class:`ReportCancelled`."""
    progress(5, "Reading the journal…")
    # One transaction for every service's reads: one connection, one consistent snapshot.
    with journal.unit_of_work():
        return _document(journal, options, progress)


def _document(
    journal: Journal, options: ReportOptions, progress: ProgressCallback
) -> ReportDocument:
    rule = disclosure_for(journal, options.disclosure)
    entries = _Entries(journal, options, rule)
    progress(25, "Summarising the period…")
    items = _action_items(journal, entries, options, rule)
    document = ReportDocument(options=options, summary=_summary(entries, options, items))
    if options.wants(Section.HIGHLIGHTS):
        document.highlights = _highlights(entries, options, rule)
        document.feedback, document.feedback_more = _feedback(entries, rule, options)
    if options.is_long and options.wants(Section.SUMMARY):
        document.years = _years(entries, options, items)
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
                private=s.private,
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
                status=_assignment_status(a, options.as_of).label,
                outcome=rule.text(a.outcome),
                private=a.private,
            )
            for a in entries.assignments
        ]
    if options.wants(Section.REFLECTIONS):
        document.reflections = [
            ReflectionRow(
                r.date, r.skill_name, r.rating, _reflection_evidence(r, rule), private=r.private
            )
            for r in entries.reflections
        ]
    if options.wants(Section.ACTION_ITEMS):
        # Included private items are marked as the entries are (those of a private session).
        private_items = (
            disclosure.private_ids(journal, disclosure.ACTION_ITEM)
            if options.include_private
            else frozenset()
        )
        document.action_items = [
            ActionItemRow(
                text=rule.text(item.text),
                mentor=rule.person(item.mentor_id, fallback=item.mentor_name),
                raised_on=item.session_date,
                due=item.due_date,
                done=item.done_date,
                private=item.id in private_items,
            )
            for item in items
        ]
    if options.wants(Section.PDUS):
        document.pdus = report_ledger(journal, options)
        if document.pdus is None and list_cycles(journal):
            document.pdu_note = no_cycle_sentence(options)
    if options.wants(Section.GOALS):
        _add_goals(journal, options, rule, document)
    progress(40, "Laying out the report…")
    return document
