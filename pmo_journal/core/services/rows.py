"""Fetching rows inside a service's session: one by id (or saying plainly that it isn't
there), or many at once for the batched read mappers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from pmo_journal.core.models import Person, Skill
from pmo_journal.core.validation import NotFound

RowT = TypeVar("RowT")
#: Ids bound in one ``IN (…)`` list: far below SQLite's limit on bound parameters, and
#: large enough that a long report's reads stay a handful of queries.
CHUNK = 5000


def get_row(
    session: Session, model: type[RowT], row_id: int, *, noun: str, deleted: bool | None = None
) -> RowT:
    """The ``model`` row with ``row_id``, or :class:`NotFound` naming the ``noun``.

    ``deleted`` False accepts only live rows, True only (recoverably) deleted ones, None both.
    """
    row = session.get(model, row_id)
    if row is None or (deleted is not None and _is_deleted(row) != deleted):
        raise NotFound(f"There is no {noun} with id {row_id}.")
    return row


def _is_deleted(row: Any) -> bool:
    return row.deleted_at is not None


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    """``ids`` without repeats, in lists of at most ``size``."""
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), size):
        yield unique[start : start + size]


def rows_in(session: Session, ids: Iterable[int], query: Callable[[list[int]], Any]) -> list[Any]:
    """Every result of ``query(chunk)`` over ``ids`` cut in chunks, in chunk order (each id
    is in exactly one chunk, so what one id's results are ordered by stays in order)."""
    found: list[Any] = []
    for chunk in chunks(ids):
        found.extend(session.exec(query(chunk)).all())
    return found


def person_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The name of each person in ``ids`` (archived ones too), by id; one query."""
    return dict(
        rows_in(
            session,
            ids,
            lambda chunk: select(col(Person.id), col(Person.name)).where(col(Person.id).in_(chunk)),
        )
    )


def skill_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The name of each skill in ``ids`` (archived ones too), by id; one query."""
    return dict(
        rows_in(
            session,
            ids,
            lambda chunk: select(col(Skill.id), col(Skill.name)).where(col(Skill.id).in_(chunk)),
        )
    )


def grouped(rows: Sequence[Any]) -> dict[int, list[Any]]:
    """Result rows ``(key, value)`` or ``(key, *values)`` as lists of ``value`` (or of the
    ``values`` tuples) by key, each list in the rows' order."""
    groups: dict[int, list[Any]] = {}
    for key, *values in rows:
        groups.setdefault(key, []).append(values[0] if len(values) == 1 else tuple(values))
    return groups
