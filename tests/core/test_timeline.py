"""The timeline: one list of every entry kind, filtered, searched, sorted and paged."""

from __future__ import annotations

import datetime as dt

import pytest

from pmo_journal.core.models import EntryKind
from pmo_journal.core.services import (
    helper_assignments,
    mentor_sessions,
    people,
    reflections,
    skills,
    timeline,
)
from pmo_journal.core.services.timeline import TimelineFilter
from pmo_journal.core.storage.db import Journal


@pytest.fixture
def filled(journal: Journal) -> dict[str, int]:
    collab, strategic = (s.id for s in skills.list_skills(journal)[:2])
    mentor = people.create_person(journal, data={"name": "Ines Mentor", "relationship": "mentor"})
    leader = people.create_person(journal, data={"name": "Leo Lead", "relationship": "pmo_leader"})
    session = mentor_sessions.log_mentor_session(
        journal,
        data={
            "date": dt.date(2026, 1, 10),
            "mentor_id": mentor.id,
            "topics": "Stage-gate reviews and the intake funnel",
            "skill_ids": [strategic],
            "starred": True,
        },
    )
    assignment = helper_assignments.log_helper_assignment(
        journal,
        data={
            "title": "Gathered delivery metrics",
            "kind": "metrics_gathering",
            "leader_id": leader.id,
            "start_date": dt.date(2026, 2, 3),
            "hours": 6,
            "skill_ids": [collab],
            "private": True,
        },
    )
    reflection = reflections.log_skill_reflection(
        journal,
        data={
            "date": dt.date(2026, 3, 5),
            "skill_id": collab,
            "rating": 3,
            "situation": "Brokered consensus between finance and engineering",
        },
    )
    return {
        "collab": collab,
        "strategic": strategic,
        "mentor": mentor.id,
        "leader": leader.id,
        "session": session.id,
        "assignment": assignment.id,
        "reflection": reflection.id,
    }


def _titles(journal: Journal, flt: TimelineFilter, **options: object) -> list[str]:
    return [entry.title for entry in timeline.list_timeline(journal, flt, **options)]  # type: ignore[arg-type]


def test_all_kinds_appear_newest_first(journal: Journal, filled: dict[str, int]) -> None:
    assert _titles(journal, TimelineFilter()) == [
        "Collaborative leadership reflection",
        "Gathered delivery metrics",
        "Session with Ines Mentor",
    ]
    assert timeline.count_timeline(journal, TimelineFilter()) == 3


def test_filters_by_kind_skill_person_dates_and_flags(
    journal: Journal, filled: dict[str, int]
) -> None:
    kinds = frozenset({EntryKind.MENTOR_SESSION})
    assert _titles(journal, TimelineFilter(kinds=kinds)) == ["Session with Ines Mentor"]
    assert _titles(journal, TimelineFilter(skill_id=filled["collab"])) == [
        "Collaborative leadership reflection",
        "Gathered delivery metrics",
    ]
    assert _titles(journal, TimelineFilter(person_id=filled["leader"])) == [
        "Gathered delivery metrics"
    ]
    window = TimelineFilter(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28))
    assert _titles(journal, window) == ["Gathered delivery metrics"]
    assert _titles(journal, TimelineFilter(starred_only=True)) == ["Session with Ines Mentor"]
    assert _titles(journal, TimelineFilter(private=True)) == ["Gathered delivery metrics"]
    assert "Gathered delivery metrics" not in _titles(journal, TimelineFilter(private=False))


def test_full_text_search_matches_prefixes_and_people(
    journal: Journal, filled: dict[str, int]
) -> None:
    assert _titles(journal, TimelineFilter(text="funn")) == ["Session with Ines Mentor"]
    assert _titles(journal, TimelineFilter(text="leo")) == ["Gathered delivery metrics"]
    assert _titles(journal, TimelineFilter(text="consensus finance")) == [
        "Collaborative leadership reflection"
    ]
    assert _titles(journal, TimelineFilter(text='"):*')) == []
    assert _titles(journal, TimelineFilter(text="nothing-like-this")) == []


