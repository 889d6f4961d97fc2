"""This laptop's side of the log: marking changed rows, and turning them into operations.

Triggers mark every insert, update and delete of a travelling table in ``sync_dirty``,
inside the transaction that writes the row, so no write path (editor, import, undo,
restore, a script) can skip sync. At the start of each round the marks become
operations: each marked row is compared with the merged state (``sync_merged``) and the
fields that differ are one operation, stamped by the hybrid logical clock at that round
(the app runs a round a few seconds after each save).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from pmo_journal.core.sync import hlc
from pmo_journal.core.sync.merge import DELETED, Operation
from pmo_journal.core.sync.rows import dumps, encode, identity, key_text, read_row
from pmo_journal.core.sync.tables import SyncTable, by_name, sync_tables, travels

NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"


# ---------------------------------------------------------------- settings of this laptop
def state(connection: Any, key: str) -> str | None:
    row = connection.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_state(connection: Any, key: str, value: str | None) -> None:
    if value is None:
        connection.execute("DELETE FROM sync_state WHERE key = ?", (key,))
    else:
        connection.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


# ---------------------------------------------------------------- triggers
def _trigger_names(table: SyncTable) -> tuple[str, str, str]:
    return (
        f"sync_mark_insert_{table.name}",
        f"sync_mark_update_{table.name}",
        f"sync_mark_delete_{table.name}",
    )


def _mark(table: SyncTable, prefix: str) -> str:
    return (
        f"INSERT OR REPLACE INTO sync_dirty (tbl, key, at) "
        f"VALUES ('{table.name}', {table.key_sql(prefix)}, {NOW_MS});"
    )


def install_triggers(connection: Any) -> int:
    """Make the marking triggers that are missing; mark every row of a table that had none.

    Returns how many tables got triggers. A migration that rebuilds a table drops its
    triggers, so its rows are marked again and compared with the merged state: only
    real differences become operations.
    """
    existing = {
        row[0]
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    installed = 0
    for table in sync_tables():
        if table.name not in tables:
            continue
        insert, update, delete = _trigger_names(table)
        if {insert, update, delete} <= existing:
            continue
        for name in (insert, update, delete):
            connection.execute(f"DROP TRIGGER IF EXISTS {name}")
        connection.execute(
            f"CREATE TRIGGER {insert} AFTER INSERT ON {table.name} BEGIN {_mark(table, 'NEW')} END"
        )
        connection.execute(
            f"CREATE TRIGGER {update} AFTER UPDATE ON {table.name} BEGIN "
            f"{_mark(table, 'OLD')} {_mark(table, 'NEW')} END"
        )
        connection.execute(
            f"CREATE TRIGGER {delete} AFTER DELETE ON {table.name} BEGIN {_mark(table, 'OLD')} END"
        )
        _mark_table(connection, table)
        installed += 1
    if installed:
        plant_genesis(connection)
    return installed


def _mark_table(connection: Any, table: SyncTable) -> None:
    connection.execute(
        f"INSERT OR REPLACE INTO sync_dirty (tbl, key, at) "
        f"SELECT '{table.name}', {table.key_sql(table.name)}, {NOW_MS} FROM {table.name}"
    )


def mark_every_row(connection: Any) -> None:
    """Mark every row of every travelling table, to be compared with the merged state."""
    for table in sync_tables():
        _mark_table(connection, table)


def local_identities(connection: Any) -> set[str]:
    """The uuid of every travelling row this journal holds (and which local row it is)."""
    found: set[str] = set()
    for table in sync_tables():
        cursor = connection.execute(f"SELECT * FROM {table.name}")
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            if not travels(table, row):
                continue
            record = identity(table, row, encode(connection, table, row))
            connection.execute(
                "INSERT OR REPLACE INTO sync_row (tbl, key, uuid) VALUES (?, ?, ?)",
                (table.name, key_text(connection, [row[c] for c in table.key]), record),
            )
            found.add(record)
    return found


def drop_triggers(connection: Any) -> None:
    for table in sync_tables():
        for name in _trigger_names(table):
            connection.execute(f"DROP TRIGGER IF EXISTS {name}")
    connection.execute("DELETE FROM sync_dirty")


# ---------------------------------------------------------------- merged state
def merged_fields(connection: Any, record: str) -> dict[str, tuple[Any, str]]:
    """The merged value of each field of ``record``, with the operation it came from."""
    row = connection.execute(
        "SELECT fields, winners FROM sync_merged WHERE uuid = ?", (record,)
    ).fetchone()
    if row is None:
        return {}
    values, winners = json.loads(row[0]), json.loads(row[1])
    return {name: (values[name], str(winners[name])) for name in values}


def store_operation(connection: Any, op: Operation, *, seq: int | None = None) -> bool:
    """Keep ``op`` in the log; False when it was there already (duplicates are harmless)."""
    cursor = connection.execute(
        "INSERT OR IGNORE INTO sync_op (op_id, hlc, device, tbl, uuid, fields, base, seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (op.op_id, op.hlc, op.device, op.table, op.uuid, dumps(op.fields), dumps(op.base), seq),
    )
    return bool(cursor.rowcount)


def operations_by_record(connection: Any, records: set[str]) -> dict[str, list[Operation]]:
    """The operations of each of ``records``, read in a few queries rather than one each."""
    found: dict[str, list[Operation]] = {record: [] for record in records}
    ordered = sorted(records)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        for op_id, stamp, device, table, record, fields, base in connection.execute(
            "SELECT op_id, hlc, device, tbl, uuid, fields, base FROM sync_op "
            f"WHERE uuid IN ({', '.join('?' for _ in chunk)})",
            chunk,
        ):
            found[record].append(
                Operation(op_id, stamp, device, table, record, json.loads(fields), json.loads(base))
            )
    return {record: ops for record, ops in found.items() if ops}


def write_merged(
    connection: Any,
    record: str,
    values: dict[str, Any],
    winners: dict[str, str],
    *,
    whole: bool = False,
) -> None:
    """Keep the merged state of ``record``: all of it (``whole``) or the fields given."""
    if not whole:
        known = merged_fields(connection, record)
        values = {**{k: v for k, (v, _op) in known.items()}, **values}
        winners = {**{k: op for k, (_v, op) in known.items()}, **winners}
    connection.execute(
        "INSERT OR REPLACE INTO sync_merged (uuid, fields, winners) VALUES (?, ?, ?)",
        (record, dumps(values), dumps(winners)),
    )


# ---------------------------------------------------------------- local changes
def record_local_changes(connection: Any, *, device: str) -> int:
    """Turn the rows marked since the last round into operations; returns how many."""
    marked = connection.execute("SELECT tbl, key FROM sync_dirty ORDER BY at").fetchall()
    last = state(connection, "hlc")
    wall = hlc.wall_millis()
    made = 0
    for table_name, key in marked:
        table = by_name().get(str(table_name))
        if table is None:
            continue
        op = _operation_for(connection, table, str(key), device=device, last=last, at=wall)
        if op is not None:
            store_operation(connection, op)
            write_merged(connection, op.uuid, op.fields, {name: op.op_id for name in op.fields})
            last = op.hlc
            made += 1
    connection.execute("DELETE FROM sync_dirty")
    if last is not None:
        set_state(connection, "hlc", last)
    return made


def _operation_for(
    connection: Any, table: SyncTable, key: str, *, device: str, last: str | None, at: int
) -> Operation | None:
    row = read_row(connection, table, json.loads(key))
    known = connection.execute(
        "SELECT uuid FROM sync_row WHERE tbl = ? AND key = ?", (table.name, key)
    ).fetchone()
    if row is None:
        if known is None:
            return None
        record = str(known[0])
        merged = merged_fields(connection, record)
        if merged.get(DELETED, (False, ""))[0]:
            return None
        changed: dict[str, Any] = {DELETED: True}
    else:
        if not travels(table, row):
            return None
        fields = encode(connection, table, row)
        record = identity(table, row, fields)
        connection.execute(
            "INSERT OR REPLACE INTO sync_row (tbl, key, uuid) VALUES (?, ?, ?)",
            (table.name, key_text(connection, [row[c] for c in table.key]), record),
        )
        merged = merged_fields(connection, record)
        changed = {
            name: value
            for name, value in fields.items()
            if name not in merged or merged[name][0] != value
        }
        if merged.get(DELETED, (False, ""))[0]:
            changed[DELETED] = False
    if not changed:
        return None
    return Operation(
        op_id=uuid.uuid4().hex,
        hlc=hlc.next_stamp(last, device=device, wall=at),
        device=device,
        table=table.name,
        uuid=record,
        fields=changed,
        base={name: [op_id] for name, (_value, op_id) in merged.items()},
    )


# ---------------------------------------------------------------- what every journal starts with
GENESIS_STAMP = hlc.Stamp(0, 0, "genesis").spelled()


def plant_genesis(connection: Any) -> None:
    """The seeded skills as operations every laptop makes identically and never publishes.

    Each journal seeds the same skills with the same uuids. Were each laptop's copy an
    edit of its own, joining a new laptop would put its untouched defaults up against
    the changes made on the others (a target level, say). As one shared first
    operation, the seeds are the base every later change is made on.
    """
    from sqlalchemy import create_engine
    from sqlmodel import Session

    from pmo_journal.core.models import Skill
    from pmo_journal.core.storage.db import catalogue_skills

    engine = create_engine("sqlite://")
    Skill.__table__.create(engine)  # type: ignore[attr-defined]
    with Session(engine) as session:
        session.add_all(catalogue_skills())
        session.commit()
    raw = engine.raw_connection()
    table = by_name()["skill"]
    try:
        cursor = raw.execute("SELECT * FROM skill")
        names = [d[0] for d in cursor.description]
        seeds = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    finally:
        raw.close()
        engine.dispose()
    for row in seeds:
        fields = {name: row[name] for name in table.fields}
        record = str(row["uuid"])
        op = Operation(
            op_id=uuid.uuid5(uuid.NAMESPACE_URL, f"pmo-journal-genesis|{record}").hex,
            hlc=GENESIS_STAMP,
            device="genesis",
            table=table.name,
            uuid=record,
            fields=fields,
        )
        if store_operation(connection, op, seq=0) and not merged_fields(connection, record):
            write_merged(connection, record, op.fields, {name: op.op_id for name in op.fields})
