"""What a user action changed, so each screen reloads only what it shows.

Every use case in :mod:`pmo_journal.core.services` returns a :class:`Changes` (inside an
:class:`Outcome` when it also returns read models). A screen says what it shows as a
``Changes`` too, and reloads when :meth:`Changes.affects` says the two meet.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from pmo_journal.core.models import EntryKind

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Which parts of the journal a user action wrote (all false: nothing)."""

    #: The kinds of entry added, edited, starred, deleted or restored.
    entries: frozenset[EntryKind] = frozenset()
    people: bool = False
    action_items: bool = False
    goals: bool = False
    readiness: bool = False
    #: PDU certification cycles and claims.
    claims: bool = False
    skills: bool = False
    #: Journal settings: skill targets, snoozed reminders, and the like.
    settings: bool = False
    #: The backups beside the journal file.
    backups: bool = False

    @classmethod
    def of_entries(cls, *kinds: EntryKind, **others: bool) -> Changes:
        """Entries of ``kinds`` changed (and whatever ``others`` names)."""
        return cls(entries=frozenset(kinds), **others)

    @classmethod
    def everything(cls) -> Changes:
        """The whole journal may have changed: an import, a restore."""
        flags = {f.name: True for f in fields(cls) if f.name != "entries"}
        return cls(entries=frozenset(EntryKind), **flags)

    def __or__(self, other: Changes) -> Changes:
        flags = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "entries"
        }
        return Changes(entries=self.entries | other.entries, **flags)

    def __bool__(self) -> bool:
        return bool(self.entries) or any(
            getattr(self, f.name) for f in fields(self) if f.name != "entries"
        )

    def affects(self, shown: Changes) -> bool:
        """Whether these changes touch anything a screen showing ``shown`` shows."""
        if self.entries & shown.entries:
            return True
        return any(
            getattr(self, f.name) and getattr(shown, f.name)
            for f in fields(self)
            if f.name != "entries"
        )


NOTHING = Changes()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A use case's result: the read model(s) it returns and what it changed."""

    value: T
    changes: Changes
