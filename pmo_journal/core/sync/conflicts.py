"""The values that lost to a concurrent edit on another laptop, and resolving them."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from pmo_journal.core.sync import hlc
from pmo_journal.core.sync.apply import apply_records
from pmo_journal.core.sync.log import merged_fields, set_state, state, store_operation
from pmo_journal.core.sync.merge import DELETED, Operation
from pmo_journal.core.sync.segments import SyncError

RECORD_LABELS = {
    "mentorsession": ("Mentor session", "date"),
    "helperassignment": ("Helper assignment", "title"),
    "skillreflection": ("Skill reflection", "date"),
    "note": ("Note", "title"),
    "person": ("Person", "name"),
    "careergoal": ("Career goal", "target_role"),
    "milestone": ("Milestone", "title"),
    "actionitem": ("Action item", "text"),
    "pduclaim": ("PDU claim", "description"),
    "skill": ("Skill", "name"),
}


@dataclass(frozen=True)
class ConflictView:
    """One conflict as the user sees it: which record, which field, both values."""

    record: str
    field: str
    what: str
    field_label: str
    kept: Any
    lost: Any
    lost_on: str
    deleted_elsewhere: bool

    def describe(self) -> str:
        if self.deleted_elsewhere:
            return (
                f"{self.what}: deleted on {self.lost_on} while edited on another laptop; "
                "it was kept."
            )
        kept, other = _show(self.kept), _show(self.lost)
        return f"{self.what} · {self.field_label}: kept {kept}; {self.lost_on} had {other}"


def _show(value: Any) -> str:
    text = "(empty)" if value in (None, "") else str(value)
    text = " ".join(text.split())
    return f"“{text[:80]}…”" if len(text) > 80 else f"“{text}”"


def _what(table: str, values: dict[str, Any]) -> str:
    label, field = RECORD_LABELS.get(table, (table.capitalize(), ""))
    shown = values.get(field) if field else None
    if field == "date" and shown:
        day = dt.date.fromisoformat(str(shown)[:10])
        return f"{label} of {day.day} {day:%B %Y}"
    return f"{label} “{shown}”" if shown else label


def list_conflicts(journal: Any, *, names: dict[str, str] | None = None) -> list[ConflictView]:
    """Every unresolved conflict, newest loser first."""
    names = names or {}
    connection = journal.engine.raw_connection()
    try:
        rows = connection.execute(
            "SELECT uuid, field, tbl, kept_value, lost_value, lost_device FROM sync_conflict "
            "ORDER BY lost_hlc DESC"
        ).fetchall()
        views = []
        for record, field, table, kept, lost, device in rows:
            values = {
                name: value for name, (value, _op) in merged_fields(connection, record).items()
            }
            views.append(
                ConflictView(
                    record=str(record),
                    field=str(field),
                    what=_what(str(table), values),
                    field_label=str(field).replace("_", " ").capitalize(),
                    kept=json.loads(kept) if kept is not None else None,
                    lost=json.loads(lost) if lost is not None else None,
                    lost_on=names.get(str(device), "another laptop"),
                    deleted_elsewhere=field in (DELETED, "deleted_at"),
                )
            )
        return views
    finally:
        connection.close()


def resolve_conflict(journal: Any, *, record: str, field: str, keep: str) -> None:
    """Settle one conflict: ``keep`` is "kept" (the value shown) or "other" (the one that lost).

    The choice is itself an operation that has seen both values, so every laptop settles
    the same way once it takes it in.
    """
    if keep not in ("kept", "other"):
        raise SyncError("Choose which value to keep: the one shown, or the other laptop's.")
    connection = journal.engine.raw_connection()
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            _resolve(connection, record, field, keep)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    finally:
        connection.close()


def _resolve(connection: Any, record: str, field: str, keep: str) -> None:
    rows = connection.execute(
        "SELECT tbl, kept_value, kept_op, lost_value, lost_op FROM sync_conflict "
        "WHERE uuid = ? AND field = ?",
        (record, field),
    ).fetchall()
    if not rows:
        raise SyncError("That conflict was resolved already (perhaps on another laptop).")
    table = str(rows[0][0])
    chosen = rows[0][1] if keep == "kept" else rows[0][3]
    value = json.loads(chosen) if chosen is not None else None
    heads = sorted({str(r[2]) for r in rows} | {str(r[4]) for r in rows})
    base = {name: [op_id] for name, (_value, op_id) in merged_fields(connection, record).items()}
    base[field] = heads
    device = str(state(connection, "device"))
    stamp = hlc.next_stamp(state(connection, "hlc"), device=device, wall=hlc.wall_millis())
    store_operation(
        connection,
        Operation(uuid.uuid4().hex, stamp, device, table, record, {field: value}, base),
    )
    set_state(connection, "hlc", stamp)
    apply_records(connection, {record})
