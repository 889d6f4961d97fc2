"""A SIGKILL in the middle of a large import leaves the journal exactly as it was."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core.exchange.json_export import build_document
from pmo_journal.core.storage.db import Journal
from tests.core.journal_data import dump, fill_every_table

ENTRIES = 25_000
# The command line as ``python -m pmo_journal`` runs it, except that the import's
# transaction is held just before its COMMIT: every row is written, none is committed. The
# child says so on stdout (with how many reflections its own transaction sees then: the
# import's large page cache holds them, so they need not have reached the write-ahead log)
# and waits to be killed.
HELD_AT_COMMIT = """
import signal
import sys
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from pmo_journal.app import main

journal = Path(sys.argv[1])


@event.listens_for(Engine, "commit")
def _hold(_connection):
    if any("before-import" in path.name for path in (journal.parent / "backups").iterdir()):
        raw = _connection.connection.dbapi_connection
        print(raw.execute("SELECT count(*) FROM skillreflection").fetchone()[0], flush=True)
        signal.pause()


sys.exit(main(["import", "--db", str(journal), sys.argv[2]]))
"""


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

    process = subprocess.Popen(
        [sys.executable, "-c", HELD_AT_COMMIT, str(journal.path), str(export)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        # Not a guess at timing: a generous limit on a wait that ends as soon as the child speaks.
        readable, _, _ = select.select([process.stdout], [], [], 300)
        held = process.stdout.readline() if readable else ""
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        process.kill()
    assert held, f"the import never reached its commit: {process.stderr.read()}"
    assert process.returncode == -signal.SIGKILL, "the import finished before it was killed"
    assert int(held) >= ENTRIES, "every row should be written, uncommitted"

    assert cli.run(["check", "--db", str(journal.path)]) == 0
    assert dump(journal.path) == before
