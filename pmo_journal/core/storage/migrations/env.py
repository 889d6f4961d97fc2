"""Alembic environment: runs on the connection the journal hands over."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from pmo_journal.core import models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate`
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
