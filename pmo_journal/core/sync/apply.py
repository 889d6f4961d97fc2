"""Taking operations in: merge each touched record and write the result into its row."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from pmo_journal.core.sync.log import operations_by_record, write_merged
from pmo_journal.core.sync.merge import DELETED, MergedRecord, merge_record
from pmo_journal.core.sync.rows import MissingReference, decode, dumps, key_text
from pmo_journal.core.sync.tables import SyncTable, by_name


def integrity_errors() -> tuple[type[Exception], ...]:
    try:
        import sqlcipher3
    except ImportError:
        return (sqlite3.IntegrityError,)
    return (sqlite3.IntegrityError, sqlcipher3.IntegrityError)


def apply_records(connection: Any, records: Iterable[str]) -> int:
    """Merge and write every record in ``records`` (and any left pending before).

    A record that can't be written yet (it points at a record not arrived yet, or it
    lacks fields an insert needs) waits in ``sync_pending`` and is tried again at the
    next round. Returns how many records wait.
    """
    todo = set(records) | {
        str(row[0]) for row in connection.execute("SELECT uuid FROM sync_pending")
    }
    merged = [merge_record(ops) for ops in operations_by_record(connection, todo).values()]
    merged = [record for record in merged if record.table in by_name()]
    merged.sort(key=lambda record: by_name()[record.table].order)
    conflicted = {str(row[0]) for row in connection.execute("SELECT uuid FROM sync_conflict")}
    waiting: list[tuple[MergedRecord, str]] = []
    progress = True
    while merged and progress:
        progress = False
        waiting = []
        for record in merged:
            reason = _write(connection, record, conflicted)
            if reason is None:
                progress = True
            else:
                waiting.append((record, reason))
        merged = [record for record, _reason in waiting]
    connection.execute("DELETE FROM sync_pending")
    connection.executemany(
        "INSERT INTO sync_pending (uuid, tbl, reason) VALUES (?, ?, ?)",
        [(record.uuid, record.table, reason) for record, reason in waiting],
    )
    # The rows written here are the merged state already: they are not local edits.
    connection.execute("DELETE FROM sync_dirty")
    return len(waiting)


def _write(connection: Any, record: MergedRecord, conflicted: set[str]) -> str | None:
    """Write ``record`` into its row; the reason it has to wait, or None when written.

    A statement that fails changes nothing (SQLite undoes a failed statement whole), and
    a missing reference is found before anything is written, so no savepoint is needed.
    """
    table = by_name()[record.table]
    try:
        _write_row(connection, table, record)
    except MissingReference as missing:
        return f"waits for {missing}"
    except integrity_errors() as exc:
        return f"can't be written yet: {exc}"
    write_merged(connection, record.uuid, record.values, record.winners, whole=True)
    if record.uuid in conflicted:
        connection.execute("DELETE FROM sync_conflict WHERE uuid = ?", (record.uuid,))
    if record.conflicts:
        conflicted.add(record.uuid)
    if not record.conflicts:
        return None
    connection.executemany(
        "INSERT OR REPLACE INTO sync_conflict (uuid, field, tbl, kept_value, kept_op, "
        "lost_value, lost_op, lost_device, lost_hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                record.uuid,
                c.field,
                record.table,
                dumps(c.kept_value),
                c.kept_op,
                dumps(c.lost_value),
                c.lost_op,
                c.lost_device,
                c.lost_hlc,
            )
            for c in record.conflicts
        ],
    )
    return None


def _local_key(connection: Any, table: SyncTable, record: MergedRecord) -> list[Any] | None:
    if table.has_uuid:
        found = connection.execute(
            f"SELECT {', '.join(table.key)} FROM {table.name} WHERE uuid = ?", (record.uuid,)
        ).fetchone()
        return list(found) if found else None
    values = decode(connection, table, {c: record.values.get(c) for c in table.key})
    key = [values.get(column) for column in table.key]
    where = " AND ".join(f"{column} = ?" for column in table.key)
    exists = connection.execute(f"SELECT 1 FROM {table.name} WHERE {where}", key).fetchone()
    return key if exists else None


def _write_row(connection: Any, table: SyncTable, record: MergedRecord) -> None:
    key = _local_key(connection, table, record)
    if record.deleted:
        if key is not None:
            where = " AND ".join(f"{column} = ?" for column in table.key)
            connection.execute(f"DELETE FROM {table.name} WHERE {where}", key)
        return
    values = decode(connection, table, {k: v for k, v in record.values.items() if k != DELETED})
    if key is None:
        columns = list(values)
        cursor = connection.execute(
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [values[c] for c in columns],
        )
        key = [cursor.lastrowid] if table.local_id else [values.get(c) for c in table.key]
    else:
        where = " AND ".join(f"{column} = ?" for column in table.key)
        columns = [c for c in values if c not in table.key]
        if columns:
            connection.execute(
                f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in columns)} WHERE {where}",
                [values[c] for c in columns] + key,
            )
    connection.execute(
        "INSERT OR REPLACE INTO sync_row (tbl, key, uuid) VALUES (?, ?, ?)",
        (table.name, key_text(connection, key), record.uuid),
    )
