"""A restored backup and a copied journal file while sync is on: no edit lost, none resurrected."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.storage import backup
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import sync_round, sync_settings
from tests.core.sync.laptops import join, open_laptop, state_of, sync_all


def _log(journal: Journal, topics: str) -> None:
    found = [p for p in people.list_people(journal) if p.name == "Ada Mentor"]
    mentor = (
        found[0]
        if found
        else people.create_person(journal, data={"name": "Ada Mentor", "relationship": "mentor"})
    )
    mentor_sessions.log_mentor_session(
        journal, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor.id, "topics": topics}
    )


def _topics(journal: Journal) -> list[str]:
    return sorted(e.topics for e in mentor_sessions.list_mentor_sessions(journal))


def _edit(journal: Journal, old: str, new: str) -> None:
    [entry] = [e for e in mentor_sessions.list_mentor_sessions(journal) if e.topics == old]
    mentor_sessions.update_mentor_session(
        journal, entry.id, data={**entry.model_dump(), "topics": new}
    )


def test_restoring_a_backup_brings_its_content_back_as_new_edits(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    join(work, shared, "Work")
    join(home, shared, "Home")
    _log(work, "Before the backup")
    sync_all(work, home)
    taken = backup.backup_journal(work.path, passphrase=None)
    _edit(work, "Before the backup", "Spoiled after the backup")
    _log(home, "Added at home later")
    sync_all(work, home)
    work.close()
    backup.restore_backup(work.path, taken)
    work = open_laptop(tmp_path, "work")
    assert sync_settings(work).enabled
    sync_all(work, home)
    assert state_of(work) == state_of(home)
    assert _topics(home) == ["Added at home later", "Before the backup"]
    assert _topics(work) == _topics(home)


def test_a_copied_journal_file_becomes_a_laptop_of_its_own(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work = open_laptop(tmp_path, "work")
    join(work, shared, "Work")
    _log(work, "Original")
    sync_round(work)
    work.close()
    shutil.copy(tmp_path / "work.db", tmp_path / "copy.db")
    work, copy = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "copy")
    _log(work, "Written on the original")
    _log(copy, "Written on the copy")
    sync_all(work, copy)
    devices = {sync_settings(work).device, sync_settings(copy).device}
    assert len(devices) == 2
    assert state_of(work) == state_of(copy)
    assert _topics(work) == ["Original", "Written on the copy", "Written on the original"]
