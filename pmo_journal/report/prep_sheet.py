"""The one-page sheet to bring to the next session with a mentor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice

from pmo_journal.core.disclosure import (
    ACTION_ITEM,
    PERSON,
    Disclosure,
    DisclosureChoice,
    disclosure_for,
)
from pmo_journal.core.models import EntryKind, SkillReflectionRead
from pmo_journal.core.services.action_items import open_items_for_mentor
from pmo_journal.core.services.mentor_sessions import list_mentor_sessions
from pmo_journal.core.services.reflections import list_skill_reflections
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError
from pmo_journal.report.compose import long_date, nowrap, short_date, text_html
from pmo_journal.report.layout import PageFurniture, lay_out, paint_document, text_document
from pmo_journal.report.options import Paper
from pmo_journal.report.render import write_pdf_atomically

MAX_ITEMS = 10
MAX_REFLECTIONS = 6
NOTE_LINES = (14, 3)  # as many ruled lines for notes as fit on the page, within these


@dataclass(frozen=True)
class OpenItem:
    text: str
    raised_on: dt.date
    due: dt.date | None


@dataclass(frozen=True)
class RatingChange:
    skill: str
    before: int | None
    now: int


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
    return changes


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


def build_prep_sheet(
    journal: Journal,
    mentor_id: int,
    *,
    today: dt.date,
    choice: DisclosureChoice | None = None,
) -> PrepSheet:
    """What to bring to the next session with ``mentor_id``, as of ``today``; what it may
    show is the disclosure rule's call for ``choice`` (private left out by default)."""
    rule = _mentor_rule(journal, mentor_id, choice or DisclosureChoice())
    # Named first, so the mentor the sheet is for is "Mentor A" when anonymised.
    sheet = PrepSheet(mentor=rule.person(mentor_id), role=rule.role(mentor_id), prepared_on=today)
    sessions = [
        rule.record(EntryKind.MENTOR_SESSION, s)
        for s in rule.keep(
            EntryKind.MENTOR_SESSION, list_mentor_sessions(journal, mentor_id=mentor_id)
        )
        if s.date <= today
    ]
    visible_sessions = {s.id for s in sessions}
    sheet.open_items = [
        OpenItem(rule.text(item.text), item.session_date, item.due_date)
        for item in rule.keep(ACTION_ITEM, open_items_for_mentor(journal, mentor_id))
        if item.session_id in visible_sessions
    ]
    last = sessions[0] if sessions else None  # newest first
    if last is not None:
        sheet.last_session = last.date
        sheet.next_session = last.next_session_date
        sheet.last_topics = last.topics
        sheet.last_takeaways = last.takeaways
        sheet.last_decisions = last.decisions
    reflections = [
        rule.record(EntryKind.SKILL_REFLECTION, r)
        for r in rule.keep(EntryKind.SKILL_REFLECTION, list_skill_reflections(journal))
    ]
    since = last.date if last is not None else None
    sheet.reflections = [r for r in reflections if since is None or r.date > since][::-1]
    sheet.changes = _changes(reflections, since)
    return sheet


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}"


def _items_html(sheet: PrepSheet) -> str:
    if not sheet.open_items:
        return "<p class='note'>No action items are open. A good moment to agree new ones.</p>"
    shown = sheet.open_items[:MAX_ITEMS]
    rows = "".join(
        f"<li>☐ {escape(item.text)} <span class='muted small'>(from "
        f"{nowrap(short_date(item.raised_on))}"
        + (f", due {nowrap(short_date(item.due))}" if item.due else "")
        + ")</span></li>"
        for item in shown
    )
    more = len(sheet.open_items) - len(shown)
    extra = f"<p class='muted small'>…and {more} more in the journal.</p>" if more else ""
    return f"<ul style='list-style-type: none;'>{rows}</ul>{extra}"


def _growth_html(sheet: PrepSheet) -> str:
    if not sheet.reflections:
        return "<p class='note'>No reflections since the last session.</p>"
    changes = "".join(
        f"<li><b>{escape(c.skill)}</b>: "
        + (f"{c.before} → {c.now} of 5" if c.before is not None else f"first rating, {c.now} of 5")
        + "</li>"
        for c in sheet.changes
    )
    shown = sheet.reflections[:MAX_REFLECTIONS]
    notes = "".join(
        f"<p><span class='kind'>{short_date(r.date).upper()} · {escape(r.skill_name.upper())} · "
        f"{r.rating} OF 5</span><br>{text_html(r.result or r.situation or r.learned)}</p>"
        for r in shown
    )
    return f"<ul>{changes}</ul>{notes}"


def _last_session_html(sheet: PrepSheet) -> str:
    if sheet.last_session is None:
        return "<p class='note'>This will be your first session together.</p>"
    parts = [f"<p class='muted'>{long_date(sheet.last_session)}</p>"]
    for label, text in (
        ("Topics", sheet.last_topics),
        ("Decisions discussed", sheet.last_decisions),
        ("Takeaways", sheet.last_takeaways),
    ):
        if text:
            parts.append(f"<p><span class='evidence-label'>{label}.</span> {text_html(text)}</p>")
    return "".join(parts)


def prep_sheet_html(sheet: PrepSheet, *, note_lines: int = NOTE_LINES[1]) -> str:
    who = escape(sheet.mentor) + (f", {escape(sheet.role)}" if sheet.role else "")
    when = (
        f"Next session planned for {long_date(sheet.next_session)}."
        if sheet.next_session
        else f"Prepared on {long_date(sheet.prepared_on)}."
    )
    lines = "".join("<tr><td>&nbsp;</td></tr>" for _ in range(note_lines))
    return (
        "<html><body>"
        "<p class='eyebrow'>MENTOR SESSION PREP</p>"
        f"<h1 style='font-size: 20pt;'>Next session with {who}</h1>"
        f"<p class='muted'>{when}</p>"
        + _section("Action items still open", _items_html(sheet))
        + _section("Since the last session", _growth_html(sheet))
        + _section("Last session", _last_session_html(sheet))
        + "<h3>Notes</h3>"
        f"<table class='notes' width='100%' cellspacing='0' cellpadding='6'>{lines}</table>"
        "</body></html>"
    )


def paint_prep_sheet(sheet: PrepSheet, device: QPagedPaintDevice) -> int:
    """Paint the sheet on a printer, preview or PDF writer; returns the page count."""
    furniture = PageFurniture(f"Mentor session prep · {sheet.mentor}", long_date(sheet.prepared_on))
    for note_lines in range(NOTE_LINES[0], NOTE_LINES[1], -1):
        document = text_document(prep_sheet_html(sheet, note_lines=note_lines))
        if len(lay_out(document, device)) == 1:
            break
    else:
        document = text_document(prep_sheet_html(sheet))
    return paint_document(document, device, furniture)


def save_prep_sheet_pdf(sheet: PrepSheet, path: Path, *, paper: Paper) -> int:
    """Save the sheet as a PDF at ``path`` (all or nothing); returns the page count."""
    return write_pdf_atomically(
        path,
        lambda writer: paint_prep_sheet(sheet, writer),
        paper=paper,
        title=f"Mentor session prep — {sheet.mentor}",
    )