def test_the_index_follows_edits_renames_and_deletes(
    journal: Journal, filled: dict[str, int]
) -> None:
    mentor_sessions.update_mentor_session(
        journal,
        filled["session"],
        data={"date": dt.date(2026, 1, 10), "mentor_id": filled["mentor"], "topics": "Benefits"},
    )
    assert _titles(journal, TimelineFilter(text="funnel")) == []
    assert _titles(journal, TimelineFilter(text="benefits")) == ["Session with Ines Mentor"]
    people.update_person(
        journal, filled["mentor"], data={"name": "Ines Okafor", "relationship": "mentor"}
    )
    assert _titles(journal, TimelineFilter(text="okafor")) == ["Session with Ines Okafor"]
    timeline.delete_entry(journal, EntryKind.MENTOR_SESSION, filled["session"])
    assert _titles(journal, TimelineFilter(text="benefits")) == []


def test_delete_then_restore_brings_the_entry_back_whole(
    journal: Journal, filled: dict[str, int]
) -> None:
    timeline.delete_entry(journal, EntryKind.HELPER_ASSIGNMENT, filled["assignment"])
    assert timeline.count_timeline(journal, TimelineFilter()) == 2
    timeline.restore_entry(journal, EntryKind.HELPER_ASSIGNMENT, filled["assignment"])
    restored = helper_assignments.get_helper_assignment(journal, filled["assignment"])
    assert restored.hours == 6 and restored.private
    assert _titles(journal, TimelineFilter(text="metrics")) == ["Gathered delivery metrics"]


def test_sorting_and_paging_happen_in_sql(journal: Journal, filled: dict[str, int]) -> None:
    by_title = _titles(journal, TimelineFilter(), sort="title", descending=False)
    assert by_title == sorted(by_title, key=str.lower)
    first = timeline.list_timeline(journal, TimelineFilter(), limit=2)
    rest = timeline.list_timeline(
        journal, TimelineFilter(), after=timeline.timeline_key(first[-1]), limit=2
    )
    assert [e.title for e in first + rest] == _titles(journal, TimelineFilter())


@pytest.mark.parametrize("sort", ["date", "kind", "title"])
@pytest.mark.parametrize("descending", [True, False])
def test_pages_continued_by_key_make_up_the_whole_list(
    journal: Journal, filled: dict[str, int], sort: str, descending: bool
) -> None:
    for day in range(9):  # several entries on one date: the key must break the tie
        reflections.log_skill_reflection(
            journal,
            data={
                "date": dt.date(2026, 4, 1 + day // 3),
                "skill_id": filled["collab"],
                "rating": 2,
                "situation": f"Facilitated retrospective {day}",
            },
        )
    everything = timeline.list_timeline(journal, TimelineFilter(), sort=sort, descending=descending)
    paged: list[tuple[EntryKind, int]] = []
    after = None
    while page := timeline.list_timeline(
        journal, TimelineFilter(), after=after, limit=2, sort=sort, descending=descending
    ):
        paged += [(entry.kind, entry.id) for entry in page]
        after = timeline.timeline_key(page[-1], sort=sort)
    assert paged == [(entry.kind, entry.id) for entry in everything]
    assert len(paged) == 12
    marks = timeline.timeline_bookmarks(
        journal, TimelineFilter(), every=5, sort=sort, descending=descending
    )
    assert marks == [timeline.timeline_key(everything[i], sort=sort) for i in (4, 9)]
    for position, entry in enumerate(everything):
        assert position == timeline.timeline_position(
            journal, TimelineFilter(), entry.kind, entry.id, sort=sort, descending=descending
        )


def test_starring_shows_in_the_timeline(journal: Journal, filled: dict[str, int]) -> None:
    timeline.set_starred(journal, EntryKind.SKILL_REFLECTION, filled["reflection"], starred=True)
    starred = timeline.list_timeline(journal, TimelineFilter(starred_only=True))
    assert {entry.kind for entry in starred} == {
        EntryKind.MENTOR_SESSION,
        EntryKind.SKILL_REFLECTION,
    }
    reflection = next(e for e in starred if e.kind is EntryKind.SKILL_REFLECTION)
    assert reflection.rating == 3 and reflection.skills == "Collaborative leadership"
