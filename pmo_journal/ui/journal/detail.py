"""The detail pane's content: a whole entry as simple HTML."""

from __future__ import annotations

import html

from pmo_journal.core.models import (
    EntryKind,
    HelperAssignmentRead,
    MentorSessionRead,
    NoteRead,
    SkillReflectionRead,
)
from pmo_journal.core.services import (
    helper_assignments,
    mentor_sessions,
    notes,
    reflections,
    skills,
)
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.formats import show_date


def _text(value: str) -> str:
    return html.escape(value).replace("\n", "<br>")


def _facts(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding:2px 14px 2px 0; color:#7a7f87'>{html.escape(label)}</td>"
        f"<td style='padding:2px 0'>{html.escape(value)}</td></tr>"
        for label, value in rows
        if value
    )
    return f"<table cellspacing='0'>{cells}</table>"


def _section(title: str, body: str) -> str:
    if not body.strip():
        return ""
    return f"<h4 style='margin:14px 0 4px 0'>{html.escape(title)}</h4><p>{_text(body)}</p>"


def _header(kind: EntryKind, title: str, *, starred: bool, private: bool) -> str:
    tags = [kind.label]
    if starred:
        tags.append("★ Starred")
    if private:
        tags.append("Private")
    return (
        f"<p style='margin:0; color:#7a7f87'>{html.escape(' · '.join(tags))}</p>"
        f"<h2 style='margin:2px 0 10px 0'>{html.escape(title)}</h2>"
    )


def mentor_session_html(entry: MentorSessionRead) -> str:
    facts = _facts(
        [
            ("Date", show_date(entry.date)),
            ("Mentor", entry.mentor_name),
            ("Duration", f"{entry.duration_minutes} min"),
            ("Format", entry.format.label),
            ("Skills", ", ".join(entry.skill_names)),
            (
                "Next session",
                show_date(entry.next_session_date, empty=""),
            ),
        ]
    )
    items = "".join(
        f"<li>{'✓ ' if item.done_date else ''}{html.escape(item.text)}"
        f"{f' — due {show_date(item.due_date)}' if item.due_date else ''}"
        f"{f' — done {show_date(item.done_date)}' if item.done_date else ''}</li>"
        for item in entry.action_items
    )
    return (
        _header(
            EntryKind.MENTOR_SESSION,
            f"Session with {entry.mentor_name}",
            starred=entry.starred,
            private=entry.private,
        )
        + facts
        + _section("Topics", entry.topics)
        + _section("PMO decisions discussed", entry.decisions)
        + _section("Key takeaways", entry.takeaways)
        + (f"<h4 style='margin:14px 0 4px 0'>Action items</h4><ul>{items}</ul>" if items else "")
    )


def helper_assignment_html(entry: HelperAssignmentRead) -> str:
    dates = show_date(entry.start_date) + (
        f" to {show_date(entry.end_date)}" if entry.end_date else ""
    )
    facts = _facts(
        [
            ("Kind", entry.kind.label),
            ("Dates", dates),
            ("Status", entry.status.label),
            ("Hours", f"{entry.hours:g}"),
            ("PMO leader", entry.leader_name or ""),
            ("Skills", ", ".join(entry.skill_names)),
            ("For", "my own employer" if entry.for_own_employer else "another organisation"),
        ]
    )
    return (
        _header(
            EntryKind.HELPER_ASSIGNMENT, entry.title, starred=entry.starred, private=entry.private
        )
        + facts
        + _section("Outcome / value delivered", entry.outcome)
        + _section("Feedback received", entry.feedback)
    )


def skill_reflection_html(entry: SkillReflectionRead, descriptor: str) -> str:
    facts = _facts(
        [
            ("Date", show_date(entry.date)),
            ("Skill", entry.skill_name),
            ("Self-rating", f"{entry.rating} of 5"),
        ]
    )
    level = f"<p style='color:#7a7f87'><i>{html.escape(descriptor)}</i></p>"
    return (
        _header(
            EntryKind.SKILL_REFLECTION,
            f"{entry.skill_name} reflection",
            starred=entry.starred,
            private=entry.private,
        )
        + facts
        + (level if descriptor else "")
        + _section("Situation", entry.situation)
        + _section("Action", entry.action)
        + _section("Result", entry.result)
        + _section("What I learned", entry.learned)
        + _section("Next step", entry.next_step)
    )


def note_html(entry: NoteRead) -> str:
    when = show_date(entry.date) + (f" at {entry.time:%H:%M}" if entry.time else "")
    facts = _facts(
        [
            ("Date", when),
            ("People", ", ".join(entry.person_names)),
            ("Skills", ", ".join(entry.skill_names)),
        ]
    )
    text = f"<p>{_text(entry.text)}</p>" if entry.text.strip() else ""
    return (
        _header(EntryKind.NOTE, entry.title, starred=entry.starred, private=entry.private)
        + facts
        + text
    )


def entry_html(journal: Journal, kind: EntryKind, entry_id: int) -> str:
    """The whole entry, read through its service."""
    if kind == EntryKind.MENTOR_SESSION:
        return mentor_session_html(mentor_sessions.get_mentor_session(journal, entry_id))
    if kind == EntryKind.HELPER_ASSIGNMENT:
        return helper_assignment_html(helper_assignments.get_helper_assignment(journal, entry_id))
    if kind == EntryKind.NOTE:
        return note_html(notes.get_note(journal, entry_id))
    reflection = reflections.get_skill_reflection(journal, entry_id)
    descriptors = skills.get_skill(journal, reflection.skill_id).descriptors
    descriptor = descriptors[reflection.rating - 1] if len(descriptors) == 5 else ""
    return skill_reflection_html(reflection, descriptor)
