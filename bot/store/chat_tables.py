"""Chats, their subscriptions, built digests and the delivery outbox (revision 0002).

A digest *destination* is a chat plus a forum topic: `thread_id` 0 means "no topic". One
forum may subscribe from several topics, each with its own regions, time and language, so
(chat_id, thread_id) is the key of `chats`. Zero rather than NULL, because NULLs never
collide in a UNIQUE constraint, which would defeat the outbox's idempotency.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)

from bot.store.schema import IdType, metadata
from bot.store.timestamps import UTCDateTime

chats = Table(
    "chats",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("thread_id", BigInteger, primary_key=True, autoincrement=False, server_default="0"),
    Column("kind", String(16), nullable=False, server_default="private"),
    Column("title", Text),
    Column("language", String(8), nullable=False, server_default="en"),
    Column("timezone", String(64), nullable=False, server_default="UTC"),
    Column("digest_time", String(5), nullable=False, server_default="08:00"),
    Column("summary_length", String(16), nullable=False, server_default="medium"),
    Column("include_keywords", Text, nullable=False, server_default="[]"),
    Column("exclude_keywords", Text, nullable=False, server_default="[]"),
    Column("paused", Boolean, nullable=False, server_default=false()),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("last_digest_at", UTCDateTime()),
    Column("next_digest_at", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    # Digest rhythm and alert quiet hours (revision 0006_alerts_schedules).
    Column("schedule_kind", String(16), nullable=False, server_default="daily"),
    Column("digest_time2", String(5)),
    Column("digest_weekday", Integer),
    Column("quiet_start", String(5)),
    Column("quiet_end", String(5)),
    Index("ix_chats_next_digest_at", "next_digest_at"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("thread_id", BigInteger, primary_key=True, autoincrement=False),
    Column(
        "region_id",
        String(64),
        ForeignKey("regions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("created_at", UTCDateTime(), nullable=False),
    ForeignKeyConstraint(
        ["chat_id", "thread_id"],
        ["chats.chat_id", "chats.thread_id"],
        ondelete="CASCADE",
    ),
    Index("ix_subscriptions_region_id", "region_id"),
)

digests = Table(
    "digests",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False),
    Column("window_start", UTCDateTime(), nullable=False),
    Column("window_end", UTCDateTime(), nullable=False),
    Column("built_at", UTCDateTime(), nullable=False),
    Column("parts", JSON, nullable=False),
    Index("ix_digests_built_at", "built_at"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("thread_id", BigInteger, nullable=False, server_default="0"),
    Column("digest_id", IdType, ForeignKey("digests.id", ondelete="CASCADE"), nullable=False),
    Column("part_no", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime(), nullable=False),
    Column("claimed_by", String(64)),
    Column("claimed_until", UTCDateTime()),
    Column("sent_at", UTCDateTime()),
    Column("message_id", BigInteger),
    Column("last_error", Text),
    Column("created_at", UTCDateTime(), nullable=False),
    # Inline buttons in the Bot API's JSON shape (alerts carry a Summary button); revision 0006.
    Column("reply_markup", JSON),
    UniqueConstraint("chat_id", "thread_id", "digest_id", "part_no"),
    # The claim query: pending rows by due time, and "is this the head of its chat's queue".
    Index("ix_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
    Index("ix_deliveries_chat_id_status_id", "chat_id", "status", "id"),
)
