"""Covering indexes for the dashboard: "All time" reads narrow indexes, not every row.

The dashboard counts and sums every entry of a long journal (ratings per skill and day,
sessions per month, helper hours per kind, the gaps between mentor sessions). Read from
the tables, each such pass reads every entry's texts as well; these partial indexes hold
just the columns those aggregates need (and the private flags the disclosure rule reads),
so a pass over 100,000 entries reads a few megabytes. The two people indexes of 0004
gain the same columns in place (their order kept).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 16:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# name: table and columns (``deleted_at`` is listed so that the index covers the query)
CHARTS = {
    "ix_skillreflection_chart": "skillreflection (date, skill_id, rating, private, deleted_at)",
    "ix_mentorsession_chart": "mentorsession (date, mentor_id, private, deleted_at)",
    "ix_helperassignment_chart": (
        "helperassignment (start_date, status, kind, hours, private, leader_id, deleted_at)"
    ),
}
# The people indexes of 0004, in place, with the columns that make them cover the
# dashboard's cadence and each person's entry count: name: (before, after).
WIDENED = {
    "ix_mentorsession_mentor": (
        "mentorsession (mentor_id, date, id)",
        "mentorsession (mentor_id, date, id, private, deleted_at)",
    ),
    "ix_helperassignment_leader": (
        "helperassignment (leader_id, start_date, id)",
        "helperassignment (leader_id, start_date, id, private, deleted_at)",
    ),
}


def upgrade() -> None:
    for name, columns in CHARTS.items():
        op.execute(f"CREATE INDEX {name} ON {columns} WHERE deleted_at IS NULL")
    for name, (_before, after) in WIDENED.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON {after} WHERE deleted_at IS NULL")


def downgrade() -> None:
    for name, (before, _after) in WIDENED.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON {before} WHERE deleted_at IS NULL")
    for name in CHARTS:
        op.execute(f"DROP INDEX IF EXISTS {name}")
