"""Kill -9 at every step of a save from the real editor: the entry is there whole or not at
all, every earlier entry is intact, and the journal opens and saves again."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pmo_journal import cli
from pmo_journal.core import clock
from pmo_journal.core.services import reflections, skills
from pmo_journal.core.storage.db import Journal
from tests.journal_template import JournalTemplate
from tests.kill_points import Tally, every_kill_point

EARLIER = "The retro across three teams"
WRITING = "Ran the intake board; the sponsor agreed to the new criteria."
# The child: the app's editor, filled and saved, offscreen (argv: the journal, the text).
# Every SQL statement and every commit is a step too, so kills land inside the save itself.
SAVE_FROM_THE_EDITOR = r"""
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine

def statement(*_args, **_kwargs):
    global steps
    steps += 1
    if steps == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

event.listen(Engine, "before_cursor_execute", statement)
event.listen(Engine, "commit", statement)
from PySide6.QtWidgets import QApplication
app = QApplication([])
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.editors import SkillReflectionDialog
journal = Journal.open(Path(argv[0]), auto_backup=False)
dialog = SkillReflectionDialog(JournalContext(journal))
dialog.rating.set_value(4)
dialog.texts["situation"].setPlainText(argv[1])
dialog._changed()
dialog.accept()
saved = dialog.saved is not None
journal.close()
print(f"steps={steps}", file=sys.stderr)
sys.exit(0 if saved else 1)
"""


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A journal holding one earlier reflection."""
    path = JournalTemplate.shared().copy_to(tmp_path / "template" / "journal.db")
    with Journal.open(path, auto_backup=False) as journal:
        skill = skills.list_skills(journal)[0].id
        data = {"date": clock.today(), "skill_id": skill, "rating": 3, "situation": EARLIER}
        reflections.log_skill_reflection(journal, data=data)
    return path


@pytest.fixture
def fresh(template: Path, tmp_path: Path) -> Callable[[], Path]:
    """A new copy of the template journal for each kill."""
    counter = iter(range(1_000))

    def copy() -> Path:
        folder = tmp_path / f"try-{next(counter)}"
        shutil.copytree(template.parent, folder)
        return folder / template.name

    return copy


def _situations(path: Path) -> list[str]:
    with Journal.open(path, auto_backup=False) as journal:
        return sorted(r.situation for r in reflections.list_skill_reflections(journal))


def test_a_save_from_the_editor_killed_anywhere_loses_nothing(fresh: Callable[[], Path]) -> None:
    def verify(path: Path) -> None:
        assert cli.run(["check", "--db", str(path)]) == 0
        assert _situations(path) in ([EARLIER], sorted([EARLIER, WRITING]))
        with Journal.open(path, auto_backup=False) as journal:  # it saves again
            skill = skills.list_skills(journal)[0].id
            data = {"date": clock.today(), "skill_id": skill, "rating": 5, "situation": "Again"}
            reflections.log_skill_reflection(journal, data=data)
        assert "Again" in _situations(path)

    tally: Tally = every_kill_point(
        lambda path: [str(path), WRITING], prepare=fresh, verify=verify, work=SAVE_FROM_THE_EDITOR
    )
    print(tally.line("GUI save"))  # shown with -s; the README records the counts
    assert tally.tries and not tally.failures, tally.failures
