"""The search index keeps its rows in the timeline's order: the date is in the rowid.

rowid = days << 42 | kind << 40 | id, with ``days`` the entry's date as a day number
(0001-01-01 is day 0) and ``kind`` its code (0 mentor session, 1 helper assignment,
2 skill reflection, 3 note). FTS5 returns hits in rowid order, so a search reads its
page newest first and stops after it, whatever the number of hits; a date range is a
rowid range. The index is rebuilt from the entries with the new rowids.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DAY_NUMBER = "CAST(julianday({date}) - 1721425.5 AS INTEGER)"
# table: kind code, date column, title, body (as in revision 0002).
KINDS = {
    "mentorsession": (
        0,
        "date",
        "'Session with ' || COALESCE((SELECT name FROM person WHERE id = {r}.mentor_id), '')",
        "{r}.topics || ' ' || {r}.decisions || ' ' || {r}.takeaways",
    ),
    "helperassignment": (
        1,
        "start_date",
        "{r}.title",
        "{r}.outcome || ' ' || {r}.feedback || ' ' || "
        "COALESCE((SELECT name FROM person WHERE id = {r}.leader_id), '')",
    ),
    "skillreflection": (
        2,
        "date",
        "COALESCE((SELECT name FROM skill WHERE id = {r}.skill_id), '') || ' reflection'",
        "{r}.situation || ' ' || {r}.action || ' ' || {r}.result || ' ' || "
        "{r}.learned || ' ' || {r}.next_step",
    ),
}


def rowid(table: str, row: str) -> str:
    code, date = KINDS[table][:2]
    days = DAY_NUMBER.format(date=f"{row}.{date}")
    return f"(({days} << 42) | ({code} << 40) | {row}.id)"


def _insert(table: str, row: str) -> str:
    _code, _date, title, body = KINDS[table]
    return (
        f"INSERT INTO entry_fts(rowid, title, body) SELECT {rowid(table, row)}, "
        f"{title.format(r=row)}, {body.format(r=row)} WHERE {row}.deleted_at IS NULL;"
    )


def _delete(table: str, row: str) -> str:
    return f"DELETE FROM entry_fts WHERE rowid = {rowid(table, row)};"


def _drop_triggers() -> None:
    for table in KINDS:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")


def upgrade() -> None:
    _drop_triggers()
    op.execute("DELETE FROM entry_fts")
    for table, (_code, _date, title, body) in KINDS.items():
        op.execute(
            f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
            f"{_insert(table, 'new')} END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN "
            f"{_delete(table, 'old')} {_insert(table, 'new')} END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
            f"{_delete(table, 'old')} END"
        )
        op.execute(
            f"INSERT INTO entry_fts(rowid, title, body) SELECT {rowid(table, 't')}, "
            f"{title.format(r='t')}, {body.format(r='t')} "
            f"FROM {table} AS t WHERE t.deleted_at IS NULL"
        )
    op.execute("INSERT INTO entry_fts(entry_fts) VALUES ('optimize')")


def downgrade() -> None:
    _drop_triggers()
    op.execute("DELETE FROM entry_fts")
    old_codes = {"mentorsession": 1, "helperassignment": 2, "skillreflection": 3}
    for table, (_code, _date, title, body) in KINDS.items():
        old = f"{{r}}.id * 4 + {old_codes[table]}"
        op.execute(
            f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO entry_fts(rowid, title, body) SELECT {old.format(r='new')}, "
            f"{title.format(r='new')}, {body.format(r='new')} WHERE new.deleted_at IS NULL; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM entry_fts WHERE rowid = {old.format(r='old')}; "
            f"INSERT INTO entry_fts(rowid, title, body) SELECT {old.format(r='new')}, "
            f"{title.format(r='new')}, {body.format(r='new')} WHERE new.deleted_at IS NULL; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM entry_fts WHERE rowid = {old.format(r='old')}; END"
        )
        op.execute(
            f"INSERT INTO entry_fts(rowid, title, body) SELECT {old.format(r='t')}, "
            f"{title.format(r='t')}, {body.format(r='t')} FROM {table} AS t "
            "WHERE t.deleted_at IS NULL"
        )
