"""The chat record and how it is loaded, with its subscribed regions, from the chat tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, and_, select

from bot.store.chat_tables import chats, subscriptions

KEYWORD_FIELDS = ("include_keywords", "exclude_keywords")
"""Chat columns holding a keyword list, stored as a JSON array."""


@dataclass(frozen=True)
class ChatRecord:
    """A digest destination: a chat, or one forum topic of it (`thread_id` 0 = none)."""

    chat_id: int
    thread_id: int
    kind: str
    title: str | None
    language: str
    timezone: str
    digest_time: str
    summary_length: str
    include_keywords: tuple[str, ...]
    exclude_keywords: tuple[str, ...]
    paused: bool
    active: bool
    last_digest_at: datetime | None
    next_digest_at: datetime | None
    created_at: datetime
    updated_at: datetime
    regions: tuple[str, ...] = ()
    # The digest rhythm: "daily", "twice" (digest_time and digest_time2), "weekdays" or
    # "weekly" (on digest_weekday, 0 = Monday); alerts wait out quiet_start–quiet_end.
    schedule_kind: str = "daily"
    digest_time2: str | None = None
    digest_weekday: int | None = None
    quiet_start: str | None = None
    quiet_end: str | None = None


def encode_keywords(keywords: Sequence[str]) -> str:
    """The stored form of a keyword list."""
    return json.dumps(list(keywords), ensure_ascii=False)


def _record(row: Row[Any], region_ids: Iterable[str] = ()) -> ChatRecord:
    return ChatRecord(
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        kind=row.kind,
        title=row.title,
        language=row.language,
        timezone=row.timezone,
        digest_time=row.digest_time,
        summary_length=row.summary_length,
        include_keywords=tuple(json.loads(row.include_keywords or "[]")),
        exclude_keywords=tuple(json.loads(row.exclude_keywords or "[]")),
        paused=bool(row.paused),
        active=bool(row.active),
        last_digest_at=row.last_digest_at,
        next_digest_at=row.next_digest_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        regions=tuple(sorted(region_ids)),
        schedule_kind=row.schedule_kind or "daily",
        digest_time2=row.digest_time2,
        digest_weekday=row.digest_weekday,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
    )


def chat_key(chat_id: int, thread_id: int) -> ColumnElement[bool]:
    """The condition selecting one destination."""
    return and_(chats.c.chat_id == chat_id, chats.c.thread_id == thread_id)


def load_chats(
    conn: Connection,
    condition: ColumnElement[bool],
    limit: int | None = None,
    order: Any = None,
) -> list[ChatRecord]:
    """The destinations matching `condition`, each with its subscribed regions."""
    query = select(chats).where(condition)
    query = query.order_by(order if order is not None else chats.c.chat_id, chats.c.thread_id)
    if limit is not None:
        query = query.limit(limit)
    rows = conn.execute(query).all()
    if not rows:
        return []
    ids = {row.chat_id for row in rows}
    found: dict[tuple[int, int], list[str]] = {}
    # Chunked IN lists stay below SQLite's bound-parameter limit for large loads.
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start : start + 500]
        for sub in conn.execute(
            select(subscriptions).where(subscriptions.c.chat_id.in_(chunk))
        ).all():
            found.setdefault((sub.chat_id, sub.thread_id), []).append(sub.region_id)
    return [_record(row, found.get((row.chat_id, row.thread_id), ())) for row in rows]
