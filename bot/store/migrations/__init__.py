"""Alembic migrations of the store: one tree for SQLite and PostgreSQL."""
