"""What the screens will need, brought in ahead on a worker once the window is up.

Each screen is built on its first visit, and most of that first visit used to be
importing the use cases behind it (the JSON import's schema alone is ~150 ms of pydantic
class building) and SQLAlchemy compiling its first queries, all on the GUI thread. Done
here, off that thread, soon after the first paint, the first visit finds them ready.
Nothing here writes, and nothing imports matplotlib, Alembic or Qt.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from pmo_journal.core.changes import NOTHING, Outcome
from pmo_journal.core.tasks import Cancelled, Progress

if TYPE_CHECKING:
    from pmo_journal.core.storage.db import Journal

#: The use cases of the screens, in the order a user tends to reach them.
SCREEN_MODULES = (
    "pmo_journal.core.services.timeline",
    "pmo_journal.core.services.entries",
    "pmo_journal.core.services.people",
    "pmo_journal.core.services.skills",
    "pmo_journal.core.services.goals",
    "pmo_journal.core.services.action_items",
    "pmo_journal.core.services.career",
    "pmo_journal.core.services.readiness",
    "pmo_journal.core.services.pdus",
    "pmo_journal.core.services.pdu_suggestions",
    "pmo_journal.core.pdus.audit",
    "pmo_journal.core.services.backups",
    "pmo_journal.core.services.exchange",
    "pmo_journal.core.disclosure",
    "pmo_journal.core.sync",
    "pmo_journal.core.sync.conflicts",
)


def preload(journal: Journal, progress: Progress, cancelled: Cancelled) -> Outcome[int]:
    """Import :data:`SCREEN_MODULES` and read the lists the journal's filters show (which
    compiles their queries); returns how many modules were imported. Stops when
    ``cancelled()``."""
    imported = 0
    for index, name in enumerate(SCREEN_MODULES):
        if cancelled():
            return Outcome(imported, NOTHING)
        importlib.import_module(name)
        imported += 1
        progress(index / len(SCREEN_MODULES), "")
    from pmo_journal.core.services import people, skills

    people.list_people(journal, include_archived=True)
    skills.list_skills(journal)
    return Outcome(imported, NOTHING)
