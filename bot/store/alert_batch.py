"""One transaction of the alert step: claim new articles, record matched stories, queue messages.

Every method runs inside the caller's single write transaction (`AlertsRepository.batch`), so
the claims, the (destination, story) keys and the outbox rows commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, true

from bot.store.alert_tables import alert_hours, alert_scans, alert_stories
from bot.store.alerts import HELD, HeldStory, HourUsage, NewStory, OutgoingMessage
from bot.store.chat_tables import deliveries, digests
from bot.store.engine import dialect_insert
from bot.store.outbox_sql import delivery_row

ALERT_DIGEST_KEY = "alert"
"""The `digests.key` of an alert message (each alert message is a one-part digest)."""


class AlertBatch:
    """The steps of queueing alerts, all inside the caller's one transaction."""

    def __init__(self, engine: Engine, conn: Connection, now: datetime) -> None:
        self._engine, self._conn, self._now = engine, conn, now

    def claim_articles(self, article_ids: Sequence[int]) -> set[int]:
        """Mark articles as matched; returns those no other run has claimed before."""
        if not article_ids:
            return set()
        rows = [{"article_id": i, "scanned_at": self._now} for i in sorted(set(article_ids))]
        stmt = (
            dialect_insert(self._engine, alert_scans)
            .on_conflict_do_nothing()
            .returning(alert_scans.c.article_id)
        )
        return {int(row.article_id) for row in self._conn.execute(stmt, rows).all()}

    def known_stories(self, chat_id: int, thread_id: int, cluster_ids: Sequence[int]) -> set[int]:
        """Which of these story clusters already matched this destination."""
        found: set[int] = set()
        wanted = sorted(set(cluster_ids))
        for start in range(0, len(wanted), 500):
            query = select(alert_stories.c.cluster_id).where(
                alert_stories.c.chat_id == chat_id,
                alert_stories.c.thread_id == thread_id,
                alert_stories.c.cluster_id.in_(wanted[start : start + 500]),
            )
            found.update(int(value) for value in self._conn.execute(query).scalars())
        return found

    def held_count(self, chat_id: int, thread_id: int) -> int:
        """Stories held with a message for this destination (quiet hours not over yet)."""
        query = select(func.count()).where(
            alert_stories.c.chat_id == chat_id,
            alert_stories.c.thread_id == thread_id,
            alert_stories.c.status == HELD,
            alert_stories.c.text.is_not(None),
        )
        return int(self._conn.execute(query).scalar_one())

    def add_stories(self, chat_id: int, thread_id: int, stories: Sequence[NewStory]) -> set[int]:
        """Record matched stories of a destination; returns the clusters that were new to it.

        A cluster another run recorded first (the same story through another outlet, at the
        same moment in another process) is left as it was and not returned.
        """
        if not stories:
            return set()
        rows = [
            {
                "chat_id": chat_id,
                "thread_id": thread_id,
                "cluster_id": story.cluster_id,
                "alert_id": story.alert_id,
                "article_id": story.article_id,
                "status": story.status,
                "release_at": story.release_at,
                "text": story.message.text if story.message else None,
                "reply_markup": story.message.reply_markup if story.message else None,
                "created_at": self._now,
            }
            for story in stories
        ]
        stmt = (
            dialect_insert(self._engine, alert_stories)
            .on_conflict_do_nothing()
            .returning(alert_stories.c.cluster_id)
        )
        added: set[int] = set()
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            added.update(int(row.cluster_id) for row in self._conn.execute(stmt, chunk).all())
        return added

    def set_status(
        self, chat_id: int, thread_id: int, cluster_ids: Sequence[int], status: str
    ) -> None:
        """Move stories of a destination to `status`, dropping any message they held."""
        wanted = sorted(set(cluster_ids))
        for start in range(0, len(wanted), 500):
            self._conn.execute(
                alert_stories.update()
                .where(
                    alert_stories.c.chat_id == chat_id,
                    alert_stories.c.thread_id == thread_id,
                    alert_stories.c.cluster_id.in_(wanted[start : start + 500]),
                )
                .values(status=status, text=None, reply_markup=None)
            )

    def held_due(self, limit: int = 500) -> list[HeldStory]:
        """Held stories whose quiet hours have ended, oldest first."""
        query = (
            select(alert_stories)
            .where(alert_stories.c.status == HELD, alert_stories.c.release_at <= self._now)
            # Stories held with their message first; those held without one (beyond the cap
            # already at the time) after them.
            .order_by(
                alert_stories.c.release_at,
                alert_stories.c.text.is_(None),
                alert_stories.c.created_at,
                alert_stories.c.cluster_id,
            )
            .limit(limit)
        )
        return [
            HeldStory(
                chat_id=row.chat_id,
                thread_id=row.thread_id,
                cluster_id=row.cluster_id,
                article_id=row.article_id,
                release_at=row.release_at,
                message=OutgoingMessage(row.text, row.reply_markup) if row.text else None,
            )
            for row in self._conn.execute(query).all()
        ]

    def usage(self, chat_id: int, thread_id: int, hour: datetime) -> HourUsage:
        """How many alerts this destination got queued in the hour starting at `hour`."""
        row = self._conn.execute(
            select(alert_hours.c.sent, alert_hours.c.told).where(
                alert_hours.c.chat_id == chat_id,
                alert_hours.c.thread_id == thread_id,
                alert_hours.c.hour == hour,
            )
        ).first()
        return HourUsage(0, False) if row is None else HourUsage(int(row.sent), bool(row.told))

    def add_usage(
        self, chat_id: int, thread_id: int, hour: datetime, sent: int, *, told: bool
    ) -> None:
        """Count `sent` more alerts in the hour; `told` notes the cap notice went out."""
        insert = dialect_insert(self._engine, alert_hours).values(
            chat_id=chat_id, thread_id=thread_id, hour=hour, sent=sent, told=told
        )
        change: dict[str, Any] = {"sent": alert_hours.c.sent + sent}
        if told:
            change["told"] = true()
        self._conn.execute(
            insert.on_conflict_do_update(
                index_elements=[
                    alert_hours.c.chat_id,
                    alert_hours.c.thread_id,
                    alert_hours.c.hour,
                ],
                set_=change,
            )
        )

    def queue(self, chat_id: int, thread_id: int, message: OutgoingMessage) -> int:
        """Put one message in the durable outbox (as a one-part digest); returns its row id."""
        digest_id = int(
            self._conn.execute(
                digests.insert()
                .values(
                    key=ALERT_DIGEST_KEY,
                    window_start=self._now,
                    window_end=self._now,
                    built_at=self._now,
                    parts=[message.text],
                )
                .returning(digests.c.id)
            ).scalar_one()
        )
        row = delivery_row(chat_id, thread_id, digest_id, 1, message.text, self._now)
        row["reply_markup"] = message.reply_markup
        return int(
            self._conn.execute(
                deliveries.insert().values(**row).returning(deliveries.c.id)
            ).scalar_one()
        )
