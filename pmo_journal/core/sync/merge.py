"""The merge: what a record holds, as a pure function of the set of its operations.

Each operation writes some fields of one record and names, for every field, the
operations whose values its writer had (its *base*). For a field, the operations that no
later writer of that field had seen are its *heads*: one head is the ordinary case; two
or more are concurrent edits. The newest head (by hybrid logical clock) wins and every
other head's value is kept as a conflict for the user to resolve. An edit that the
delete's writer had not seen brings a deleted record back, flagged, so nothing is lost
silently. Order of arrival, duplicates and which laptop computes it change nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

DELETED = "__deleted__"
# Book-keeping fields that every edit writes: the newest value wins without a conflict.
QUIET_FIELDS = frozenset({"updated_at"})


@dataclass(frozen=True)
class Operation:
    op_id: str
    hlc: str
    device: str
    table: str
    uuid: str
    fields: dict[str, Any]
    base: dict[str, list[str]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "op": self.op_id,
            "hlc": self.hlc,
            "device": self.device,
            "table": self.table,
            "uuid": self.uuid,
            "fields": self.fields,
            "base": self.base,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Operation:
        return cls(
            op_id=str(data["op"]),
            hlc=str(data["hlc"]),
            device=str(data["device"]),
            table=str(data["table"]),
            uuid=str(data["uuid"]),
            fields=dict(data["fields"]),
            base={str(k): [str(v) for v in vs] for k, vs in dict(data.get("base", {})).items()},
        )


@dataclass(frozen=True)
class Conflict:
    """A value that lost to a concurrent edit of the same field, kept for the user."""

    field: str
    kept_value: Any
    kept_op: str
    lost_value: Any
    lost_op: str
    lost_device: str
    lost_hlc: str


@dataclass
class MergedRecord:
    table: str
    uuid: str
    values: dict[str, Any]
    winners: dict[str, str]
    conflicts: list[Conflict]
    brought_back: bool = False

    @property
    def deleted(self) -> bool:
        return bool(self.values.get(DELETED))


def _ancestors(ops: dict[str, Operation]) -> dict[str, set[str]]:
    """For each operation, every operation of the record its writer had seen."""
    found: dict[str, set[str]] = {}

    def visit(op_id: str) -> set[str]:
        if op_id in found:
            return found[op_id]
        found[op_id] = set()  # guards against a (malformed) cycle
        seen: set[str] = set()
        for parents in ops[op_id].base.values():
            for parent in parents:
                if parent in ops and parent not in seen:
                    seen.add(parent)
                    seen |= visit(parent)
        found[op_id] = seen
        return seen

    for op_id in ops:
        visit(op_id)
    return found


def _is_deleting(name: str, value: Any) -> bool:
    return (name == DELETED and bool(value)) or (name == "deleted_at" and value is not None)


def merge_record(operations: Iterable[Operation]) -> MergedRecord:
    """What the record holds once every operation in ``operations`` is taken into account."""
    ops = {op.op_id: op for op in operations}
    if not ops:
        raise ValueError("a record needs at least one operation")
    first = next(iter(ops.values()))
    seen = _ancestors(ops)
    writers: dict[str, list[Operation]] = {}
    for op in ops.values():
        for name in op.fields:
            writers.setdefault(name, []).append(op)
    values: dict[str, Any] = {}
    winners: dict[str, str] = {}
    conflicts: list[Conflict] = []
    for name, candidates in writers.items():
        heads = [
            op
            for op in candidates
            if not any(op.op_id in seen[other.op_id] for other in candidates if other is not op)
        ]
        heads.sort(key=lambda op: (op.hlc, op.op_id))
        winner = heads[-1]
        values[name] = winner.fields[name]
        winners[name] = winner.op_id
        if name in QUIET_FIELDS:
            continue
        for loser in heads[:-1]:
            if loser.fields[name] != winner.fields[name]:
                conflicts.append(
                    Conflict(
                        name,
                        winner.fields[name],
                        winner.op_id,
                        loser.fields[name],
                        loser.op_id,
                        loser.device,
                        loser.hlc,
                    )
                )
    merged = MergedRecord(first.table, first.uuid, values, winners, conflicts)
    _bring_back_edited(merged, ops, seen)
    return merged


def _bring_back_edited(
    merged: MergedRecord, ops: dict[str, Operation], seen: dict[str, set[str]]
) -> None:
    """An edit the deleting laptop had not seen undoes the delete, and says so."""
    for name in (DELETED, "deleted_at"):
        if name not in merged.values or not _is_deleting(name, merged.values[name]):
            continue
        deleter = ops[merged.winners[name]]
        unseen_edits = [
            op
            for op in ops.values()
            if op is not deleter
            and op.op_id not in seen[deleter.op_id]
            and deleter.op_id not in seen[op.op_id]
            and any(f not in QUIET_FIELDS and f not in (DELETED, "deleted_at") for f in op.fields)
        ]
        if not unseen_edits:
            continue
        edit = max(unseen_edits, key=lambda op: (op.hlc, op.op_id))
        kept = False if name == DELETED else None
        merged.conflicts = [c for c in merged.conflicts if c.field != name]
        merged.conflicts.append(
            Conflict(
                name,
                kept,
                edit.op_id,
                merged.values[name],
                deleter.op_id,
                deleter.device,
                deleter.hlc,
            )
        )
        merged.values[name] = kept
        merged.brought_back = True
