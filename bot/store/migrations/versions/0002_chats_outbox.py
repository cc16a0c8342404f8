"""Chats (per forum topic), subscriptions, digests and the delivery outbox.

Revision ID: 0002
Revises: 0001
Create Date: 2024-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("thread_id", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("kind", sa.String(16), server_default="private", nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(8), server_default="en", nullable=False),
        sa.Column("timezone", sa.String(64), server_default="UTC", nullable=False),
        sa.Column("digest_time", sa.String(5), server_default="08:00", nullable=False),
        sa.Column("summary_length", sa.String(16), server_default="medium", nullable=False),
        sa.Column("include_keywords", sa.Text(), server_default="[]", nullable=False),
        sa.Column("exclude_keywords", sa.Text(), server_default="[]", nullable=False),
        sa.Column("paused", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("last_digest_at", Stamp, nullable=True),
        sa.Column("next_digest_at", Stamp, nullable=True),
        sa.Column("created_at", Stamp, nullable=False),
        sa.Column("updated_at", Stamp, nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "thread_id", name="pk_chats"),
    )
    op.create_index("ix_chats_next_digest_at", "chats", ["next_digest_at"])
    op.create_table(
        "subscriptions",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("thread_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.Column("created_at", Stamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name="fk_subscriptions_region_id_regions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["chat_id", "thread_id"],
            ["chats.chat_id", "chats.thread_id"],
            name="fk_subscriptions_chat_id_chats",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", "thread_id", "region_id", name="pk_subscriptions"),
    )
    op.create_index("ix_subscriptions_region_id", "subscriptions", ["region_id"])
    op.create_table(
        "digests",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("window_start", Stamp, nullable=False),
        sa.Column("window_end", Stamp, nullable=False),
        sa.Column("built_at", Stamp, nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_digests"),
    )
    op.create_index("ix_digests_built_at", "digests", ["built_at"])
    op.create_table(
        "deliveries",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("digest_id", Id, nullable=False),
        sa.Column("part_no", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", Stamp, nullable=False),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("claimed_until", Stamp, nullable=True),
        sa.Column("sent_at", Stamp, nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", Stamp, nullable=False),
        sa.ForeignKeyConstraint(
            ["digest_id"],
            ["digests.id"],
            name="fk_deliveries_digest_id_digests",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.UniqueConstraint(
            "chat_id",
            "thread_id",
            "digest_id",
            "part_no",
            name="uq_deliveries_chat_id_thread_id_digest_id_part_no",
        ),
    )
    op.create_index(
        "ix_deliveries_status_next_attempt_at", "deliveries", ["status", "next_attempt_at"]
    )
    op.create_index("ix_deliveries_chat_id_status_id", "deliveries", ["chat_id", "status", "id"])


def downgrade() -> None:
    op.drop_table("deliveries")
    op.drop_table("digests")
    op.drop_table("subscriptions")
    op.drop_table("chats")
