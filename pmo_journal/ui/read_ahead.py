"""What the journal and People screens read on their first visit, read ahead on the
runner's worker once the window is up, so that the visit does not wait for SQLite on the
GUI thread (at 100,000 entries the journal's count, first page and filter lists took
about 250 ms, People's list with everyone's entry counts about 60 ms).

Each result is used once, by the first screen that asks for it (:meth:`ReadAhead.take`),
and only if nothing changed in the journal since it was read: any change announced on
the context (an edit, an undo, an import, a sync) forgets every result, and a read that
was under way when a change came is thrown away. A screen that finds nothing reads for
itself, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pmo_journal.core.changes import Changes
    from pmo_journal.core.storage.db import Journal
    from pmo_journal.ui.context import JournalContext
    from pmo_journal.ui.operations import Operation

#: The journal screen's first page and count, as it opens (no filter, newest first).
JOURNAL_FIRST_PAGE = "journal.first_page"
#: The journal's filter lists: every skill, everyone (archived people included).
JOURNAL_SKILLS = "journal.skills"
JOURNAL_PEOPLE = "journal.people"
#: The People screen's list as it opens (archived people hidden, every relationship).
PEOPLE_LIST = "people.list"


def first_visit_reads(journal: Journal) -> dict[str, Callable[[], object]]:
    """Each read the screens' first visits make, by key."""
    from pmo_journal.core.services import people, skills, timeline
    from pmo_journal.core.services.timeline import TimelineFilter
    from pmo_journal.ui.journal.timeline_model import TimelineModel

    return {
        JOURNAL_FIRST_PAGE: lambda: timeline.timeline_page(
            journal, TimelineFilter(), limit=TimelineModel.PAGE, sort="date", descending=True
        ),
        JOURNAL_SKILLS: lambda: skills.list_skills(journal),
        JOURNAL_PEOPLE: lambda: people.list_people(
            journal, include_archived=True, with_counts=False
        ),
        PEOPLE_LIST: lambda: people.list_people(journal, include_archived=False),
    }


class ReadAhead(QObject):
    """The results read ahead for one context (a child of it).

    :attr:`read` is emitted when a reading has ended (its results kept, or thrown away
    because the journal changed meanwhile).
    """

    read = Signal()

    def __init__(self, context: JournalContext) -> None:
        super().__init__(context)
        self.context = context
        self._generation = 0
        self._results: dict[str, object] = {}
        context.changed.connect(self._forget)

    def _forget(self, _changes: Changes) -> None:
        self._generation += 1
        self._results.clear()

    def start(self, parent: QWidget, keys: list[str] | None = None) -> Operation:
        """Read ``keys`` (every first-visit read by default) on the runner's worker; a
        failure is left for the screen's own reading to meet and say."""
        from pmo_journal.ui.operations import run_operation

        reads = first_visit_reads(self.context.journal)
        wanted = {key: reads[key] for key in (keys or list(reads)) if key not in self._results}
        generation = self._generation

        def work(_progress: object, cancelled: Callable[[], bool]) -> dict[str, object]:
            found: dict[str, object] = {}
            for key, read in wanted.items():
                if cancelled():
                    break
                try:
                    found[key] = read()
                except Exception:
                    continue
            return found

        def arrived(found: dict[str, object]) -> None:
            if generation == self._generation:  # else the journal changed meanwhile
                self._results.update(found)

        return run_operation(
            parent,
            work,
            title="Reading ahead failed",
            on_success=arrived,
            on_failure=lambda _failure: None,
            on_finished=self._ended,
        )

    def _ended(self) -> None:
        self.read.emit()

    def take(self, key: str) -> object | None:
        """The result read ahead for ``key`` (once), or ``None`` when there is none."""
        return self._results.pop(key, None)

    def has(self, key: str) -> bool:
        return key in self._results


def read_ahead_of(context: JournalContext) -> ReadAhead:
    """The context's read-ahead results (made empty on first use)."""
    found = context.findChild(ReadAhead)
    return found if isinstance(found, ReadAhead) else ReadAhead(context)


def take(context: JournalContext, key: str) -> object | None:
    """What was read ahead for ``key`` on ``context``, or ``None``."""
    found = context.findChild(ReadAhead)
    return found.take(key) if isinstance(found, ReadAhead) else None
