"""Adding many rows to one table at once: its search-index trigger and secondary indexes
set aside while the rows go in, then the index rows written in one statement and the
indexes built once, all inside the import's transaction.

Row by row, each insert fires the table's search-index trigger and updates every
secondary index, and at 100,000 entries those indexes outgrow the page cache: the import
grew faster than its size. Here the work done per row is the insert alone. What the
trigger would have written comes from the trigger's own SQL, read from the journal's
schema, so the index rows are the ones the trigger writes; a trigger not of the expected
shape leaves the table on the row-by-row path. If the import fails, the transaction's
rollback puts the trigger and indexes back with everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

#: Below this many new rows in one table, rows go in one by one with the trigger in place.
BULK_ROWS = 2000
#: The page cache of the import's connection (KiB): the uuid indexes' random inserts
#: stay in memory instead of spilling to the file and being read back.
IMPORT_CACHE_KIB = 262_144
#: How much new search-index data (bytes) is gathered in memory before it is written out
#: as a segment, while a table's index rows are written at once. At the default 1 MB,
#: 50,000 entries make dozens of segments that are merged again and again as they come
#: (the merging grew faster than the entries); this is an upper bound, not an allocation.
INDEX_BATCH_BYTES = 64 * 2**20
#: The search index's own value for it when its configuration does not name one.
INDEX_DEFAULT_BATCH_BYTES = 2**20

_FTS_INSERT = re.compile(
    r"^CREATE TRIGGER (?P<name>\w+_fts_insert) AFTER INSERT ON (?P<table>\w+) BEGIN "
    r"(?P<target>INSERT INTO entry_fts\(rowid, title, body\)) SELECT (?P<values>.+) "
    r"WHERE new\.deleted_at IS NULL; END$",
    re.DOTALL,
)


@contextmanager
def large_cache(connection: Any) -> Iterator[None]:
    """A page cache big enough for a large import, on this connection, for the block (a
    pooled connection of an encrypted journal goes back to the pool as it came)."""
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with suppress(DBAPIError):  # a broken connection is closed, not reused
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def index_batch(connection: Any) -> Iterator[None]:
    """The search index gathers up to :data:`INDEX_BATCH_BYTES` in memory for the block,
    then its configuration is put back as it was (no ``hashsize`` row if it had none)."""
    config = "SELECT v FROM entry_fts_config WHERE k = 'hashsize'"
    before = connection.exec_driver_sql(config).scalar()
    setting = "INSERT INTO entry_fts(entry_fts, rank) VALUES ('hashsize', ?)"
    connection.exec_driver_sql(setting, (INDEX_BATCH_BYTES,))
    yield
    connection.exec_driver_sql(setting, (INDEX_DEFAULT_BATCH_BYTES if before is None else before,))
    if before is None:
        connection.exec_driver_sql("DELETE FROM entry_fts_config WHERE k = 'hashsize'")


def _schema(connection: Any, table: str) -> list[tuple[str, str, str]]:
    rows = connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,),
    )
    return [(str(kind), str(name), str(sql)) for kind, name, sql in rows]


def _index_insert(table: str, trigger_sql: str) -> str | None:
    """The trigger's insert into the search index, for every live row of ``table`` with an
    id above ``:after``; None when the trigger is not of the expected shape."""
    match = _FTS_INSERT.match(trigger_sql.strip())
    if match is None or match["table"] != table:
        return None
    values = re.sub(r"\bnew\.", "t.", match["values"])
    return (
        f"{match['target']} SELECT {values} FROM {table} AS t "
        "WHERE t.deleted_at IS NULL AND t.id > :after ORDER BY 1"
    )


@contextmanager
def bulk_insert(connection: Any, table: str, rows: int) -> Iterator[None]:
    """Around inserting ``rows`` new rows into ``table``: with many rows, its search-index
    trigger and non-unique indexes are dropped first and rebuilt after (see the module's
    docstring). Unique indexes stay, so a duplicate is still refused as it goes in."""
    if rows < BULK_ROWS:
        yield
        return
    found = _schema(connection, table)
    triggers = [
        (name, sql, insert)
        for kind, name, sql in found
        if kind == "trigger" and (insert := _index_insert(table, sql)) is not None
    ]
    indexes = [
        (name, sql)
        for kind, name, sql in found
        if kind == "index" and not sql.upper().startswith("CREATE UNIQUE")
    ]
    after = connection.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").scalar()
    for name, _sql, _insert in triggers:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    with index_batch(connection):
        for _name, sql, insert in triggers:
            connection.execute(text(insert), {"after": after})
            connection.exec_driver_sql(sql)
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)
