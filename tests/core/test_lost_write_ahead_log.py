"""A crash, then a deleted or cut-off write-ahead log: the journal and check both say so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

# Saves while another connection holds the journal open (as the app's pool does), so the
# entries are still only in the write-ahead log when the process is killed.
CRASH_AFTER_SAVING = """
import os, signal, sqlite3, sys
from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal
journal = Journal.open(sys.argv[1], auto_backup=False)
reader = sqlite3.connect(sys.argv[1])
reader.execute("SELECT count(*) FROM person").fetchone()
for name in ("Saved One", "Saved Two"):
    people.create_person(journal, data={"name": name})
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def crashed(journal: Journal) -> Path:
    people.create_person(journal, data={"name": "Before"})
    journal.close()
    child = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_SAVING, str(journal.path)], check=False
    )
    assert child.returncode == -9
    assert Path(f"{journal.path}-wal").stat().st_size > 0
    return journal.path


def test_an_intact_log_after_a_crash_loses_nothing_and_says_nothing(crashed: Path) -> None:
    with Journal.open(crashed, auto_backup=False) as journal:
        assert journal.recovery_problem is None
        names = [p.name for p in people.list_people(journal)]
    assert names == ["Before", "Saved One", "Saved Two"]


def _lose_the_log(path: Path, damage: str) -> str:
    wal = Path(f"{path}-wal")
    if damage == "deleted":
        wal.unlink()
        return "its write-ahead log is missing"
    with wal.open("rb+") as handle:
        handle.truncate(wal.stat().st_size - 100)
    return "its write-ahead log is cut short"


@pytest.mark.parametrize("damage", ["deleted", "cut"])
def test_a_lost_log_after_a_crash_is_told_at_open_once(crashed: Path, damage: str) -> None:
    expected = _lose_the_log(crashed, damage)
    with Journal.open(crashed, auto_backup=False) as journal:
        assert journal.recovery_problem is not None
        assert f"journal.db was not closed properly last time and {expected}" in (
            journal.recovery_problem
        )
    with Journal.open(crashed, auto_backup=False) as journal:  # closed cleanly since
        assert journal.recovery_problem is None


@pytest.mark.parametrize("damage", ["deleted", "cut"])
def test_check_says_a_lost_log_is_not_ok(
    crashed: Path, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _lose_the_log(crashed, damage)
    assert cli.run(["check", "--db", str(crashed)]) == 1
    err = capsys.readouterr().err
    assert f"journal.db was not closed properly last time and {expected}" in err
    assert err.count("\n") == 1
