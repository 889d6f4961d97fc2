"""The screens' use cases imported ahead: every module exists, and none brings in a
heavy or GUI library."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pmo_journal.core.preload import SCREEN_MODULES

CHILD = """
import sys
from pathlib import Path
from pmo_journal.core.preload import SCREEN_MODULES, preload
from pmo_journal.core.storage.db import Journal
journal = Journal.open(Path(sys.argv[1]), auto_backup=False)
stopped = preload(journal, lambda *_: None, lambda: True).value
done = preload(journal, lambda *_: None, lambda: False).value
journal.close()
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"matplotlib", "alembic", "PySide6"})
print(stopped, done, len(SCREEN_MODULES), ",".join(heavy) or "-")
"""


def test_preloading_imports_every_screen_module_and_nothing_heavy(journal_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(journal_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["0", str(len(SCREEN_MODULES)), str(len(SCREEN_MODULES)), "-"]
