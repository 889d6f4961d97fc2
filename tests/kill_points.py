"""Kill -9 at every file-system step of a command, to prove a kill loses nothing.

The command runs in a child process that counts its steps — every ``os.replace``,
``os.unlink``, ``os.fsync`` and database connection — and sends itself SIGKILL just before
step N. Running it for N = 1, 2, … until it finishes unkilled visits every point where a
crash could land, without timing anything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DRIVER = r"""
import os, signal, sqlite3, sys
kill_at, argv = int(sys.argv[1]), sys.argv[2:]
steps = 0

def counted(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step

for name in ("replace", "unlink", "fsync", "rename"):
    setattr(os, name, counted(getattr(os, name)))
import sqlite3.dbapi2
sqlite3.connect = sqlite3.dbapi2.connect = counted(sqlite3.connect)
try:
    import sqlcipher3, sqlcipher3.dbapi2
    sqlcipher3.connect = sqlcipher3.dbapi2.connect = counted(sqlcipher3.connect)
except ImportError:
    pass
"""
# What the child runs once its steps are counted: a command, with ``argv`` its arguments.
COMMAND = r"""
from pmo_journal.cli import run
code = run(argv)
print(f"steps={steps}", file=sys.stderr)
sys.exit(code)
"""
# A bound, so a command that somehow never finishes can't hang the suite.
MAX_STEPS = 400


@dataclass
class Tally:
    """What a harness run found: how many kills, how many broke an invariant, what was lost."""

    tries: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self, command: str) -> str:
        return f"{command}: {self.tries} kills, {len(self.failures)} failures"


def run_killed(
    argv: list[str], *, kill_at: int, env: dict[str, str] | None = None, work: str = COMMAND
) -> subprocess.CompletedProcess[str]:
    """Run ``work`` (by default ``pmo-journal argv``) in a child killed just before its
    ``kill_at``-th step."""
    return subprocess.run(
        [sys.executable, "-c", DRIVER + work, str(kill_at), *argv],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {}), "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def killed(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == -signal.SIGKILL


def every_kill_point(
    argv: Callable[[Path], list[str]],
    *,
    prepare: Callable[[], Path],
    verify: Callable[[Path], None],
    env: dict[str, str] | None = None,
    stride: int = 1,
    work: str = COMMAND,
) -> Tally:
    """Kill the command ``argv(path)`` before each of its steps in turn (every
    ``stride``-th), on a fresh journal ``prepare()`` each time, and ``verify`` what is left
    (and that running the command again finishes the work)."""
    tally = Tally()
    for kill_at in range(1, MAX_STEPS, stride):
        state = prepare()
        result = run_killed(argv(state), kill_at=kill_at, env=env, work=work)
        if not killed(result):
            assert result.returncode == 0, result.stderr
            break
        tally.tries += 1
        try:
            verify(state)
        except AssertionError as exc:
            tally.failures.append(f"killed before step {kill_at}: {exc}")
    else:
        raise AssertionError(f"the command did not finish within {MAX_STEPS} steps")
    return tally


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())
