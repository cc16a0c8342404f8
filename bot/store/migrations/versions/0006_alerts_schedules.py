"""Instant alerts (per chat, matched against new stories) and digest rhythms per chat.

Revision ID: 0006_alerts_schedules
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_alerts_schedules"
down_revision: str | None = "0005_crowd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("thread_id", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("region_id", sa.String(64), server_default="", nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", Stamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.UniqueConstraint(
            "chat_id", "thread_id", "words", "region_id", name="uq_alerts_chat_id_thread_id"
        ),
    )
    op.create_index("ix_alerts_chat_id", "alerts", ["chat_id", "thread_id"])
    op.create_table(
        "alert_scans",
        sa.Column("article_id", Id, autoincrement=False, nullable=False),
        sa.Column("scanned_at", Stamp, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_alert_scans"),
    )
    op.create_index("ix_alert_scans_scanned_at", "alert_scans", ["scanned_at"])
    op.create_table(
        "alert_stories",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("thread_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("cluster_id", Id, autoincrement=False, nullable=False),
        sa.Column("alert_id", Id, nullable=True),
        sa.Column("article_id", Id, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("release_at", Stamp, nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("reply_markup", sa.JSON(), nullable=True),
        sa.Column("created_at", Stamp, nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "thread_id", "cluster_id", name="pk_alert_stories"),
    )
    op.create_index("ix_alert_stories_status", "alert_stories", ["status", "release_at"])
    op.create_table(
        "alert_hours",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("thread_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("hour", Stamp, nullable=False),
        sa.Column("sent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("told", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "thread_id", "hour", name="pk_alert_hours"),
    )
    with op.batch_alter_table("chats") as batch:
        batch.add_column(
            sa.Column("schedule_kind", sa.String(16), server_default="daily", nullable=False)
        )
        batch.add_column(sa.Column("digest_time2", sa.String(5), nullable=True))
        batch.add_column(sa.Column("digest_weekday", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("quiet_start", sa.String(5), nullable=True))
        batch.add_column(sa.Column("quiet_end", sa.String(5), nullable=True))
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("reply_markup", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("reply_markup")
    with op.batch_alter_table("chats") as batch:
        for name in ("quiet_end", "quiet_start", "digest_weekday", "digest_time2", "schedule_kind"):
            batch.drop_column(name)
    op.drop_table("alert_hours")
    op.drop_table("alert_stories")
    op.drop_table("alert_scans")
    op.drop_table("alerts")
