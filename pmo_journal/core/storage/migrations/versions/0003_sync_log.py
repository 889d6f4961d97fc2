"""Sync's book-keeping: the operation log, the merged state per field, what changed locally.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:00:00

The triggers that mark changed rows are not made here: sync makes them when it is turned
on, from the tables the journal has then, so a table added by a later migration (or one
rebuilt by a migration, which drops its triggers) is covered without a list to keep.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = [
    # This laptop's sync settings: device id and name, folder, the newest clock seen.
    "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # Every operation this journal knows, its own and the other laptops'. seq is the
    # segment an own operation was published in (NULL until published).
    "CREATE TABLE sync_op (op_id TEXT PRIMARY KEY, hlc TEXT NOT NULL, device TEXT NOT NULL, "
    "tbl TEXT NOT NULL, uuid TEXT NOT NULL, fields TEXT NOT NULL, base TEXT NOT NULL, "
    "seq INTEGER)",
    "CREATE INDEX ix_sync_op_uuid ON sync_op (uuid)",
    "CREATE INDEX ix_sync_op_unpublished ON sync_op (seq) WHERE seq IS NULL",
    # Which local row (table and key) is which record.
    "CREATE TABLE sync_row (tbl TEXT NOT NULL, key TEXT NOT NULL, uuid TEXT NOT NULL, "
    "PRIMARY KEY (tbl, key))",
    "CREATE INDEX ix_sync_row_uuid ON sync_row (uuid)",
    # The merged value of each field of each record (JSON), and the operation each came from.
    "CREATE TABLE sync_merged (uuid TEXT PRIMARY KEY, fields TEXT NOT NULL, winners TEXT NOT NULL)",
    # Rows written since the last round (filled by triggers in the writing transaction).
    "CREATE TABLE sync_dirty (tbl TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL, "
    "PRIMARY KEY (tbl, key))",
    # Segment files taken in (or written) already.
    "CREATE TABLE sync_seen (device TEXT NOT NULL, name TEXT NOT NULL, seq INTEGER NOT NULL, "
    "PRIMARY KEY (device, name))",
    # Records whose operations could not be applied yet (a reference not arrived yet).
    "CREATE TABLE sync_pending (uuid TEXT PRIMARY KEY, tbl TEXT NOT NULL, reason TEXT NOT NULL)",
    # Values that lost to a concurrent edit, kept until the user resolves them.
    "CREATE TABLE sync_conflict (uuid TEXT NOT NULL, field TEXT NOT NULL, tbl TEXT NOT NULL, "
    "kept_value TEXT, kept_op TEXT NOT NULL, lost_value TEXT, lost_op TEXT NOT NULL, "
    "lost_device TEXT NOT NULL, lost_hlc TEXT NOT NULL, PRIMARY KEY (uuid, field, lost_op))",
    # The laptops seen in the folder.
    "CREATE TABLE sync_device (device TEXT PRIMARY KEY, name TEXT NOT NULL, "
    "last_hlc TEXT, last_seen TEXT)",
]


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)


def downgrade() -> None:
    for name in (
        "sync_device",
        "sync_conflict",
        "sync_pending",
        "sync_seen",
        "sync_dirty",
        "sync_merged",
        "sync_row",
        "sync_op",
        "sync_state",
    ):
        op.execute(f"DROP TABLE IF EXISTS {name}")
