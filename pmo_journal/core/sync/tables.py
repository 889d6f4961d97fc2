"""Which tables travel between laptops, and how a row is named the same on every laptop.

A row's local integer id differs from laptop to laptop, so sync names every row by a
uuid: its own ``uuid`` column where the table has one, otherwise a uuid derived from its
key (link rows from the uuids they link, settings from their key). References between
rows travel as the referenced row's uuid and are turned back into local ids on arrival.
The specs are read from the models' metadata, so a table added by a later migration
travels without a list to update here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlmodel import SQLModel

from pmo_journal.core import models  # noqa: F401  (registers every table on the metadata)
from pmo_journal.core.entry_kinds import ENTRY_KINDS

# Tables that belong to one laptop only: unsaved editor drafts and sync's own book-keeping.
LOCAL_TABLES = frozenset({"editordraft", "alembic_version"})
# Settings each journal keeps for itself: never synced, exported or imported.
LOCAL_SETTING_PREFIXES = ("sync.", "journal.")
DERIVED_NAMESPACE = uuid.UUID("3b0f6a4e-0c56-4c8e-8a0e-6d2f1f7c9b21")
# An entry named by kind and id (goal evidence, a PDU claim's source): the kind says
# which table the id points into.
KIND_TABLES = {
    **{kind.value: spec.table_name for kind, spec in ENTRY_KINDS.items()},
    "pdu_claim": "pduclaim",
}
POLYMORPHIC_REFERENCES = {
    ("goalevidence", "entry_id"): "entry_kind",
    ("pduclaim", "source_id"): "source_kind",
    ("attachment", "entry_id"): "entry_kind",
}


@dataclass(frozen=True)
class SyncTable:
    """One table that travels: its key, the columns that travel and where references point."""

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    has_uuid: bool
    # column -> referenced table (whose ``id`` it holds)
    references: dict[str, str] = field(default_factory=dict)
    # column -> the column naming the kind of entry it points to
    polymorphic: dict[str, str] = field(default_factory=dict)
    order: int = 0

    @property
    def local_id(self) -> bool:
        """True when the key is a local integer id that doesn't travel."""
        return self.key == ("id",) and self.has_uuid

    @property
    def fields(self) -> tuple[str, ...]:
        """The columns whose values travel (a local id stays home)."""
        return tuple(c for c in self.columns if not (self.local_id and c == "id"))

    def key_sql(self, prefix: str) -> str:
        """SQL for this row's key as a JSON array, e.g. ``json_array(NEW.id)``."""
        return "json_array(" + ", ".join(f"{prefix}.{c}" for c in self.key) + ")"


@cache
def sync_tables() -> tuple[SyncTable, ...]:
    """Every table that travels, parents before the rows that point at them."""
    specs = []
    for order, table in enumerate(SQLModel.metadata.sorted_tables):
        if table.name in LOCAL_TABLES:
            continue
        references = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
        polymorphic = {
            column: kind
            for (name, column), kind in POLYMORPHIC_REFERENCES.items()
            if name == table.name and column in table.columns
        }
        specs.append(
            SyncTable(
                name=table.name,
                key=tuple(column.name for column in table.primary_key.columns),
                columns=tuple(column.name for column in table.columns),
                has_uuid="uuid" in table.columns,
                references=references,
                polymorphic=polymorphic,
                order=order,
            )
        )
    return tuple(specs)


@cache
def by_name() -> dict[str, SyncTable]:
    return {spec.name: spec for spec in sync_tables()}


def derived_uuid(table: str, parts: list[Any]) -> str:
    """The uuid of a row without a uuid column: the same on every laptop for the same key."""
    spelled = "|".join("" if part is None else str(part) for part in parts)
    return str(uuid.uuid5(DERIVED_NAMESPACE, f"{table}|{spelled}"))


def travels(table: SyncTable, row: dict[str, Any]) -> bool:
    """False for the few rows of a travelling table that stay on this laptop."""
    if table.name == "journalsetting":
        return not str(row.get("key", "")).startswith(LOCAL_SETTING_PREFIXES)
    return True
