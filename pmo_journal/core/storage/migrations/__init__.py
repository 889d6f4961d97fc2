"""Alembic migrations of the journal schema, applied when a journal is opened."""
