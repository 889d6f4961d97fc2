"""A new journal built once per test session, copied wherever a test needs a new journal.

Creating a journal runs every Alembic migration; copying the file that one creation left
behind costs a fraction of that. The copy is opened by the real ``Journal.open``: it is
already at the head revision, so no migration runs, and nothing else differs.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pmo_journal.core.storage.db import Journal


@dataclass(frozen=True)
class JournalTemplate:
    """The file ``Journal.open`` writes for a new journal, kept for copying."""

    path: Path

    @classmethod
    @cache
    def shared(cls) -> JournalTemplate:
        """The one template of this test process, also for code that has no fixtures
        (helpers, hypothesis state machines); the ``journal_template`` fixture returns it."""
        folder = Path(tempfile.mkdtemp(prefix="journal-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        return cls.build(folder)

    @classmethod
    def build(cls, folder: Path) -> JournalTemplate:
        path = folder / "journal.db"
        Journal.open(path).close()
        leftovers = sorted(p.name for p in folder.iterdir() if p != path)
        assert not leftovers, f"a closed journal is one file, not also {leftovers}"
        return cls(path)

    def copy_to(self, target: Path) -> Path:
        """A new journal at ``target``, as ``Journal.open`` would have created it."""
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path, target)
        return target

    def open(self, target: Path) -> Journal:
        """Open a new journal at ``target``; like creating it, this takes no backup."""
        return Journal.open(self.copy_to(target), auto_backup=False)
