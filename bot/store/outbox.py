"""Built digests and the durable delivery outbox: one row per (destination, digest, part).

Rows are claimed with a lease (`claimed_by`, `claimed_until`): a worker that dies simply lets
its lease run out and the rows come back. Only the oldest pending row of a chat can be
claimed, so a chat's parts go out in order and never two at once, even across processes.
The claim SQL lives in `bot.store.outbox_sql`, the records in `bot.store.outbox_records`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from bot.store.chat_tables import deliveries, digests
from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.outbox_records import (
    DEAD,
    FAILED,
    PENDING,
    SENT,
    Delivery,
    NewDigest,
    Recipient,
    StoredDigest,
    delivery_from_row,
)
from bot.store.outbox_sql import advance_schedule, claim_statement, delivery_row, hold_chat


class OutboxRepository:
    """Store digests, queue their parts, and hand them out to sending workers."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record_digest(self, digest: NewDigest, recipients: Sequence[Recipient]) -> int:
        """Store a digest, advance each recipient's schedule and queue its parts, atomically.

        Returns how many recipients got the digest queued.
        """
        with write_transaction(self._engine) as conn:
            digest_id = int(
                conn.execute(
                    digests.insert()
                    .values(
                        key=digest.key,
                        window_start=digest.window_start,
                        window_end=digest.window_end,
                        built_at=digest.built_at,
                        parts=list(digest.parts),
                    )
                    .returning(digests.c.id)
                ).scalar_one()
            )
            queued = [r for r in recipients if advance_schedule(conn, r)]
            rows = [
                delivery_row(r.chat_id, r.thread_id, digest_id, n, text, digest.built_at)
                for r in queued
                for n, text in enumerate(digest.parts, start=1)
            ]
            self._insert(conn, rows)
        return len(queued)

    def enqueue(
        self, chat_id: int, thread_id: int, digest_id: int, parts: Sequence[str], now: datetime
    ) -> int:
        """Queue parts of a stored digest for one destination; parts already queued are kept."""
        rows = [
            delivery_row(chat_id, thread_id, digest_id, n, t, now) for n, t in enumerate(parts, 1)
        ]
        with write_transaction(self._engine) as conn:
            return self._insert(conn, rows)

    def queue_notice(
        self, key: str, text: str, destinations: Sequence[tuple[int, int]], now: datetime
    ) -> int:
        """Queue a one-part notice for each (chat_id, thread_id); no digest schedule moves."""
        if not destinations:
            return 0
        with write_transaction(self._engine) as conn:
            notice_id = int(
                conn.execute(
                    digests.insert()
                    .values(key=key, window_start=now, window_end=now, built_at=now, parts=[text])
                    .returning(digests.c.id)
                ).scalar_one()
            )
            rows = [delivery_row(c, t, notice_id, 1, text, now) for c, t in destinations]
            return self._insert(conn, rows)

    def claim(self, worker: str, now: datetime, limit: int, lease: timedelta) -> list[Delivery]:
        """Lease up to `limit` due rows, at most one per chat (its oldest pending), to `worker`."""
        stmt = claim_statement(worker, now, limit, lease)
        with write_transaction(self._engine) as conn:
            rows = conn.execute(stmt).all()
        return sorted((delivery_from_row(row) for row in rows), key=lambda item: item.id)

    def mark_sent(
        self, delivery_id: int, message_id: int | None, now: datetime, chat_free_at: datetime
    ) -> None:
        """Record Telegram accepted the message; the chat's next row waits till `chat_free_at`."""
        with write_transaction(self._engine) as conn:
            chat_id = conn.execute(
                deliveries.update()
                .where(deliveries.c.id == delivery_id)
                .values(
                    status=SENT,
                    sent_at=now,
                    message_id=message_id,
                    claimed_until=None,
                    last_error=None,
                )
                .returning(deliveries.c.chat_id)
            ).scalar_one_or_none()
            if chat_id is not None:
                hold_chat(conn, chat_id, chat_free_at)

    def mark_retry(self, delivery_id: int, after: datetime, error: str) -> None:
        """Give the row back, to be tried again from `after`; the chat's later rows wait too."""
        with write_transaction(self._engine) as conn:
            conn.execute(
                deliveries.update()
                .where(deliveries.c.id == delivery_id)
                .values(
                    next_attempt_at=after,
                    claimed_by=None,
                    claimed_until=None,
                    last_error=error[:1000],
                )
            )

    def mark_failed(self, delivery_id: int, error: str) -> None:
        """Give up on one message (it can never be sent); the chat's next rows go on."""
        self._finish(deliveries.c.id == delivery_id, FAILED, error)

    def mark_dead(self, delivery_id: int, error: str) -> None:
        """Give up on one message because its destination is gone."""
        self._finish(deliveries.c.id == delivery_id, DEAD, error)

    def kill_chat(self, chat_id: int, error: str, thread_id: int | None = None) -> int:
        """Retire every pending row of a chat (or one of its topics) whose destination is gone."""
        condition = and_(deliveries.c.chat_id == chat_id, deliveries.c.status == PENDING)
        if thread_id is not None:
            condition = and_(condition, deliveries.c.thread_id == thread_id)
        return self._finish(condition, DEAD, error)

    def release(self, worker: str) -> int:
        """Hand back every row leased to `worker` (a clean shutdown), so others need not wait."""
        condition = and_(deliveries.c.claimed_by == worker, deliveries.c.status == PENDING)
        with write_transaction(self._engine) as conn:
            result = conn.execute(
                deliveries.update().where(condition).values(claimed_by=None, claimed_until=None)
            )
        return int(result.rowcount)

    def pending_depth(self) -> int:
        """How many messages wait to be sent."""
        with read_transaction(self._engine) as conn:
            query = select(func.count()).where(deliveries.c.status == PENDING)
            return int(conn.execute(query).scalar_one())

    def oldest_age(self, now: datetime) -> float:
        """Seconds the oldest pending message has waited since it was queued (0 when none)."""
        with read_transaction(self._engine) as conn:
            oldest = conn.execute(
                select(func.min(deliveries.c.created_at)).where(deliveries.c.status == PENDING)
            ).scalar_one_or_none()
        if oldest is None:
            return 0.0
        if oldest.tzinfo is None:  # an aggregate bypasses the column type on SQLite
            oldest = datetime.fromisoformat(str(oldest)).replace(tzinfo=UTC)
        return max(0.0, (now - oldest).total_seconds())

    def status_counts(self) -> dict[str, int]:
        """Rows per status."""
        with read_transaction(self._engine) as conn:
            rows = conn.execute(
                select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
            ).all()
        return {status: int(count) for status, count in rows}

    def for_chat(self, chat_id: int) -> list[Delivery]:
        """Every row of a chat, oldest first."""
        with read_transaction(self._engine) as conn:
            rows = conn.execute(
                select(deliveries).where(deliveries.c.chat_id == chat_id).order_by(deliveries.c.id)
            ).all()
        return [delivery_from_row(row) for row in rows]

    def digest(self, digest_id: int) -> StoredDigest | None:
        """A stored digest."""
        with read_transaction(self._engine) as conn:
            row = conn.execute(select(digests).where(digests.c.id == digest_id)).first()
        if row is None:
            return None
        return StoredDigest(
            row.id, row.key, row.window_start, row.window_end, row.built_at, tuple(row.parts)
        )

    def prune(self, before: datetime) -> int:
        """Delete digests built before `before` that have nothing left to send."""
        waiting = (
            select(deliveries.c.id)
            .where(deliveries.c.digest_id == digests.c.id)
            .where(deliveries.c.status == PENDING)
            .exists()
        )
        with write_transaction(self._engine) as conn:
            old = conn.execute(
                select(digests.c.id).where(digests.c.built_at < before).where(~waiting)
            ).scalars()
            ids = list(old)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                conn.execute(deliveries.delete().where(deliveries.c.digest_id.in_(chunk)))
                conn.execute(digests.delete().where(digests.c.id.in_(chunk)))
        return len(ids)

    def _finish(self, condition: Any, status: str, error: str) -> int:
        with write_transaction(self._engine) as conn:
            result = conn.execute(
                deliveries.update()
                .where(condition)
                .values(status=status, claimed_until=None, last_error=error[:1000])
            )
        return int(result.rowcount)

    def _insert(self, conn: Connection, rows: list[dict[str, Any]]) -> int:
        if not rows:
            return 0
        stmt = (
            dialect_insert(self._engine, deliveries)
            .on_conflict_do_nothing()
            .returning(deliveries.c.id)
        )
        inserted = 0
        for start in range(0, len(rows), 500):
            inserted += len(conn.execute(stmt, rows[start : start + 500]).all())
        return inserted
