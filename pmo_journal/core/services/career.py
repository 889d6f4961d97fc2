"""Use cases of the career screens: action items closed or reopened, a mentor's reminder
snoozed, a skill's target level, a readiness item ticked by hand."""

from __future__ import annotations

import datetime as dt

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import ActionItemRead, PersonRead, SkillRead
from pmo_journal.core.services import action_items, reminders, skills
from pmo_journal.core.services.readiness import ReadinessChecklist, set_readiness_mark
from pmo_journal.core.storage.db import Journal


def complete_action_items(
    journal: Journal, *, item_ids: list[int], done_on: dt.date
) -> Outcome[list[ActionItemRead]]:
    """Close each item on ``done_on``; one refused closes none."""
    with journal.unit_of_work():
        done = [
            action_items.set_action_item_done(journal, item_id, done_on=done_on)
            for item_id in item_ids
        ]
    return Outcome(done, Changes(action_items=True))


def reopen_action_items(journal: Journal, *, item_ids: list[int]) -> Outcome[list[ActionItemRead]]:
    with journal.unit_of_work():
        opened = [
            action_items.set_action_item_done(journal, item_id, done_on=None)
            for item_id in item_ids
        ]
    return Outcome(opened, Changes(action_items=True))


def snooze_mentor_reminder(
    journal: Journal, *, person_id: int, days: int, today: dt.date | None = None
) -> Outcome[PersonRead]:
    """Hide a mentor's reminder for ``days`` days (0 clears the snooze)."""
    person = reminders.snooze_reminder(journal, person_id, days=days, today=today)
    return Outcome(person, Changes(people=True, settings=True))


def set_skill_target(journal: Journal, *, skill_id: int, level: int | None) -> Outcome[SkillRead]:
    return Outcome(skills.set_target_level(journal, skill_id, level=level), Changes(skills=True))


def mark_readiness(
    journal: Journal, *, key: str, checked: bool, today: dt.date | None = None
) -> Outcome[ReadinessChecklist]:
    """Tick (or untick) a readiness item by hand; returns the updated checklist."""
    checklist = set_readiness_mark(journal, key, checked=checked, today=today)
    return Outcome(checklist, Changes(readiness=True))
