"""What a synced folder really holds: junk, copies, half files, late files, nothing at all."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import SyncError, sync_round
from pmo_journal.core.sync.segments import data_files
from tests.core.sync.laptops import join, open_laptop, state_of, sync_all


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


def _log(journal: Journal, topics: str) -> None:
    mentor = people.list_people(journal)
    mentor_id = (
        mentor[0].id
        if mentor
        else people.create_person(journal, data={"name": "Ada Mentor", "relationship": "mentor"}).id
    )
    mentor_sessions.log_mentor_session(
        journal, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor_id, "topics": topics}
    )


def _topics(journal: Journal) -> set[str]:
    return {entry.topics for entry in mentor_sessions.list_mentor_sessions(journal)}


def test_junk_in_the_folder_is_left_alone(tmp_path: Path, shared: Path) -> None:
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    join(work, shared, "Work")
    _log(work, "Real")
    sync_round(work)
    [segment] = [f for f in data_files(shared) if f.kind == "seg"]
    copy = segment.path.with_name(segment.path.stem + " (conflicted copy 2026-12-01).pmosync")
    shutil.copy(segment.path, copy)
    (segment.path.parent / ".seg-0000000002-abcdef12.pmosync.tmp").write_bytes(b"half")
    (segment.path.parent / "desktop.ini").write_text("[.ShellClassInfo]")
    (shared / "desktop.ini").write_text("[.ShellClassInfo]")
    (shared / "Icon\r").write_bytes(b"")
    (segment.path.parent / "seg-0000000009-00000000.pmosync").write_bytes(b"PMOSYNC1\n{}\n")
    join(home, shared, "Home")
    sync_all(work, home)
    assert _topics(home) == {"Real"}
    assert state_of(home) == state_of(work)


def test_a_half_arrived_segment_is_taken_in_once_it_is_whole(tmp_path: Path, shared: Path) -> None:
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    join(work, shared, "Work")
    join(home, shared, "Home")
    _log(work, "Arrives late")
    sync_round(work)
    [segment] = [f for f in data_files(shared) if f.kind == "seg"]
    whole = segment.path.read_bytes()
    segment.path.write_bytes(whole[: len(whole) // 2])
    sync_round(home)
    assert _topics(home) == set()
    segment.path.write_bytes(whole)
    sync_round(home)
    assert _topics(home) == {"Arrives late"}


def test_segments_arriving_out_of_order_and_twice_converge(tmp_path: Path, shared: Path) -> None:
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    join(work, shared, "Work")
    join(home, shared, "Home")
    held = tmp_path / "held"
    held.mkdir()
    for n in range(3):
        _log(work, f"Entry {n}")
        sync_round(work)
    segments = sorted((f for f in data_files(shared) if f.kind == "seg"), key=lambda f: f.seq)
    # The sync tool delivers the last segment first, the others later.
    for found in segments[:-1]:
        shutil.move(found.path, held / found.name)
    sync_round(home)
    for found in segments[:-1]:
        shutil.move(held / found.name, found.path)
    shutil.copy(segments[0].path, held / "again")
    sync_round(home)
    sync_round(home)
    assert _topics(home) == {"Entry 0", "Entry 1", "Entry 2"}
    assert state_of(home) == state_of(work)


def test_an_emptied_or_missing_folder_deletes_nothing(tmp_path: Path, shared: Path) -> None:
    work = open_laptop(tmp_path, "work")
    join(work, shared, "Work")
    _log(work, "Keep me")
    sync_round(work)
    for child in shared.iterdir():
        shutil.rmtree(child)
    sync_round(work)
    assert _topics(work) == {"Keep me"}
    # The emptied folder is refilled from the journal: a new laptop still gets everything.
    home = open_laptop(tmp_path, "home")
    join(home, shared, "Home")
    sync_all(work, home)
    assert _topics(home) == {"Keep me"}
    assert state_of(home) == state_of(work)
    shutil.rmtree(shared)
    with pytest.raises(SyncError, match="not there"):
        sync_round(work)
    assert _topics(work) == {"Keep me"}


def test_clocks_in_1970_and_2099_still_order_edits_by_what_was_seen(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmo_journal.core.sync import hlc

    past, future = open_laptop(tmp_path, "past"), open_laptop(tmp_path, "future")
    join(past, shared, "Past")
    join(future, shared, "Future")
    monkeypatch.setattr(hlc, "wall_millis", lambda: 4070908800000)  # 2099
    _log(future, "From the future")
    sync_round(future)
    monkeypatch.setattr(hlc, "wall_millis", lambda: 1000)  # 1970
    sync_round(past)
    [entry] = mentor_sessions.list_mentor_sessions(past)
    mentor_sessions.update_mentor_session(
        past, entry.id, data={**entry.model_dump(), "topics": "Corrected in 1970"}
    )
    sync_round(past)
    monkeypatch.undo()
    sync_all(past, future)
    # The 1970 laptop had seen the 2099 entry, so its later edit wins everywhere, and an
    # edit on the 2099 laptop after taking that in wins in turn.
    assert _topics(future) == {"Corrected in 1970"}
    [entry] = mentor_sessions.list_mentor_sessions(future)
    mentor_sessions.update_mentor_session(
        future, entry.id, data={**entry.model_dump(), "topics": "Final"}
    )
    sync_all(past, future)
    assert _topics(past) == {"Final"}
    assert state_of(past) == state_of(future)


def test_a_laptop_offline_for_months_catches_up(tmp_path: Path, shared: Path) -> None:
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    join(work, shared, "Work")
    join(home, shared, "Home")
    sync_all(work, home)
    for month in range(1, 13):
        _log(work, f"Month {month}")
        sync_round(work)
    _log(home, "Written offline")
    sync_all(work, home)
    assert len(_topics(home)) == 13
    assert state_of(home) == state_of(work)


def test_whether_a_journal_is_open_stays_on_its_laptop(tmp_path: Path, shared: Path) -> None:
    work = open_laptop(tmp_path, "work")
    join(work, shared, "Work")
    _log(work, "Intake")
    work.close()  # records "closed", then "open" again below: both are changes of the row
    work = open_laptop(tmp_path, "work")
    home = open_laptop(tmp_path, "home")
    join(home, shared, "Home")
    sync_all(work, home)
    assert _topics(home) == {"Intake"}
    for journal in (work, home):
        connection = journal.engine.raw_connection()
        try:
            ops = connection.execute(
                "SELECT fields FROM sync_op WHERE tbl = 'journalsetting'"
            ).fetchall()
        finally:
            connection.close()
        assert not [fields for (fields,) in ops if "journal.open" in fields], ops
