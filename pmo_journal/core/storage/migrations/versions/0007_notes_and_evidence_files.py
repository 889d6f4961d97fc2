"""Notes (the fourth entry kind, in the search index) and evidence files stored in the journal.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The search index keeps 0005's layout: rowid = days << 42 | kind << 40 | id; notes are kind 3.
NOTE_ROWID = "((CAST(julianday({r}.date) - 1721425.5 AS INTEGER) << 42) | (3 << 40) | {r}.id)"
NOTE_TITLE = "{r}.title"
NOTE_BODY = (
    "{r}.text || ' ' || COALESCE((SELECT group_concat(p.name, ' ') FROM notepersonlink l "
    "JOIN person p ON p.id = l.person_id WHERE l.note_id = {r}.id), '')"
)


def _insert(row: str) -> str:
    return (
        f"INSERT INTO entry_fts(rowid, title, body) SELECT {NOTE_ROWID.format(r=row)}, "
        f"{NOTE_TITLE.format(r=row)}, {NOTE_BODY.format(r=row)} WHERE {row}.deleted_at IS NULL;"
    )


def _delete(row: str) -> str:
    return f"DELETE FROM entry_fts WHERE rowid = {NOTE_ROWID.format(r=row)};"


def _stamped() -> list[sa.Column[object]]:
    return [
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def _create_notes() -> None:
    op.create_table(
        "note",
        *_stamped(),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("time", sa.Time(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_note_uuid", "note", ["uuid"], unique=True)
    op.create_table(
        "notepersonlink",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["note_id"], ["note.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("note_id", "person_id"),
    )
    op.create_table(
        "noteskilllink",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["note_id"], ["note.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["skill_id"], ["skill.id"]),
        sa.PrimaryKeyConstraint("note_id", "skill_id"),
    )


def _index_notes() -> None:
    op.execute(f"CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN {_insert('new')} END")
    op.execute(
        "CREATE TRIGGER note_fts_update AFTER UPDATE ON note BEGIN "
        f"{_delete('old')} {_insert('new')} END"
    )
    op.execute(f"CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN {_delete('old')} END")
    # The people of a note are searchable by name: linking, unlinking or renaming them
    # re-indexes the notes that show them.
    for event, row in (("insert", "new"), ("delete", "old")):
        op.execute(
            f"CREATE TRIGGER notepersonlink_fts_{event} AFTER {event.upper()} ON notepersonlink "
            f"BEGIN UPDATE note SET id = id WHERE id = {row}.note_id; END"
        )
    op.execute(
        "CREATE TRIGGER person_fts_rename_notes AFTER UPDATE OF name ON person BEGIN "
        "UPDATE note SET id = id WHERE id IN "
        "(SELECT note_id FROM notepersonlink WHERE person_id = new.id); END"
    )


def _create_evidence_files() -> None:
    op.create_table(
        "evidenceblob",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
        sa.UniqueConstraint("sha256"),
    )
    op.create_table(
        "attachment",
        *_stamped(),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_kind", sa.String(length=32), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("blob_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=127), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["blob_id"], ["evidenceblob.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_attachment_uuid", "attachment", ["uuid"], unique=True)
    op.create_index("ix_attachment_blob_id", "attachment", ["blob_id"])
    op.create_index("ix_attachment_entry", "attachment", ["entry_kind", "entry_id"])


def upgrade() -> None:
    _create_notes()
    _index_notes()
    _create_evidence_files()


def downgrade() -> None:
    op.drop_table("attachment")
    op.drop_table("evidenceblob")
    for trigger in (
        "person_fts_rename_notes",
        "notepersonlink_fts_insert",
        "notepersonlink_fts_delete",
        "note_fts_insert",
        "note_fts_update",
        "note_fts_delete",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DELETE FROM entry_fts WHERE (rowid >> 40) & 3 = 3")
    op.drop_table("noteskilllink")
    op.drop_table("notepersonlink")
    op.drop_table("note")
