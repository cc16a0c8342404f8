"""Tables of revision 0005: search pages shared by every process, and fleet-wide throttle marks."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text

from bot.store.schema import metadata
from bot.store.timestamps import UTCDateTime

# A /search remembered under a short id, so its ◀ ▶ buttons work on any process and after a
# restart; rows older than a day are no longer recalled and are pruned.
search_pages = Table(
    "search_pages",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("chat_id", BigInteger, nullable=False),
    Column("query", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_search_pages_created_at", "created_at"),
)

# "At most once per window" decisions every process agrees on (admin alerts, repeated /start):
# when the subject was last let through, by which call (`token`), and how many were held back.
throttle_marks = Table(
    "throttle_marks",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("sent_at", UTCDateTime(), nullable=False),
    Column("token", String(32), nullable=False),
    Column("held", Integer, nullable=False, server_default="0"),
    Column("held_before", Integer, nullable=False, server_default="0"),
    Index("ix_throttle_marks_sent_at", "sent_at"),
)
