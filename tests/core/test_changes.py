"""What a use case changed: combining changes, and whether they touch what a screen shows."""

from __future__ import annotations

from pmo_journal.core.changes import NOTHING, Changes
from pmo_journal.core.models import EntryKind


def test_changes_combine_and_say_whether_anything_changed() -> None:
    assert not NOTHING
    both = Changes.of_entries(EntryKind.MENTOR_SESSION) | Changes(people=True)
    assert both == Changes(entries=frozenset({EntryKind.MENTOR_SESSION}), people=True)
    assert both


def test_changes_affect_a_screen_only_where_they_meet_what_it_shows() -> None:
    pdus = Changes.of_entries(EntryKind.MENTOR_SESSION, EntryKind.HELPER_ASSIGNMENT, claims=True)
    assert Changes.of_entries(EntryKind.MENTOR_SESSION).affects(pdus)
    assert not Changes.of_entries(EntryKind.SKILL_REFLECTION).affects(pdus)
    assert not Changes(backups=True).affects(pdus)
    assert Changes.everything().affects(pdus)
    assert not NOTHING.affects(Changes.everything())
