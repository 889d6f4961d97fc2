"""Reading and writing one row as the fields that travel: local ids in, uuids out."""

from __future__ import annotations

import base64
import json
from typing import Any

from pmo_journal.core.sync.tables import KIND_TABLES, SyncTable, by_name, derived_uuid


class MissingReference(Exception):
    """A row points at a record this laptop doesn't have yet; it is applied later."""


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def key_text(connection: Any, values: list[Any]) -> str:
    """The key of a row spelled exactly as the triggers spell it (SQLite's json_array)."""
    if all(type(value) is int for value in values):
        return "[" + ",".join(str(value) for value in values) + "]"
    marks = ", ".join("?" for _ in values)
    return str(connection.execute(f"SELECT json_array({marks})", values).fetchone()[0])


def read_row(connection: Any, table: SyncTable, key: list[Any]) -> dict[str, Any] | None:
    where = " AND ".join(f"{column} = ?" for column in table.key)
    cursor = connection.execute(f"SELECT * FROM {table.name} WHERE {where}", key)
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def _target_table(table: SyncTable, column: str, row: dict[str, Any]) -> str | None:
    if column in table.references:
        return table.references[column]
    kind = row.get(table.polymorphic[column])
    return KIND_TABLES.get(str(kind)) if kind is not None else None


def _uuid_of(connection: Any, target: str, row_id: Any) -> str | None:
    found = connection.execute(f"SELECT uuid FROM {target} WHERE id = ?", (row_id,)).fetchone()
    return str(found[0]) if found else None


def _id_of(connection: Any, target: str, record: str) -> int:
    found = connection.execute(f"SELECT id FROM {target} WHERE uuid = ?", (record,)).fetchone()
    if found is None:
        raise MissingReference(f"{target} {record}")
    return int(found[0])


def encode(connection: Any, table: SyncTable, row: dict[str, Any]) -> dict[str, Any]:
    """The row's travelling fields: references as uuids, bytes as base64."""
    fields: dict[str, Any] = {}
    for column in table.fields:
        value = row.get(column)
        if value is not None and (column in table.references or column in table.polymorphic):
            target = _target_table(table, column, row)
            value = _uuid_of(connection, target, value) if target else None
        elif isinstance(value, bytes | memoryview):
            value = {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
        fields[column] = value
    return fields


def identity(table: SyncTable, row: dict[str, Any], fields: dict[str, Any]) -> str:
    """The record's uuid: its own column, or derived from its key as it travels."""
    if table.has_uuid:
        return str(row["uuid"])
    return derived_uuid(table.name, [fields.get(column) for column in table.key])


def decode(connection: Any, table: SyncTable, fields: dict[str, Any]) -> dict[str, Any]:
    """Column values for this laptop: uuids back to local ids (or MissingReference)."""
    row: dict[str, Any] = {}
    for column, value in fields.items():
        if column not in table.columns or (table.local_id and column == "id"):
            continue
        if value is not None and (column in table.references or column in table.polymorphic):
            target = _target_table(table, column, fields)
            if target is None or target not in by_name():
                value = None
            else:
                value = _id_of(connection, target, str(value))
        elif isinstance(value, dict) and "$bytes" in value:
            value = base64.b64decode(value["$bytes"])
        row[column] = value
    return row
