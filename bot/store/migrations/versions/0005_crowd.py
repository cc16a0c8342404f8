"""Search pages in the database and fleet-wide throttle marks.

Revision ID: 0005_crowd
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_crowd"
down_revision: str | None = "0004_boilerplate"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "search_pages",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("created_at", When, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_search_pages"),
    )
    op.create_index("ix_search_pages_created_at", "search_pages", ["created_at"])
    op.create_table(
        "throttle_marks",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("sent_at", When, nullable=False),
        sa.Column("token", sa.String(32), nullable=False),
        sa.Column("held", sa.Integer(), server_default="0", nullable=False),
        sa.Column("held_before", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_throttle_marks"),
    )
    op.create_index("ix_throttle_marks_sent_at", "throttle_marks", ["sent_at"])


def downgrade() -> None:
    op.drop_table("throttle_marks")
    op.drop_table("search_pages")
