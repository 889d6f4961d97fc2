"""Laptops for sync tests: real journal files sharing one real folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pmo_journal.core.storage.db import Journal
from pmo_journal.core.sync import enable_sync, sync_round
from pmo_journal.core.sync.rows import encode, identity
from pmo_journal.core.sync.tables import sync_tables, travels
from tests.journal_template import JournalTemplate


def open_laptop(folder: Path, name: str, *, passphrase: str | None = None) -> Journal:
    path = folder / f"{name}.db"
    if not path.exists():
        JournalTemplate.shared().copy_to(path)
    journal = Journal.open(path, auto_backup=False, passphrase=passphrase)
    return journal


def join(journal: Journal, shared: Path, name: str) -> None:
    enable_sync(journal, folder=shared, device_name=name)


def state_of(journal: Journal) -> dict[str, list[str]]:
    """Everything that travels, named by uuid instead of local ids: equal on converged laptops."""
    connection = journal.engine.raw_connection()
    try:
        dump: dict[str, list[str]] = {}
        for table in sync_tables():
            cursor = connection.execute(f"SELECT * FROM {table.name}")
            names = [d[0] for d in cursor.description]
            rows = []
            for values in cursor.fetchall():
                row = dict(zip(names, values, strict=True))
                if not travels(table, row):
                    continue
                fields = encode(connection, table, row)
                rows.append(json.dumps([identity(table, row, fields), fields], sort_keys=True))
            dump[table.name] = sorted(rows)
        return dump
    finally:
        connection.close()


def sync_all(*journals: Journal, rounds: int = 2) -> None:
    for _ in range(rounds):
        for journal in journals:
            sync_round(journal)


def conflicts(journal: Journal) -> list[tuple[Any, ...]]:
    connection = journal.engine.raw_connection()
    try:
        return connection.execute(
            "SELECT tbl, field, kept_value, lost_value FROM sync_conflict ORDER BY tbl, field"
        ).fetchall()
    finally:
        connection.close()
