"""Regions get a default time zone; articles say why they were stored from feed text.

Revision ID: 0004_regions
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_regions"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Adding a nullable column needs no table rebuild on SQLite, so no batch mode here.
    op.add_column("regions", sa.Column("timezone", sa.String(64), nullable=True))
    op.add_column("articles", sa.Column("note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("note")
    with op.batch_alter_table("regions") as batch:
        batch.drop_column("timezone")
