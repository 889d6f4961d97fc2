"""The rows one transaction writes, as they were before it and after it, and putting them back.

While a user action runs, temporary triggers note the first state of every row it
inserts, updates or deletes (a cascade's rows too); when it ends, the rows' new state is
read beside it. Values are kept as SQLite's own literals (``quote()``), so text, numbers,
blobs and dates come back byte for byte. The journal's own triggers (the search index,
sync's change marks) fire when rows are put back, so both follow an undo like any write.

A row of a table that keeps its deleted rows (``deleted_at``) is never removed when a
state is put back: it is marked deleted, the way the journal deletes, and whatever it
refers to stays so it can come back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, Table, text
from sqlmodel import SQLModel

from pmo_journal.core import models  # noqa: F401  (registers every table on the metadata)
from pmo_journal.core.clock import utcnow

# What an undo never touches: unsaved editor drafts, and the schema's revision.
UNRECORDED = frozenset({"editordraft", "alembic_version"})
# Unqualified inside the triggers (SQLite forbids it), where the temporary table is found first.
LOG = "pmo_row_log"
TRIGGER_PREFIX = "pmo_row_log_"


@dataclass(frozen=True)
class RowChange:
    """One row a transaction wrote: its table, its key and its whole row before and after,
    as SQL literals (None: the row did not exist)."""

    table: str
    key: tuple[str, ...]
    before: tuple[str, ...] | None
    after: tuple[str, ...] | None


@cache
def _tables() -> tuple[Table, ...]:
    """The recorded tables, parents before the rows that point at them."""
    return tuple(t for t in SQLModel.metadata.sorted_tables if t.name not in UNRECORDED)


@cache
def _by_name() -> dict[str, Table]:
    return {table.name: table for table in _tables()}


def _quoted(table: Table, prefix: str, columns: Iterable[str]) -> str:
    names = ", ".join(f'quote({prefix}."{name}")' for name in columns)
    return f"json_array({names})"


def _key_columns(table: Table) -> list[str]:
    return [column.name for column in table.primary_key.columns]


def _row_columns(table: Table) -> list[str]:
    return [column.name for column in table.columns]


def _note(table: Table, prefix: str, *, with_row: bool) -> str:
    before = _quoted(table, prefix, _row_columns(table)) if with_row else "NULL"
    key = _quoted(table, prefix, _key_columns(table))
    return (
        f"INSERT OR IGNORE INTO {LOG} (tbl, key, before) VALUES ('{table.name}', {key}, {before});"
    )


def _triggers(table: Table) -> list[str]:
    name = f"{TRIGGER_PREFIX}{table.name}"
    on = f'main."{table.name}"'
    return [
        f"CREATE TEMP TRIGGER {name}_i AFTER INSERT ON {on} BEGIN "
        f"{_note(table, 'NEW', with_row=False)} END",
        # The old key holds the old row; a key the update gave the row did not exist.
        f"CREATE TEMP TRIGGER {name}_u AFTER UPDATE ON {on} BEGIN "
        f"{_note(table, 'OLD', with_row=True)} {_note(table, 'NEW', with_row=False)} END",
        f"CREATE TEMP TRIGGER {name}_d AFTER DELETE ON {on} BEGIN "
        f"{_note(table, 'OLD', with_row=True)} END",
    ]


def start(connection: Connection) -> None:
    """Begin noting the rows written on ``connection`` (inside its transaction)."""
    connection.exec_driver_sql(
        f"CREATE TEMP TABLE {LOG} (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, "
        "key TEXT NOT NULL, before TEXT, UNIQUE (tbl, key))"
    )
    for table in _tables():
        for statement in _triggers(table):
            connection.exec_driver_sql(statement)


def finish(connection: Connection) -> tuple[RowChange, ...]:
    """Stop noting; every row written since :func:`start`, before and after, in order."""
    noted = connection.exec_driver_sql(f"SELECT tbl, key, before FROM {LOG} ORDER BY seq").all()
    for table in _tables():
        for suffix in ("i", "u", "d"):
            connection.exec_driver_sql(f"DROP TRIGGER temp.{TRIGGER_PREFIX}{table.name}_{suffix}")
    connection.exec_driver_sql(f"DROP TABLE temp.{LOG}")
    changes = []
    for name, key_text, before_text in noted:
        key = tuple(json.loads(key_text))
        before = tuple(json.loads(before_text)) if before_text is not None else None
        after = _current(connection, _by_name()[name], key)
        if before != after:
            changes.append(RowChange(name, key, before, after))
    return tuple(changes)


def _where(table: Table, key: tuple[str, ...]) -> str:
    # The key's values are SQLite's own literals, read back from quote().
    return " AND ".join(
        f'"{column}" = {value}' for column, value in zip(_key_columns(table), key, strict=True)
    )


def _current(connection: Connection, table: Table, key: tuple[str, ...]) -> tuple[str, ...] | None:
    values = _quoted(table, f'"{table.name}"', _row_columns(table))
    row = connection.exec_driver_sql(
        f'SELECT {values} FROM "{table.name}" WHERE {_where(table, key)}'
    ).first()
    return tuple(json.loads(row[0])) if row is not None else None


def put_back(connection: Connection, rows: Iterable[RowChange], *, after: bool) -> None:
    """Return ``rows`` to their state after the transaction (``after``) or before it.

    Foreign keys are checked when the transaction commits, so rows may be put back in any
    order; rows that go are removed children first, rows that come back written parents
    first.
    """
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    rows = list(rows)
    order = {table.name: index for index, table in enumerate(_tables())}
    rows.sort(key=lambda row: order[row.table])
    targets = [(row, row.after if after else row.before) for row in rows]
    kept = _kept(connection, [row for row, target in targets if target is None])
    for row, target in reversed(targets):
        if target is None:
            if (row.table, row.key) in kept:
                _mark_deleted(connection, row)
            else:
                _remove(connection, row)
    for row, target in targets:
        if target is not None:
            _write(connection, row, target)


def _keeps_deleted(table: Table) -> bool:
    return "deleted_at" in table.columns


def _kept(connection: Connection, going: list[RowChange]) -> set[tuple[str, tuple[str, ...]]]:
    """The going rows that stay, marked deleted: those of tables that keep deleted rows, and
    every going row they refer to (a mentor added with a session stays for it to return)."""
    kept = {(row.table, row.key) for row in going if _keeps_deleted(_by_name()[row.table])}
    by_key = {(row.table, row.key): row for row in going}
    pending = [row for row in going if (row.table, row.key) in kept]
    while pending:
        row = pending.pop()
        table = _by_name()[row.table]
        current = _current(connection, table, row.key)
        if current is None:
            continue
        values = dict(zip(_row_columns(table), current, strict=True))
        for fk in table.foreign_keys:
            referred = (fk.column.table.name, (values[fk.parent.name],))
            if referred in by_key and referred not in kept:
                kept.add(referred)
                pending.append(by_key[referred])
    return kept


def _remove(connection: Connection, row: RowChange) -> None:
    table = _by_name()[row.table]
    connection.exec_driver_sql(f'DELETE FROM "{table.name}" WHERE {_where(table, row.key)}')


def _mark_deleted(connection: Connection, row: RowChange) -> None:
    table = _by_name()[row.table]
    if not _keeps_deleted(table):
        return  # a row kept for a deleted one to refer to
    now = utcnow()
    statement = table.update().where(text(_where(table, row.key)))
    connection.execute(statement.values(deleted_at=now, updated_at=now))


def _write(connection: Connection, row: RowChange, values: tuple[str, ...]) -> None:
    table = _by_name()[row.table]
    columns = _row_columns(table)
    if _current(connection, table, row.key) is None:
        names = ", ".join(f'"{column}"' for column in columns)
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join(values)})'
        )
        return
    assignments = ", ".join(
        f'"{column}" = {value}' for column, value in zip(columns, values, strict=True)
    )
    connection.exec_driver_sql(
        f'UPDATE "{table.name}" SET {assignments} WHERE {_where(table, row.key)}'
    )
