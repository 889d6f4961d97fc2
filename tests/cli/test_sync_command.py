"""``pmo-journal sync``: a round, a new laptop made from the folder, status and conflicts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.services import mentor_sessions, people
from pmo_journal.core.storage.db import Journal
from tests.journal_template import JournalTemplate


def _sessions(path: Path) -> list[str]:
    with Journal.open(path, auto_backup=False) as journal:
        return sorted(e.topics for e in mentor_sessions.list_mentor_sessions(journal))


def test_a_new_laptop_is_made_from_the_folder_and_conflicts_list_both_values(
    journal_template: JournalTemplate, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "Dropbox" / "PMO journal"
    shared.mkdir(parents=True)
    work = tmp_path / "work.db"
    with journal_template.open(work) as journal:
        mentor = people.create_person(journal, data={"name": "Ada", "relationship": "mentor"})
        mentor_sessions.log_mentor_session(
            journal, data={"date": dt.date(2026, 3, 2), "mentor_id": mentor.id, "topics": "Start"}
        )
    assert cli.run(["sync", "--db", str(work), "--folder", str(shared), "--name", "Work"]) == 0
    assert "no other laptop there yet" in capsys.readouterr().out
    home = tmp_path / "home.db"
    assert cli.run(["sync", "--db", str(home), "--folder", str(shared), "--name", "Home"]) == 0
    assert _sessions(home) == ["Start"]

    for path, words in ((work, "Work's topics"), (home, "Home's topics")):
        with Journal.open(path, auto_backup=False) as journal:
            [entry] = mentor_sessions.list_mentor_sessions(journal)
            mentor_sessions.update_mentor_session(
                journal, entry.id, data={**entry.model_dump(), "topics": words}
            )
    for path in (work, home, work):
        assert cli.run(["sync", "--db", str(path)]) == 0  # the folder is remembered
    capsys.readouterr()
    assert cli.run(["sync", "--db", str(work), "--conflicts"]) == 0
    listed = capsys.readouterr().out
    assert "Work's topics" in listed and "Home's topics" in listed
    assert cli.run(["sync", "--db", str(home), "--status"]) == 0
    status = capsys.readouterr().out
    assert "Laptops in the folder: 2" in status and "Conflicts to resolve: 1" in status


def test_sync_without_a_folder_says_how_to_set_it_up(
    journal: Journal, capsys: pytest.CaptureFixture[str]
) -> None:
    journal.close()
    assert cli.run(["sync", "--db", str(journal.path)]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "--folder" in error[0]
    assert cli.run(["sync", "--db", str(journal.path), "--folder", "/nonexistent/x"]) == 1
    assert "does not exist" in capsys.readouterr().err
