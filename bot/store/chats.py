"""Chats (digest destinations), their settings, subscriptions and digest schedule state.

Records and their loading live in `bot.store.chat_records`; moving a group that became a
supergroup lives in `bot.store.chat_migration`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, and_, select, true

from bot.store.chat_migration import migrate_chat
from bot.store.chat_records import (
    KEYWORD_FIELDS,
    ChatRecord,
    chat_key,
    encode_keywords,
    load_chats,
)
from bot.store.chat_tables import chats, subscriptions
from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.errors import InvalidFieldError, UnknownRegionError
from bot.store.schema import regions

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
        with write_transaction(self._engine) as conn:
            return migrate_chat(self._engine, conn, old_chat_id, new_chat_id)

    def count(self, active_only: bool = True) -> int:
        """How many destinations there are (active ones by default)."""
        query = select(chats.c.chat_id)
        if active_only:
            query = query.where(chats.c.active == true())
        with read_transaction(self._engine) as conn:
            return len(conn.execute(query).all())
