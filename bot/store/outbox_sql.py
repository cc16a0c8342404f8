"""SQL of the outbox: the leasing claim, new delivery rows, schedule advance and chat pacing.

The claim uses `FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent workers never wait on or
take each other's rows; SQLite ignores it and has one writer at a time, which makes the same
UPDATE atomic.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Update, and_, or_, select

from bot.store.chat_tables import chats, deliveries
from bot.store.outbox_records import PENDING, Recipient


def claim_statement(worker: str, now: datetime, limit: int, lease: timedelta) -> Update:
    """UPDATE … RETURNING that leases up to `limit` due rows, one per chat, to `worker`."""
    d = deliveries.alias("d")
    earlier = deliveries.alias("earlier")
    blocked = (
        select(earlier.c.id)
        .where(earlier.c.chat_id == d.c.chat_id)
        .where(earlier.c.status == PENDING)
        .where(earlier.c.id < d.c.id)
        .exists()
    )
    picked = (
        select(d.c.id)
        .where(d.c.status == PENDING)
        .where(d.c.next_attempt_at <= now)
        .where(or_(d.c.claimed_until.is_(None), d.c.claimed_until < now))
        .where(~blocked)
        .order_by(d.c.id)  # oldest first: a chat's next part comes before newer digests
        .limit(limit)
        .with_for_update(skip_locked=True, of=d)
    )
    return (
        deliveries.update()
        .where(deliveries.c.id.in_(picked.scalar_subquery()))
        .values(
            claimed_by=worker,
            claimed_until=now + lease,
            attempts=deliveries.c.attempts + 1,
        )
        .returning(*deliveries.c)
    )


def delivery_row(
    chat_id: int, thread_id: int, digest_id: int, part_no: int, text: str, now: datetime
) -> dict[str, Any]:
    """Column values of a new pending delivery, due at once."""
    return {
        "chat_id": chat_id,
        "thread_id": thread_id,
        "digest_id": digest_id,
        "part_no": part_no,
        "text": text,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def advance_schedule(conn: Connection, recipient: Recipient) -> bool:
    """Record the recipient's new schedule if it still holds the one the caller saw."""
    key = and_(chats.c.chat_id == recipient.chat_id, chats.c.thread_id == recipient.thread_id)
    seen = (
        chats.c.next_digest_at.is_(None)
        if recipient.scheduled_for is None
        else chats.c.next_digest_at == recipient.scheduled_for
    )
    result = conn.execute(
        chats.update()
        .where(key, seen)
        .values(
            last_digest_at=recipient.last_digest_at,
            next_digest_at=recipient.next_digest_at,
            updated_at=recipient.last_digest_at,
        )
    )
    return bool(result.rowcount)


def hold_chat(conn: Connection, chat_id: int, until: datetime) -> None:
    """Make the chat's pending rows wait at least until `until`."""
    # Per-chat pacing lives in the rows themselves, so it holds across workers and restarts.
    # Rows are found by chat first: with the time condition in the same query, SQLite would
    # pick the (status, next_attempt_at) index and walk every pending row.
    waiting = conn.execute(
        select(deliveries.c.id)
        .where(deliveries.c.chat_id == chat_id)
        .where(deliveries.c.status == PENDING)
    ).scalars()
    ids = list(waiting)
    if ids:
        conn.execute(
            deliveries.update()
            .where(deliveries.c.id.in_(ids))
            .where(deliveries.c.next_attempt_at < until)
            .values(next_attempt_at=until)
        )
