"""A SIGKILL in the middle of a large import leaves the journal exactly as it was."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import dump, fill_every_table

ENTRIES = 25_000


def _large_export(journal: Journal, path: Path) -> None:
    document = build_document(journal, include_private=True)
    skill = document["skills"][0]["uuid"]
    document["skill_reflections"] = [
        {
            "uuid": str(uuid.uuid4()),
            "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-01T00:00:00Z",
            "date": "2025-01-01",
            "skill_uuid": skill,
            "rating": 1 + n % 5,
            "situation": f"Imported reflection number {n} about the portfolio intake board",
        }
        for n in range(ENTRIES)
    ]
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_import_changes_nothing(journal: Journal, tmp_path: Path) -> None:
    fill_every_table(journal)
    export = tmp_path / "large.json"
    _large_export(journal, export)
    journal.close()
    Journal.open(journal.path).close()  # today's automatic backup, so the import takes none
    before = dump(journal.path)
    wal = Path(f"{journal.path}-wal")

    process = subprocess.Popen(
        [sys.executable, "-m", "pmo_journal", "import", "--db", str(journal.path), str(export)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    backups = journal.path.parent / "backups"
    deadline = time.monotonic() + 60
    # The backup before the import is the last step before the transaction starts; once the
    # write-ahead log grows past a few pages, rows are being written.
    while time.monotonic() < deadline and process.poll() is None:
        started = any("before-import" in p.name for p in backups.iterdir())
        if started and wal.exists() and wal.stat().st_size > 256 * 1024:
            break
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the import finished before it was killed"

    assert cli.run(["check", "--db", str(journal.path)]) == 0
    assert dump(journal.path) == before
