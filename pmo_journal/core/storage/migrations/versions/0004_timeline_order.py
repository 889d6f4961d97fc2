"""Indexes in the timeline's order: every page of the journal is read from an index.

The journal lists entries newest first and continues each page from the key of the
last one, ``(date, id)``; these partial indexes hold exactly the rows it lists (not
deleted), so the first and the last page of a long journal cost the same. The PMO
readiness checklist asks for the newest entries with given people and the latest done
assignment of each kind; three more indexes answer those without reading every row.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DATE_COLUMNS = {
    "mentorsession": "date",
    "helperassignment": "start_date",
    "skillreflection": "date",
}

# name: table and columns
READINESS = {
    "ix_mentorsession_mentor": "mentorsession (mentor_id, date, id)",
    "ix_helperassignment_leader": "helperassignment (leader_id, start_date, id)",
    "ix_helperassignment_done": "helperassignment (status, kind, start_date, id)",
}


def upgrade() -> None:
    for table, date in DATE_COLUMNS.items():
        op.execute(
            f"CREATE INDEX ix_{table}_timeline ON {table} ({date}, id) WHERE deleted_at IS NULL"
        )
    for name, columns in READINESS.items():
        op.execute(f"CREATE INDEX {name} ON {columns} WHERE deleted_at IS NULL")


def downgrade() -> None:
    for name in READINESS:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for table in DATE_COLUMNS:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_timeline")
