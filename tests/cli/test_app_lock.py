"""Writing commands keep off a journal the app has open, and the app off one a command writes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.services import people
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.storage.journal_lock import exclusive_use, lock_holder, lock_path

HOLD_WITH_QT = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1]); lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("held", flush=True)
time.sleep(60)
"""
HOLD_AS_COMMAND = """
import sys, time
from pathlib import Path
from pmo_journal.core.storage.journal_lock import exclusive_use
with exclusive_use(Path(sys.argv[1]), command=sys.argv[2] if len(sys.argv) > 2 else "restore"):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def existing(journal: Journal) -> Path:
    people.create_person(journal, data={"name": "Ada"})
    journal.close()
    return journal.path


def _hold(script: str, argument: Path, *more: str) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(argument), *more],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    try:
        yield child
    finally:
        child.kill()
        child.wait()


@pytest.fixture
def app_holds(existing: Path) -> Iterator[subprocess.Popen[str]]:
    yield from _hold(HOLD_WITH_QT, lock_path(existing))


def test_writing_commands_refuse_while_the_app_holds_the_journal(
    existing: Path,
    app_holds: subprocess.Popen[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    export = tmp_path / "export.json"
    assert cli.run(["export", "--db", str(existing), "--format", "json", "--out", str(export)]) == 0
    taken = next((existing.parent / "backups").glob("*.db"))
    capsys.readouterr()
    before = existing.read_bytes()
    (tmp_path / "shared").mkdir()
    for command in (
        ["restore", str(taken)],
        ["import", str(export)],
        ["encrypt"],
        ["decrypt"],
        ["demo"],
        ["sync", "--folder", str(tmp_path / "shared")],
    ):
        assert cli.run([*command, "--db", str(existing)]) == 1, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
        if command != ["decrypt"]:  # a plain journal can't be decrypted anyway
            assert f"is open in PMO Career Journal (process {app_holds.pid})" in err, err
            assert "close it there first" in err
    assert existing.read_bytes() == before


def test_the_app_is_kept_off_while_a_command_writes(existing: Path) -> None:
    from PySide6.QtCore import QLockFile

    for child in _hold(HOLD_AS_COMMAND, existing):
        holder = lock_holder(existing)
        assert holder is not None and holder.pid == child.pid and holder.command == "restore"
        lock = QLockFile(str(lock_path(existing)))
        lock.setStaleLockTime(0)
        assert not lock.tryLock(0)


def test_a_lock_left_by_a_killed_command_is_taken_over(existing: Path) -> None:
    for child in _hold(HOLD_AS_COMMAND, existing):
        child.kill()
        child.wait()
    assert lock_path(existing).exists() and lock_holder(existing) is None
    with exclusive_use(existing, command="import"):
        holder = lock_holder(existing)
        assert holder is not None and holder.pid == os.getpid()
    assert not lock_path(existing).exists()


def test_of_two_imports_at_once_the_second_says_so_and_changes_nothing(
    existing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.json"
    assert cli.run(["export", "--db", str(existing), "--format", "json", "--out", str(export)]) == 0
    capsys.readouterr()
    for child in _hold(HOLD_AS_COMMAND, existing, "import"):  # the first import, still running
        before = existing.read_bytes()
        assert cli.run(["import", "--db", str(existing), str(export)]) == 1
        err = capsys.readouterr().err
        assert err == (
            f"pmo-journal: journal.db is in use by `pmo-journal import` (process {child.pid}); "
            "wait for it to finish, then run import again. Nothing was changed.\n"
        )
        assert existing.read_bytes() == before
    assert cli.run(["import", "--db", str(existing), str(export)]) == 0  # then it runs
