"""One app per journal file: the second is refused and the first comes to the front."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from pmo_journal.ui.single_instance import claim_journal, lock_path

SECOND_INSTANCE = """
import sys
from PySide6.QtCore import QCoreApplication
from pmo_journal.ui.single_instance import claim_journal
app = QCoreApplication([])
print("refused" if claim_journal(__import__("pathlib").Path(sys.argv[1])) is None else "got it")
"""

KILLED_INSTANCE = """
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from pmo_journal.ui.single_instance import claim_journal
app = QCoreApplication([])
guard = claim_journal(Path(sys.argv[1]))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_second_instance_is_refused_and_knocks(qtbot: QtBot, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    first = claim_journal(journal)
    assert first is not None
    assert lock_path(journal).exists()
    with qtbot.waitSignal(first.activation_requested, timeout=3_000):
        assert claim_journal(journal) is None
    first.release()
    again = claim_journal(journal)
    assert again is not None
    again.release()


def test_another_process_is_refused_while_the_first_runs(qtbot: QtBot, tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    first = claim_journal(journal)
    assert first is not None
    with qtbot.waitSignal(first.activation_requested, timeout=10_000):
        process = subprocess.Popen(
            [sys.executable, "-c", SECOND_INSTANCE, str(journal)],
            stdout=subprocess.PIPE,
            text=True,
            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    output, _ = process.communicate(timeout=10)
    assert output.strip() == "refused"
    first.release()
    process = subprocess.run(
        [sys.executable, "-c", SECOND_INSTANCE, str(journal)],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    assert process.stdout.strip() == "got it"


def test_a_lock_left_by_a_dead_process_does_not_block(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    # A killed instance leaves its lock file behind, naming a process that is gone.
    subprocess.run(
        [sys.executable, "-c", KILLED_INSTANCE, str(journal)], timeout=10, capture_output=True
    )
    assert lock_path(journal).exists()
    guard = claim_journal(journal)
    assert guard is not None
    guard.release()


COMMAND_WRITING = """
import sys, time
from pathlib import Path
from pmo_journal.core.storage.journal_lock import exclusive_use
with exclusive_use(Path(sys.argv[1]), command="restore"):
    print("held", flush=True)
    time.sleep(60)
"""


def test_the_app_keeps_off_a_journal_a_command_is_writing(tmp_path: Path) -> None:
    from pmo_journal.ui.single_instance import refusal

    journal = tmp_path / "journal.db"
    child = subprocess.Popen(
        [sys.executable, "-c", COMMAND_WRITING, str(journal)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        assert claim_journal(journal) is None
        assert refusal(journal) == (
            f"journal.db is in use by `pmo-journal restore` (process {child.pid}); "
            "try again when it has finished."
        )
    finally:
        child.kill()
        child.wait()
    guard = claim_journal(journal)
    assert guard is not None
    guard.release()
