"""A round killed (kill -9) while publishing or taking in loses nothing and repeats nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pmo_journal.core.services import mentor_sessions
from tests.core.journal_data import fill_every_table
from tests.core.sync.laptops import join, open_laptop, state_of, sync_all

CHILD = """
import sys, time
from pathlib import Path
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import rounds

marker = Path(sys.argv[2])
original = getattr(rounds, sys.argv[3])

def stop_here(*args, **kwargs):
    result = original(*args, **kwargs)
    marker.write_text("reached")
    time.sleep(600)
    return result

setattr(rounds, sys.argv[3], stop_here)
with Journal.open(Path(sys.argv[1]), auto_backup=False) as journal:
    rounds.sync_round(journal)
"""


def _kill_round_at(path: Path, step: str, tmp_path: Path) -> None:
    marker = tmp_path / f"reached-{step}"
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(path), str(marker), step],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[3])},
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the round ended before reaching the step"
            assert time.monotonic() < deadline, "the round never reached the step"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()


@pytest.mark.parametrize("step", ["write_atomically", "apply_records"])
def test_a_killed_round_leaves_both_laptops_whole(tmp_path: Path, step: str) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    work, home = open_laptop(tmp_path, "work"), open_laptop(tmp_path, "home")
    fill_every_table(work)
    join(work, shared, "Work")
    join(home, shared, "Home")
    expected = state_of(work)
    killed = work if step == "write_atomically" else home
    if killed is home:
        sync_all(work)
    before = state_of(killed)
    killed.close()
    _kill_round_at(killed.path, step, tmp_path)
    again = open_laptop(tmp_path, killed.path.stem)
    assert state_of(again) == before
    other = home if killed is work else work
    sync_all(again, other)
    assert state_of(again) == state_of(other) == expected
    assert len(mentor_sessions.list_mentor_sessions(other)) == len(
        mentor_sessions.list_mentor_sessions(again)
    )
