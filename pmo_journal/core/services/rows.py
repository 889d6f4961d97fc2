"""Fetching one row by id inside a service's session, or saying plainly that it isn't there."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session

from pmo_journal.core.validation import NotFound

RowT = TypeVar("RowT")


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
