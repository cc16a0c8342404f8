"""Lines seen per host, for learning each site's boilerplate.

Revision ID: 0004_boilerplate
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_boilerplate"
down_revision: str | None = "0004_search_fold"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "boilerplate_lines",
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("line_key", sa.String(length=200), nullable=False),
        sa.Column("pages", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("host", "line_key", name="pk_boilerplate_lines"),
    )


def downgrade() -> None:
    op.drop_table("boilerplate_lines")
