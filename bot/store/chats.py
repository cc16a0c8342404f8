"""Chats (digest destinations), their settings, subscriptions and digest schedule state.

The chat record and its loading live here too; moving a group that became a supergroup
lives in `bot.store.chat_migration`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, Row, and_, select, true

from bot.store.chat_tables import chats, subscriptions
from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.errors import InvalidFieldError, UnknownRegionError
from bot.store.schema import regions

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


_SETTABLE = frozenset(
    {
        "kind",
        "title",
        "language",
        "timezone",
        "digest_time",
        "summary_length",
        "include_keywords",
        "exclude_keywords",
        "paused",
        "active",
        "last_digest_at",
        "next_digest_at",
        "schedule_kind",
        "digest_time2",
        "digest_weekday",
        "quiet_start",
        "quiet_end",
    }
)


class ChatsRepository:
    """Read and change chats and subscriptions; the digest schedule itself is decided by callers."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def ensure(
        self,
        chat_id: int,
        thread_id: int = 0,
        *,
        kind: str = "private",
        title: str | None = None,
        language: str = "en",
        timezone: str = "UTC",
        now: datetime | None = None,
    ) -> ChatRecord:
        """Create the destination with these defaults, or refresh kind/title and reactivate it."""
        now = now or datetime.now(UTC)
        stmt = dialect_insert(self._engine, chats).values(
            chat_id=chat_id,
            thread_id=thread_id,
            kind=kind,
            title=title,
            language=language,
            timezone=timezone,
            created_at=now,
            updated_at=now,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[chats.c.chat_id, chats.c.thread_id],
            set_={"kind": kind, "title": title, "active": True, "updated_at": now},
        )
        with write_transaction(self._engine) as conn:
            conn.execute(stmt)
            return load_chats(conn, chat_key(chat_id, thread_id))[0]

    def get(self, chat_id: int, thread_id: int = 0) -> ChatRecord | None:
        """The destination, with its subscribed regions, or None."""
        with read_transaction(self._engine) as conn:
            found = load_chats(conn, chat_key(chat_id, thread_id))
        return found[0] if found else None

    def destinations(self, chat_id: int) -> list[ChatRecord]:
        """Every destination (the chat itself and its forum topics) of a chat."""
        with read_transaction(self._engine) as conn:
            return load_chats(conn, chats.c.chat_id == chat_id)

    def update(self, chat_id: int, thread_id: int = 0, **fields: Any) -> ChatRecord | None:
        """Change settings or schedule fields; keyword lists are given as sequences of str."""
        unknown = set(fields) - _SETTABLE
        if unknown:
            raise InvalidFieldError(f"cannot set {', '.join(sorted(unknown))} on a chat")
        values = dict(fields)
        for name in KEYWORD_FIELDS:
            if name in values:
                values[name] = encode_keywords(values[name])
        values["updated_at"] = datetime.now(UTC)
        with write_transaction(self._engine) as conn:
            conn.execute(chats.update().where(chat_key(chat_id, thread_id)).values(**values))
            found = load_chats(conn, chat_key(chat_id, thread_id))
        return found[0] if found else None

    def subscribe(self, chat_id: int, thread_id: int, region_id: str) -> bool:
        """Add a region to a destination (which must exist); False when already subscribed."""
        with write_transaction(self._engine) as conn:
            if conn.execute(select(regions.c.id).where(regions.c.id == region_id)).first() is None:
                raise UnknownRegionError(region_id)
            stmt = dialect_insert(self._engine, subscriptions).values(
                chat_id=chat_id,
                thread_id=thread_id,
                region_id=region_id,
                created_at=datetime.now(UTC),
            )
            # RETURNING, because rowcount of ON CONFLICT DO NOTHING differs between drivers.
            added = conn.execute(
                stmt.on_conflict_do_nothing().returning(subscriptions.c.region_id)
            ).first()
        return added is not None

    def unsubscribe(self, chat_id: int, thread_id: int, region_id: str | None = None) -> int:
        """Remove one region, or every region when `region_id` is None; returns how many."""
        condition = and_(subscriptions.c.chat_id == chat_id, subscriptions.c.thread_id == thread_id)
        if region_id is not None:
            condition = and_(condition, subscriptions.c.region_id == region_id)
        with write_transaction(self._engine) as conn:
            result = conn.execute(subscriptions.delete().where(condition))
        return int(result.rowcount)

    def due(self, now: datetime, limit: int = 1000) -> list[ChatRecord]:
        """Active, unpaused destinations with a subscription whose next digest time has come."""
        has_subscription = (
            select(subscriptions.c.region_id)
            .where(subscriptions.c.chat_id == chats.c.chat_id)
            .where(subscriptions.c.thread_id == chats.c.thread_id)
            .exists()
        )
        condition = and_(
            chats.c.active == true(),
            chats.c.paused != true(),
            chats.c.next_digest_at <= now,
            has_subscription,
        )
        with read_transaction(self._engine) as conn:
            return load_chats(conn, condition, limit=limit, order=chats.c.next_digest_at)

    def unscheduled(self, limit: int = 1000) -> list[ChatRecord]:
        """Active destinations with a subscription but no next digest time yet."""
        has_subscription = (
            select(subscriptions.c.region_id)
            .where(subscriptions.c.chat_id == chats.c.chat_id)
            .where(subscriptions.c.thread_id == chats.c.thread_id)
            .exists()
        )
        condition = and_(
            chats.c.active == true(), chats.c.next_digest_at.is_(None), has_subscription
        )
        with read_transaction(self._engine) as conn:
            return load_chats(conn, condition, limit=limit)

    def subscribers(self, region_id: str | None = None) -> list[ChatRecord]:
        """Active destinations with at least one subscription (to `region_id` when given)."""
        sub = select(subscriptions.c.region_id).where(
            subscriptions.c.chat_id == chats.c.chat_id,
            subscriptions.c.thread_id == chats.c.thread_id,
        )
        if region_id is not None:
            sub = sub.where(subscriptions.c.region_id == region_id)
        with read_transaction(self._engine) as conn:
            return load_chats(conn, and_(chats.c.active == true(), sub.exists()))

    def deactivate(self, chat_id: int, thread_id: int | None = None) -> int:
        """Stop digests to a chat (every topic, unless one is named); subscriptions are kept."""
        condition = chats.c.chat_id == chat_id
        if thread_id is not None:
            condition = and_(condition, chats.c.thread_id == thread_id)
        with write_transaction(self._engine) as conn:
            result = conn.execute(
                chats.update().where(condition).values(active=False, updated_at=datetime.now(UTC))
            )
        return int(result.rowcount)

    def migrate(self, old_chat_id: int, new_chat_id: int) -> int:
        """Move a group that became a supergroup: settings, subscriptions, pending deliveries.

        Returns the number of destinations moved. Settings already stored for the new id win.
        """
        # Imported here: the migration step reads chats through this module's loaders.
        from bot.store.chat_migration import migrate_chat

        with write_transaction(self._engine) as conn:
            return migrate_chat(self._engine, conn, old_chat_id, new_chat_id)

    def count(self, active_only: bool = True) -> int:
        """How many destinations there are (active ones by default)."""
        query = select(chats.c.chat_id)
        if active_only:
            query = query.where(chats.c.active == true())
        with read_transaction(self._engine) as conn:
            return len(conn.execute(query).all())
