"""The one-page sheet to bring to the next session with a mentor.

Exactly one page, always: the sheet is laid out at the device's own resolution and trimmed
until it fits, in a fixed order (ruled lines first, then reflections, long texts, goals and
wins, and last the action items, which are listed by priority: those agreed at the last
session, then by due date, the rest counted in "…and N more").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from html import escape
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QTextDocument

from pmo_journal.core.disclosure import (
    ACTION_ITEM,
    CAREER_GOAL,
    MILESTONE,
    PERSON,
    Disclosure,
    DisclosureChoice,
    disclosure_for,
)
from pmo_journal.core.models import (
    AssignmentStatus,
    EntryKind,
    GoalStatus,
    MilestoneRead,
    SkillReflectionRead,
)
from pmo_journal.core.services.action_items import list_action_items, open_items_for_mentor
from pmo_journal.core.services.goals import list_goals
from pmo_journal.core.services.helper_assignments import list_helper_assignments
from pmo_journal.core.services.mentor_sessions import list_mentor_sessions
from pmo_journal.core.services.reflections import list_skill_reflections
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from pmo_journal.report.compose import long_date, nowrap, plural, short_date, text_html
from pmo_journal.report.layout import PageFurniture, lay_out, paint_document, text_document
from pmo_journal.report.options import Paper
from pmo_journal.report.wording import clip, write_pdf

ASK_MAX = 600  # characters of "What I want from this session" the sheet prints at most
MENTOR_MAX = 80


@dataclass(frozen=True)
class OpenItem:
    text: str
    raised_on: dt.date
    due: dt.date | None
    agreed_last: bool = False  # agreed at the last session
    private: bool = False

    def overdue_on(self, day: dt.date) -> bool:
        return self.due is not None and self.due < day


@dataclass(frozen=True)
class RatingChange:
    skill: str
    before: int | None
    now: int


@dataclass(frozen=True)
class Win:
    """An assignment completed since the last session."""

    title: str
    done_on: dt.date
    outcome: str = ""
    private: bool = False


@dataclass(frozen=True)
class GoalProgress:
    target_role: str
    target_date: dt.date | None
    done: int
    milestones: int
    next_step: str = ""
    next_due: dt.date | None = None
    overdue: int = 0
    done_since: int = 0  # milestones done since the last session


@dataclass
class PrepSheet:
    mentor: str
    role: str
    prepared_on: dt.date
    last_session: dt.date | None = None
    next_session: dt.date | None = None
    last_topics: str = ""
    last_takeaways: str = ""
    last_decisions: str = ""
    open_items: list[OpenItem] = field(default_factory=list)
    reflections: list[SkillReflectionRead] = field(default_factory=list)
    changes: list[RatingChange] = field(default_factory=list)
    wins: list[Win] = field(default_factory=list)
    items_done: int = 0  # action items with this mentor done since the last session
    goals: list[GoalProgress] = field(default_factory=list)
    ask: str = ""  # "What I want from this session", in the user's words
    author: str = ""  # the journal holder's name, for the PDF's Author
    private_included: bool = False
    private_reflections: frozenset[int] = frozenset()


def _changes(reflections: list[SkillReflectionRead], since: dt.date | None) -> list[RatingChange]:
    """Each skill rated since ``since``: its rating then and its latest rating now."""
    changes = []
    for skill in dict.fromkeys(r.skill_name for r in reflections):
        ratings = [r for r in reflections if r.skill_name == skill]  # oldest first
        after = [r for r in ratings if since is None or r.date > since]
        if not after:
            continue
        before = [r.rating for r in ratings if since is not None and r.date <= since]
        changes.append(RatingChange(skill, before[-1] if before else None, after[-1].rating))
    # The biggest moves first, rises before falls; unchanged ratings last.
    return sorted(
        changes,
        key=lambda c: (c.before is None or c.before == c.now, -(c.now - (c.before or c.now))),
    )


def _mentor_rule(journal: Journal, mentor_id: int, choice: DisclosureChoice) -> Disclosure:
    rule = disclosure_for(journal, choice)
    if mentor_id not in rule.people:
        raise JournalError(f"There is no person with id {mentor_id}.")
    if not rule.shows(PERSON, mentor_id):
        name = rule.people[mentor_id].name
        raise JournalError(
            f"{name} is marked private, so a prep sheet about them is printed only with "
            "private entries included."
        )
    return rule


def _by_priority(items: list[OpenItem]) -> list[OpenItem]:
    """Agreed at the last session first, then by due date (undated last), then oldest."""
    return sorted(
        items,
        key=lambda i: (not i.agreed_last, i.due is None, i.due or dt.date.max, i.raised_on),
    )


def _goal_progress(
    goal_milestones: list[MilestoneRead], since: dt.date | None, today: dt.date
) -> tuple[list[MilestoneRead], int, int]:
    open_ones = sorted(
        (m for m in goal_milestones if m.done_date is None),
        key=lambda m: (m.due_date is None, m.due_date or dt.date.max),
    )
    done_since = sum(
        1 for m in goal_milestones if m.done_date and (since is None or m.done_date > since)
    )
    overdue = sum(1 for m in open_ones if m.due_date is not None and m.due_date < today)
    return open_ones, done_since, overdue


def build_prep_sheet(
    journal: Journal,
    mentor_id: int,
    *,
    today: dt.date,
    choice: DisclosureChoice | None = None,
    ask: str = "",
    author: str = "",
) -> PrepSheet:
    """What to bring to the next session with ``mentor_id``, as of ``today``; what it may
    show is the disclosure rule's call for ``choice`` (private left out by default).
    ``ask`` is what the user wants from the session, printed as written."""
    choice = choice or DisclosureChoice()
    rule = _mentor_rule(journal, mentor_id, choice)
    # What the default rule would hide is what is private: marked on the sheet when shown.
    private = disclosure_for(journal, DisclosureChoice()) if choice.include_private else rule
    # Named first, so the mentor the sheet is for is "Mentor A" when anonymised.
    sheet = PrepSheet(
        mentor=rule.person(mentor_id),
        role=rule.role(mentor_id),
        prepared_on=today,
        ask=ask.strip(),
        author=author.strip(),
        private_included=choice.include_private,
    )
    sessions = [
        rule.record(EntryKind.MENTOR_SESSION, s)
        for s in rule.keep(
            EntryKind.MENTOR_SESSION, list_mentor_sessions(journal, mentor_id=mentor_id)
        )
        if s.date <= today
    ]
    visible_sessions = {s.id for s in sessions}
    last = sessions[0] if sessions else None  # newest first
    since = last.date if last is not None else None
    sheet.open_items = _by_priority(
        [
            OpenItem(
                rule.text(item.text),
                item.session_date,
                item.due_date,
                agreed_last=last is not None and item.session_id == last.id,
                private=not private.shows(ACTION_ITEM, item.id),
            )
            for item in rule.keep(ACTION_ITEM, open_items_for_mentor(journal, mentor_id))
            if item.session_id in visible_sessions
        ]
    )
    if last is not None:
        sheet.last_session = last.date
        sheet.next_session = last.next_session_date
        sheet.last_topics = last.topics
        sheet.last_takeaways = last.takeaways
        sheet.last_decisions = last.decisions
        done = list_action_items(
            journal,
            open_only=False,
            mentor_id=mentor_id,
            done_between=(last.date + dt.timedelta(days=1), today),
        )
        sheet.items_done = len(
            [i for i in rule.keep(ACTION_ITEM, done) if i.session_id in visible_sessions]
        )
    kind = EntryKind.HELPER_ASSIGNMENT
    sheet.wins = [
        Win(
            title=a.title,
            done_on=a.end_date or a.start_date,
            outcome=a.outcome,
            private=not private.shows(kind, a.id),
        )
        for a in (rule.record(kind, a) for a in rule.keep(kind, list_helper_assignments(journal)))
        if a.status == AssignmentStatus.DONE
        and (since is None or (a.end_date or a.start_date) > since)
        and (a.end_date or a.start_date) <= today
    ]
    sheet.wins.sort(key=lambda w: w.done_on, reverse=True)
    for goal in rule.keep(CAREER_GOAL, list_goals(journal, as_of=today)):
        if goal.status != GoalStatus.ACTIVE:
            continue
        milestones = rule.keep(MILESTONE, goal.milestones)
        open_ones, done_since, overdue = _goal_progress(milestones, since, today)
        sheet.goals.append(
            GoalProgress(
                target_role=rule.text(goal.target_role),
                target_date=goal.target_date,
                done=len(milestones) - len(open_ones),
                milestones=len(milestones),
                next_step=rule.text(open_ones[0].title) if open_ones else "",
                next_due=open_ones[0].due_date if open_ones else None,
                overdue=overdue,
                done_since=done_since,
            )
        )
    kind = EntryKind.SKILL_REFLECTION
    reflections = [
        rule.record(kind, r)
        for r in rule.keep(kind, list_skill_reflections(journal))
        if r.date <= today
    ]
    sheet.private_reflections = frozenset(
        r.id for r in reflections if not private.shows(kind, r.id)
    )
    sheet.reflections = [r for r in reflections if since is None or r.date > since][::-1]
    sheet.changes = _changes(reflections, since)
    return sheet


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class Fit:
    """How much of the sheet is printed; trimmed step by step until it fits one page."""

    items: int = 12
    reflections: int = 4
    wins: int = 5
    goals: int = 3
    note_lines: int = 12
    ask_lines: int = 3
    text_chars: int = 420  # each text of the last session, each reflection's note
    item_chars: int = 160
    changes: bool = True


def fits() -> list[Fit]:
    """Every trimming step, from the whole sheet to the least a sheet prints."""
    steps = [Fit()]

    def step(**changes: object) -> None:
        steps.append(replace(steps[-1], **changes))  # type: ignore[arg-type]

    for lines in range(11, 5, -1):
        step(note_lines=lines)
    for count in (3, 2, 1, 0):
        step(reflections=count)
    step(ask_lines=2)
    for lines in (5, 4):
        step(note_lines=lines)
    for count in range(11, 7, -1):
        step(items=count)
    for chars in (300, 200):
        step(text_chars=chars)
    for count in (3, 2, 1):
        step(wins=count)
    for count in (2, 1):
        step(goals=count)
    step(text_chars=120)
    for count in range(7, 2, -1):
        step(items=count)
    step(note_lines=3)
    step(note_lines=2, ask_lines=1, item_chars=100)
    step(changes=False, wins=0, goals=0, text_chars=80)
    step(items=1, note_lines=1, text_chars=0)
    return steps


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}"


PRIVATE_MARK = " <span class='warning small'>(private)</span>"


def _item_html(item: OpenItem, sheet: PrepSheet, fit: Fit) -> str:
    if item.overdue_on(sheet.prepared_on):
        detail = f" <span class='down small'>overdue since {nowrap(short_date(item.due))}</span>"
    elif item.due:
        detail = f" <span class='muted small'>(due {nowrap(short_date(item.due))})</span>"
    elif not item.agreed_last:
        detail = f" <span class='muted small'>(from {nowrap(short_date(item.raised_on))})</span>"
    else:
        detail = ""
    mark = PRIVATE_MARK if item.private else ""
    return f"<p class='line'>☐ {escape(clip(item.text, fit.item_chars))}{detail}{mark}</p>"


def _items_html(sheet: PrepSheet, fit: Fit) -> str:
    if not sheet.open_items:
        return "<p class='note'>No action items are open.</p>"
    shown = sheet.open_items[: max(fit.items, 1)]
    agreed = [i for i in shown if i.agreed_last]
    earlier = [i for i in shown if not i.agreed_last]
    parts = []
    if agreed and sheet.last_session:
        parts.append(
            f"<p class='group'>Agreed on {long_date(sheet.last_session)}</p>"
            + "".join(_item_html(i, sheet, fit) for i in agreed)
        )
    if earlier:
        parts.append(
            ("<p class='group'>From earlier sessions</p>" if agreed else "")
            + "".join(_item_html(i, sheet, fit) for i in earlier)
        )
    more = len(sheet.open_items) - len(shown)
    if more:
        overdue = sum(1 for i in sheet.open_items[len(shown) :] if i.overdue_on(sheet.prepared_on))
        late = f", {overdue} of them overdue" if overdue else ""
        parts.append(f"<p class='group'>…and {more} more in the journal{late}.</p>")
    return "".join(parts)


def _change_text(change: RatingChange) -> str:
    if change.before is None:
        return f"first rating, {change.now} of 5"
    if change.before == change.now:
        return f"steady at {change.now} of 5"
    return f"{change.before} → {change.now} of 5"


def _wins_html(sheet: PrepSheet, fit: Fit) -> str:
    lines = []
    for win in sheet.wins[: fit.wins]:
        outcome = clip(win.outcome, fit.text_chars // 3) if fit.text_chars else ""
        lines.append(
            f"<p class='line'>✓ <b>{escape(win.title)}</b> <span class='muted small'>(done "
            f"{nowrap(short_date(win.done_on))})</span>"
            + (f" — {text_html(outcome)}" if outcome else "")
            + (PRIVATE_MARK if win.private else "")
            + "</p>"
        )
    more = len(sheet.wins) - min(len(sheet.wins), fit.wins)
    if more:
        lines.append(f"<p class='line'>…and {plural(more, 'more assignment')} completed</p>")
    if sheet.items_done:
        lines.append(f"<p class='line'>✓ {plural(sheet.items_done, 'action item')} done</p>")
    if fit.changes and sheet.changes:
        # A rating that fell is no win: it is named apart, as something to talk about.
        ratings, fell = [], []
        for change in sheet.changes:
            up = change.before is not None and change.now > change.before
            down = change.before is not None and change.now < change.before
            text = f"<b>{escape(change.skill)}</b> {_change_text(change)}"
            if down:
                fell.append(text)
            else:
                ratings.append(f"<span class='up'>{text}</span>" if up else text)
        if ratings:
            lines.append(f"<p class='line'>Ratings: {' · '.join(ratings)}</p>")
        if fell:
            lines.append(f"<p class='line'>Worth a word, rated lower: {' · '.join(fell)}</p>")
    elif sheet.changes:
        lines.append(f"<p class='line'>{plural(len(sheet.changes), 'skill')} rated since</p>")
    if not lines:
        return "<p class='note'>Nothing completed or rated since the last session.</p>"
    return "".join(lines)


def _goal_html(goal: GoalProgress) -> str:
    target = f" by {long_date(goal.target_date)}" if goal.target_date else ""
    facts = []
    if goal.milestones:
        facts.append(f"{goal.done} of {plural(goal.milestones, 'milestone')} done")
    else:
        facts.append("no milestones yet")
    if goal.done_since:
        facts.append(f"{goal.done_since} since the last session")
    if goal.overdue:
        facts.append(f"<span class='down'>{goal.overdue} overdue</span>")
    nxt = ""
    if goal.next_step:
        due = f" (due {nowrap(short_date(goal.next_due))})" if goal.next_due else ""
        nxt = f"<br><span class='muted small'>Next: {escape(clip(goal.next_step, 120))}{due}</span>"
    return f"<p class='line'><b>{escape(goal.target_role)}</b>{target}: {', '.join(facts)}{nxt}</p>"


def _goals_html(sheet: PrepSheet, fit: Fit) -> str:
    if not sheet.goals:
        return "<p class='note'>No active career goals.</p>"
    shown = sheet.goals[: max(fit.goals, 1)]
    more = len(sheet.goals) - len(shown)
    extra = f"<p class='line'>…and {plural(more, 'more goal')}</p>" if more else ""
    return "".join(_goal_html(g) for g in shown) + extra


def _reflections_html(sheet: PrepSheet, fit: Fit) -> str:
    shown = sheet.reflections[: fit.reflections]
    if not shown:
        return ""
    notes = "".join(
        f"<p class='line'><span class='kind'>{short_date(r.date).upper()} · "
        f"{escape(r.skill_name.upper())} · {r.rating} OF 5</span>"
        + (PRIVATE_MARK if r.id in sheet.private_reflections else "")
        + f" {text_html(clip(r.result or r.situation or r.learned, fit.text_chars))}</p>"
        for r in shown
    )
    more = len(sheet.reflections) - len(shown)
    extra = f"<p class='muted small'>…and {plural(more, 'more reflection')}.</p>" if more else ""
    return notes + extra


def _last_session_html(sheet: PrepSheet, fit: Fit) -> str:
    if sheet.last_session is None:
        return "<p class='note'>This will be your first session together.</p>"
    parts = [f"<p class='group'>{long_date(sheet.last_session)}</p>"]
    if fit.text_chars:
        for label, text in (
            ("Topics", sheet.last_topics),
            ("Decisions discussed", sheet.last_decisions),
            ("Takeaways", sheet.last_takeaways),
        ):
            if text:
                parts.append(
                    f"<p class='line'><span class='evidence-label'>{label}.</span> "
                    f"{text_html(clip(text, fit.text_chars))}</p>"
                )
    return "".join(parts)


def _ruled(lines: int) -> str:
    rows = "".join("<tr><td>&nbsp;</td></tr>" for _ in range(max(lines, 0)))
    return f"<table class='ruled' width='100%' cellspacing='0' cellpadding='2'>{rows}</table>"


# Tighter than the progress report: a sheet is read at a glance and must fit one page.
STYLE = (
    "<style>"
    "h1 { font-size: 17pt; margin-bottom: 2px; }"
    "h3 { font-size: 10.5pt; margin-top: 8px; margin-bottom: 2px; }"
    "p.line { font-size: 9pt; margin-top: 0px; margin-bottom: 2px; margin-left: 10px;"
    " line-height: 120%; }"
    "p.group { font-size: 8pt; color: #6b6b6b; margin-top: 1px; margin-bottom: 1px; }"
    "p.meta { font-size: 9pt; color: #6b6b6b; margin-bottom: 2px; }"
    "table.ruled td { border-bottom: 1px solid #c9d1db; font-size: 12pt; }"
    "</style>"
)


def prep_sheet_html(sheet: PrepSheet, fit: Fit | None = None) -> str:
    fit = fit or Fit()
    who = escape(clip(sheet.mentor, MENTOR_MAX))
    when = [escape(clip(sheet.role, MENTOR_MAX))] if sheet.role else []
    when.append(f"Prepared on {long_date(sheet.prepared_on)}")
    if sheet.next_session:
        verb = "was planned" if sheet.next_session < sheet.prepared_on else "planned"
        when.append(f"Next session {verb} for {long_date(sheet.next_session)}")
    if sheet.private_included:
        when.append("Private entries included")
    ask = (
        f"<p class='line'>{text_html(clip(sheet.ask, ASK_MAX))}</p>"
        if sheet.ask
        else _ruled(fit.ask_lines)
    )
    return (
        f"<html><head>{STYLE}</head><body>"
        "<p class='eyebrow'>MENTOR SESSION PREP</p>"
        f"<h1>Next session with {who}</h1>"
        f"<p class='meta'>{' · '.join(when)}.</p>"
        + _section("What I want from this session", ask)
        + _section("Action items still open", _items_html(sheet, fit))
        # Two columns below the items: what went well on the left, what was said on the right.
        + "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top: 6px;'><tr>"
        "<td width='50%' valign='top' style='padding-right: 8px;'>"
        + _section("Wins since the last session", _wins_html(sheet, fit))
        + _reflections_html(sheet, fit)
        + _section("Progress on goals", _goals_html(sheet, fit))
        + "</td><td width='50%' valign='top' style='padding-left: 8px;'>"
        + _section("Last session", _last_session_html(sheet, fit))
        + "</td></tr></table>"
        + "<h3>Notes</h3>"
        + _ruled(fit.note_lines)
        + "</body></html>"
    )


def _one_page(sheet: PrepSheet, device: QPagedPaintDevice) -> QTextDocument:
    """The fullest version of the sheet that fits one page of ``device`` (binary search over
    the trimming steps, each a fuller sheet than the next)."""
    steps = fits()
    documents: dict[int, QTextDocument] = {}

    def fits_at(index: int) -> bool:
        document = text_document(prep_sheet_html(sheet, steps[index]))
        documents[index] = document
        return len(lay_out(document, device)) == 1

    if fits_at(0):
        return documents[0]
    low, high = 1, len(steps) - 1  # the answer lies in low..high; the last step always counts
    while low < high:
        middle = (low + high) // 2
        if fits_at(middle):
            high = middle
        else:
            low = middle + 1
    return documents.get(low) or text_document(prep_sheet_html(sheet, steps[low]))


def paint_prep_sheet(sheet: PrepSheet, device: QPagedPaintDevice) -> int:
    """Paint the sheet on a printer, preview or PDF writer; returns the page count (1)."""
    furniture = PageFurniture(
        f"Mentor session prep · {clip(sheet.mentor, MENTOR_MAX)}", long_date(sheet.prepared_on)
    )
    return paint_document(_one_page(sheet, device), device, furniture)


def save_prep_sheet_pdf(sheet: PrepSheet, path: Path, *, paper: Paper) -> int:
    """Save the sheet as a PDF at ``path`` (all or nothing); returns the page count."""
    subject = f"Preparation for the next mentor session with {sheet.mentor}" + (
        f", as of {long_date(sheet.prepared_on)}"
    )
    return write_pdf(
        path,
        lambda writer: paint_prep_sheet(sheet, writer),
        paper=paper,
        title=f"Mentor session prep — {sheet.mentor}",
        author=sheet.author or "PMO Career Journal",
        subject=subject,
    )
