"""Feed failures per day (the /stats history).

Revision ID: 0003
Revises: 0002
Create Date: 2024-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "feed_failures",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("feed_id", Id, nullable=False),
        sa.Column("count", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["feeds.id"],
            name="fk_feed_failures_feed_id_feeds",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("day", "feed_id", name="pk_feed_failures"),
    )
    op.create_index("ix_feed_failures_feed_id", "feed_failures", ["feed_id"])


def downgrade() -> None:
    op.drop_table("feed_failures")
