"""Editor drafts: an open editor's unsaved content, kept so a crash or a kill loses nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python
from sqlmodel import col, select

from pmo_journal.core.models import EditorDraft, utcnow
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import NotFound


class DraftRead(BaseModel):
    """A saved draft: which editor (kind, and the entry it edits) and what it held."""

    id: int
    kind: str
    entry_id: int | None
    saved_at: dt.datetime
    payload: dict[str, Any]


def _read(row: EditorDraft) -> DraftRead:
    assert row.id is not None
    try:
        payload = json.loads(row.payload_json)
    except ValueError:
        payload = {}
    return DraftRead(
        id=row.id,
        kind=row.kind,
        entry_id=row.entry_id,
        saved_at=row.saved_at,
        payload=payload if isinstance(payload, dict) else {},
    )


def save_draft(
    journal: Journal,
    *,
    kind: str,
    entry_id: int | None,
    payload: dict[str, Any],
    draft_id: int | None = None,
) -> int:
    """Store ``payload`` (dates and enums become JSON) as a new draft or over ``draft_id``."""
    text = json.dumps(to_jsonable_python(payload), ensure_ascii=False, sort_keys=True)
    with journal.session() as session:
        row = session.get(EditorDraft, draft_id) if draft_id is not None else None
        if row is None:
            row = EditorDraft(kind=kind, entry_id=entry_id, payload_json=text)
        row.payload_json = text
        row.saved_at = utcnow()
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def list_drafts(journal: Journal) -> list[DraftRead]:
    """Every draft left behind, oldest first."""
    with journal.session() as session:
        rows = session.exec(select(EditorDraft).order_by(col(EditorDraft.saved_at))).all()
        return [_read(row) for row in rows]


def get_draft(journal: Journal, draft_id: int) -> DraftRead:
    with journal.session() as session:
        row = session.get(EditorDraft, draft_id)
        if row is None:
            raise NotFound(f"There is no draft with id {draft_id}.")
        return _read(row)


def discard_draft(journal: Journal, draft_id: int) -> None:
    """Forget a draft (saving or cancelling the editor); a missing one is fine."""
    with journal.session() as session:
        row = session.get(EditorDraft, draft_id)
        if row is not None:
            session.delete(row)
