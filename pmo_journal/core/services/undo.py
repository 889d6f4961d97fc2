"""Undo and redo: a user action's use case run so that every row it wrote can be put back.

:func:`do` runs a use case in one transaction and keeps each row it wrote as it was
before and after (:mod:`pmo_journal.core.storage.row_log`); :func:`undo` returns those rows
to before, :func:`redo` to after, each in one transaction and with the action's
:class:`Changes`, so every screen reloads what it shows. An entry, goal or claim an undo
takes away is deleted the way the journal deletes (kept, marked deleted), so its redo
brings back the very same one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, overload

from sqlalchemy.exc import IntegrityError

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.storage import row_log
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Done(Generic[T_co]):
    """A user action that ran: what its use case returned, what it changed, and the rows
    it wrote (before and after)."""

    value: T_co
    changes: Changes
    rows: tuple[row_log.RowChange, ...]


@overload
def do(journal: Journal, work: Callable[[], Outcome[T]]) -> Done[T]: ...
@overload
def do(journal: Journal, work: Callable[[], Changes]) -> Done[None]: ...
def do(journal: Journal, work: Callable[[], Outcome[T] | Changes]) -> Done[T] | Done[None]:
    """Run ``work`` (a use case returning an :class:`Outcome` or :class:`Changes`) in one
    transaction, noting every row it writes; nothing is kept if it raises."""
    with journal.unit_of_work(), journal.session() as session:
        connection = session.connection()
        row_log.start(connection)
        result = work()
        session.flush()
        rows = row_log.finish(connection)
    if isinstance(result, Outcome):
        return Done(result.value, result.changes, rows)
    return Done(None, result, rows)


def undo(journal: Journal, done: Done[object]) -> Changes:
    """Put every row ``done`` wrote back as it was before it."""
    return _put_back(journal, done, after=False)


def redo(journal: Journal, done: Done[object]) -> Changes:
    """Write every row ``done`` wrote again as it was after it."""
    return _put_back(journal, done, after=True)


def _put_back(journal: Journal, done: Done[object], *, after: bool) -> Changes:
    try:
        with journal.session() as session:
            row_log.put_back(session.connection(), done.rows, after=after)
    except IntegrityError:
        # Only a change made since, outside the undo history (a sync, an import), can
        # leave a row pointing at one that is no longer there.
        raise JournalError("This can no longer be undone: the journal has changed since.") from None
    return done.changes
