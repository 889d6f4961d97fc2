"""One FTS5 index over the text of every entry kind, kept current by triggers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# rowid = entry id * 4 + kind code, so each entry has exactly one row and updates are cheap.
KINDS = {
    "mentorsession": (
        1,
        "'Session with ' || COALESCE((SELECT name FROM person WHERE id = {r}.mentor_id), '')",
        "{r}.topics || ' ' || {r}.decisions || ' ' || {r}.takeaways",
    ),
    "helperassignment": (
        2,
        "{r}.title",
        "{r}.outcome || ' ' || {r}.feedback || ' ' || "
        "COALESCE((SELECT name FROM person WHERE id = {r}.leader_id), '')",
    ),
    "skillreflection": (
        3,
        "COALESCE((SELECT name FROM skill WHERE id = {r}.skill_id), '') || ' reflection'",
        "{r}.situation || ' ' || {r}.action || ' ' || {r}.result || ' ' || "
        "{r}.learned || ' ' || {r}.next_step",
    ),
}


def _insert(table: str, row: str) -> str:
    code, title, body = KINDS[table]
    return (
        f"INSERT INTO entry_fts(rowid, title, body) SELECT {row}.id * 4 + {code}, "
        f"{title.format(r=row)}, {body.format(r=row)} WHERE {row}.deleted_at IS NULL;"
    )


def _delete(table: str, row: str) -> str:
    code = KINDS[table][0]
    return f"DELETE FROM entry_fts WHERE rowid = {row}.id * 4 + {code};"


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE entry_fts USING fts5("
        "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
    )
    for table in KINDS:
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
            f"INSERT INTO entry_fts(rowid, title, body) SELECT t.id * 4 + {KINDS[table][0]}, "
            f"{KINDS[table][1].format(r='t')}, {KINDS[table][2].format(r='t')} "
            f"FROM {table} AS t WHERE t.deleted_at IS NULL"
        )
    # A renamed person or skill renames the entries that show it.
    op.execute(
        "CREATE TRIGGER person_fts_rename AFTER UPDATE OF name ON person BEGIN "
        "UPDATE mentorsession SET mentor_id = mentor_id WHERE mentor_id = new.id; "
        "UPDATE helperassignment SET leader_id = leader_id WHERE leader_id = new.id; END"
    )
    op.execute(
        "CREATE TRIGGER skill_fts_rename AFTER UPDATE OF name ON skill BEGIN "
        "UPDATE skillreflection SET skill_id = skill_id WHERE skill_id = new.id; END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS person_fts_rename")
    op.execute("DROP TRIGGER IF EXISTS skill_fts_rename")
    for table in KINDS:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")
    op.execute("DROP TABLE IF EXISTS entry_fts")
