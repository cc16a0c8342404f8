"""Alert tables (revision 0006_alerts_schedules): alerts, scanned articles, alerted stories.

- `alerts`: one row per (destination, words, region); `region_id` "" means every region.
- `alert_scans`: articles already matched against every alert, so a story is matched once
  even when the process dies between storing it and queueing its alerts.
- `alert_stories`: one row per (destination, story cluster) that matched: the key that makes
  the same story from a second outlet alert nothing. `status` says what became of it.
- `alert_hours`: alerts queued per destination per UTC hour, for the hourly cap.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from bot.store.schema import IdType, metadata
from bot.store.timestamps import UTCDateTime

alerts = Table(
    "alerts",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("thread_id", BigInteger, nullable=False, server_default="0"),
    Column("words", Text, nullable=False),
    Column("region_id", String(64), nullable=False, server_default=""),
    Column("created_by", BigInteger),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint(
        "chat_id", "thread_id", "words", "region_id", name="uq_alerts_chat_id_thread_id"
    ),
    Index("ix_alerts_chat_id", "chat_id", "thread_id"),
)

alert_scans = Table(
    "alert_scans",
    metadata,
    Column("article_id", IdType, primary_key=True, autoincrement=False),
    Column("scanned_at", UTCDateTime(), nullable=False),
    Index("ix_alert_scans_scanned_at", "scanned_at"),
)

alert_stories = Table(
    "alert_stories",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("thread_id", BigInteger, primary_key=True, autoincrement=False),
    Column("cluster_id", IdType, primary_key=True, autoincrement=False),
    Column("alert_id", IdType),
    Column("article_id", IdType, nullable=False),
    Column("status", String(16), nullable=False),
    Column("release_at", UTCDateTime()),
    # A held alert keeps its rendered message until quiet hours end.
    Column("text", Text),
    Column("reply_markup", JSON),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_alert_stories_status", "status", "release_at"),
)

alert_hours = Table(
    "alert_hours",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("thread_id", BigInteger, primary_key=True, autoincrement=False),
    Column("hour", UTCDateTime(), primary_key=True),
    Column("sent", Integer, nullable=False, server_default="0"),
    Column("told", Boolean, nullable=False, server_default=false()),
)
