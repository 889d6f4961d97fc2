"""Two and three laptops through one real folder: they converge and lose nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.sync import publish_snapshot, sync_round
from pmo_journal.core.sync.segments import data_files
from tests.core.journal_data import fill_every_table
from tests.core.sync.laptops import conflicts, join, open_laptop, state_of, sync_all


def test_a_new_laptop_takes_in_a_whole_journal(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work = open_laptop(tmp_path, "work")
    fill_every_table(work)
    join(work, shared, "Work laptop")
    home = open_laptop(tmp_path, "home")
    join(home, shared, "Home laptop")
    sync_all(work, home)
    assert state_of(home) == state_of(work)
    assert conflicts(home) == []
    assert len(state_of(home)["mentorsession"]) >= 2


def test_edits_on_both_laptops_meet(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    join(work, shared, "Work")
    join(home, shared, "Home")
    mentor = people.create_person(work, data={"name": "Ada Mentor", "relationship": "mentor"})
    entry = mentor_sessions.log_mentor_session(
        work, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor.id, "topics": "Intake"}
    )
    sync_all(work, home)
    [home_entry] = mentor_sessions.list_mentor_sessions(home)
    mentor_sessions.update_mentor_session(
        home, home_entry.id, data={**home_entry.model_dump(), "takeaways": "From home"}
    )
    mentor_sessions.update_mentor_session(
        work, entry.id, data={**entry.model_dump(), "topics": "Intake, from work"}
    )
    sync_all(work, home)
    assert state_of(home) == state_of(work)
    [merged] = mentor_sessions.list_mentor_sessions(work)
    assert merged.topics == "Intake, from work"
    assert merged.takeaways == "From home"
    assert conflicts(work) == []


def test_a_new_laptop_starts_from_the_newest_snapshot(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work = open_laptop(tmp_path, "work")
    fill_every_table(work)
    join(work, shared, "Work laptop")
    sync_round(work)
    publish_snapshot(work)
    # Only the snapshot reaches the new laptop's copy of the folder: the segments it
    # covers are not needed (and a later segment still is).
    for segment in (f for f in data_files(shared) if f.kind == "seg"):
        segment.path.unlink()
    mentor = people.create_person(work, data={"name": "After the snapshot"})
    sync_round(work)
    home = open_laptop(tmp_path, "home")
    join(home, shared, "Home laptop")
    sync_all(home, work)
    assert state_of(home) == state_of(work)
    assert mentor.name in {p.name for p in people.list_people(home)}
