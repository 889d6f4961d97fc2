"""Use cases of the journal's entries: save each kind (new or edited), delete, star.

Each runs in one transaction and returns what it saved with the :class:`Changes` it made.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import (
    ActionItemCreate,
    EntryKind,
    HelperAssignmentRead,
    MentorSessionRead,
    Relationship,
    SkillReflectionRead,
)
from pmo_journal.core.services import (
    action_items,
    helper_assignments,
    mentor_sessions,
    people,
    reflections,
    timeline,
)
from pmo_journal.core.services.action_items import CarryChoices
from pmo_journal.core.storage.db import Journal


def _with_person(
    journal: Journal, data: dict[str, Any], key: str, name: str, relationship: Relationship
) -> dict[str, Any]:
    """``data`` naming a new person by ``name`` (found or created) under ``key``."""
    if not name:
        return data
    found = people.find_or_create_person(journal, name=name, relationship=relationship)
    return {**data, key: found.id}


def save_mentor_session(
    journal: Journal,
    *,
    entry_id: int | None,
    data: dict[str, Any],
    new_mentor_name: str = "",
    carry: CarryChoices | None = None,
    new_action_items: Sequence[ActionItemCreate | dict[str, object]] = (),
) -> Outcome[MentorSessionRead]:
    """Log (``entry_id`` None) or edit a session; all of it or nothing: a mentor new to
    the journal, the session, its new action items, and the earlier items carried into it
    or closed on its date (``carry``)."""
    with journal.unit_of_work():
        data = _with_person(journal, data, "mentor_id", new_mentor_name, Relationship.MENTOR)
        if entry_id is None:
            saved = mentor_sessions.log_mentor_session(journal, data=data)
        else:
            saved = mentor_sessions.update_mentor_session(
                journal, entry_id, data=data, new_action_items=new_action_items
            )
        if carry:
            action_items.apply_carry_choices(journal, saved.id, choices=carry)
    changes = Changes.of_entries(
        EntryKind.MENTOR_SESSION, action_items=True, people=bool(new_mentor_name)
    )
    return Outcome(saved, changes)


def save_helper_assignment(
    journal: Journal, *, entry_id: int | None, data: dict[str, Any], new_leader_name: str = ""
) -> Outcome[HelperAssignmentRead]:
    """Log or edit an assignment, with the PMO leader new to the journal if one is named."""
    with journal.unit_of_work():
        data = _with_person(journal, data, "leader_id", new_leader_name, Relationship.PMO_LEADER)
        if entry_id is None:
            saved = helper_assignments.log_helper_assignment(journal, data=data)
        else:
            saved = helper_assignments.update_helper_assignment(journal, entry_id, data=data)
    changes = Changes.of_entries(EntryKind.HELPER_ASSIGNMENT, people=bool(new_leader_name))
    return Outcome(saved, changes)


def save_skill_reflection(
    journal: Journal, *, entry_id: int | None, data: dict[str, Any]
) -> Outcome[SkillReflectionRead]:
    """Log or edit a reflection."""
    if entry_id is None:
        saved = reflections.log_skill_reflection(journal, data=data)
    else:
        saved = reflections.update_skill_reflection(journal, entry_id, data=data)
    return Outcome(saved, Changes.of_entries(EntryKind.SKILL_REFLECTION))


def _entry_changes(kind: EntryKind) -> Changes:
    # A session's action items come and go with it.
    return Changes.of_entries(kind, action_items=kind is EntryKind.MENTOR_SESSION)


def delete_entry(journal: Journal, *, kind: EntryKind, entry_id: int) -> Changes:
    """Delete an entry, kept so that an undo brings it back whole."""
    timeline.delete_entry(journal, kind, entry_id)
    return _entry_changes(kind)


def star_entry(journal: Journal, *, kind: EntryKind, entry_id: int, starred: bool) -> Changes:
    timeline.set_starred(journal, kind, entry_id, starred=starred)
    return Changes.of_entries(kind)
