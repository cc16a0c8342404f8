"""Alerts per destination, and the one-transaction steps that queue alerted stories.

Matching and decisions (quiet hours, the hourly cap) are made by the caller; this module only
offers the steps, inside one `AlertBatch` transaction so that claiming the new articles, the
story keys and the outbox rows commit together or not at all: a crash loses nothing (the
articles stay unclaimed) and a second run, in this or another process, doubles nothing (the
claims and story keys are primary keys).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, and_, select

from bot.store.alert_tables import alert_hours, alert_scans, alert_stories, alerts
from bot.store.articles import Article, load_articles
from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.schema import articles

if TYPE_CHECKING:
    from bot.store.alert_batch import AlertBatch


QUEUED, HELD, CAPPED = "queued", "held", "capped"
"""What became of a matched story: sent to the outbox, waiting for quiet hours, over the cap."""


@dataclass(frozen=True)
class Alert:
    """Words a destination waits for, optionally in one region (`region_id` None: any)."""

    id: int
    chat_id: int
    thread_id: int
    words: str
    region_id: str | None
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class OutgoingMessage:
    """One message for the outbox: Telegram HTML and optional inline buttons (Bot API JSON)."""

    text: str
    reply_markup: dict[str, Any] | None = None


@dataclass(frozen=True)
class HeldStory:
    """An alerted story held back by quiet hours, with the message rendered when it matched."""

    chat_id: int
    thread_id: int
    cluster_id: int
    article_id: int
    release_at: datetime
    message: OutgoingMessage | None


@dataclass(frozen=True)
class NewStory:
    """A story that matched a destination, with what becomes of it (see the statuses above).

    Held and queued stories carry their message; a held one without a message was already
    over the hourly cap when it was held, and is only counted when quiet hours end.
    """

    cluster_id: int
    alert_id: int
    article_id: int
    status: str
    release_at: datetime | None = None
    message: OutgoingMessage | None = None


@dataclass(frozen=True)
class HourUsage:
    """Alerts queued for a destination in the current UTC hour, and whether it heard of the cap."""

    sent: int
    told: bool


def _alert(row: Any) -> Alert:
    return Alert(
        id=row.id,
        chat_id=row.chat_id,
        thread_id=row.thread_id,
        words=row.words,
        region_id=row.region_id or None,
        created_by=row.created_by,
        created_at=row.created_at,
    )


class AlertsRepository:
    """Create, list and remove alerts; open batches that queue alerted stories."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(
        self,
        chat_id: int,
        thread_id: int,
        words: str,
        region_id: str | None,
        created_by: int | None,
        now: datetime,
    ) -> tuple[Alert, bool]:
        """Store an alert; returns it and False when the destination already had it."""
        stmt = dialect_insert(self._engine, alerts).values(
            chat_id=chat_id,
            thread_id=thread_id,
            words=words,
            region_id=region_id or "",
            created_by=created_by,
            created_at=now,
        )
        key = and_(
            alerts.c.chat_id == chat_id,
            alerts.c.thread_id == thread_id,
            alerts.c.words == words,
            alerts.c.region_id == (region_id or ""),
        )
        with write_transaction(self._engine) as conn:
            added = conn.execute(stmt.on_conflict_do_nothing().returning(alerts.c.id)).first()
            row = conn.execute(select(alerts).where(key)).one()
        return _alert(row), added is not None

    def for_destination(self, chat_id: int, thread_id: int) -> list[Alert]:
        """The alerts of one destination, oldest first."""
        query = (
            select(alerts)
            .where(alerts.c.chat_id == chat_id, alerts.c.thread_id == thread_id)
            .order_by(alerts.c.id)
        )
        with read_transaction(self._engine) as conn:
            return [_alert(row) for row in conn.execute(query).all()]

    def all(self) -> list[Alert]:
        """Every alert of every destination."""
        with read_transaction(self._engine) as conn:
            return [_alert(row) for row in conn.execute(select(alerts).order_by(alerts.c.id))]

    def remove(self, chat_id: int, thread_id: int, alert_id: int) -> Alert | None:
        """Delete one alert of this destination by id; returns it, or None when not found."""
        key = and_(
            alerts.c.id == alert_id, alerts.c.chat_id == chat_id, alerts.c.thread_id == thread_id
        )
        with write_transaction(self._engine) as conn:
            row = conn.execute(select(alerts).where(key)).first()
            if row is None:
                return None
            conn.execute(alerts.delete().where(key))
        return _alert(row)

    def remove_words(self, chat_id: int, thread_id: int, words: str) -> int:
        """Delete this destination's alerts with exactly these words (any region)."""
        key = and_(
            alerts.c.chat_id == chat_id, alerts.c.thread_id == thread_id, alerts.c.words == words
        )
        with write_transaction(self._engine) as conn:
            return int(conn.execute(alerts.delete().where(key)).rowcount)

    def unscanned(self, since: datetime, limit: int = 500) -> list[Article]:
        """Articles first seen since `since` not yet matched against the alerts, oldest first."""
        scanned = select(alert_scans.c.article_id).where(alert_scans.c.article_id == articles.c.id)
        query = (
            select(articles)
            .where(articles.c.first_seen_at >= since, ~scanned.exists())
            .order_by(articles.c.id)
            .limit(limit)
        )
        with read_transaction(self._engine) as conn:
            return load_articles(conn, query)

    def prune(self, scans_before: datetime, stories_before: datetime) -> int:
        """Forget scan marks, hourly counts and alerted stories older than the given times.

        Held stories are kept whatever their age: they still have a message to deliver.
        """
        with write_transaction(self._engine) as conn:
            removed = conn.execute(
                alert_scans.delete().where(alert_scans.c.scanned_at < scans_before)
            ).rowcount
            removed += conn.execute(
                alert_hours.delete().where(alert_hours.c.hour < scans_before)
            ).rowcount
            removed += conn.execute(
                alert_stories.delete().where(
                    alert_stories.c.created_at < stories_before, alert_stories.c.status != HELD
                )
            ).rowcount
        return int(removed)

    def stories(self, chat_id: int) -> list[tuple[int, str]]:
        """(cluster id, status) of every story alerted to a chat (for tests and diagnostics)."""
        query = (
            select(alert_stories.c.cluster_id, alert_stories.c.status)
            .where(alert_stories.c.chat_id == chat_id)
            .order_by(alert_stories.c.created_at, alert_stories.c.cluster_id)
        )
        with read_transaction(self._engine) as conn:
            return [(int(row.cluster_id), str(row.status)) for row in conn.execute(query)]

    @contextmanager
    def batch(self, now: datetime) -> Iterator[AlertBatch]:
        """One write transaction for claiming articles and queueing their alerts."""
        # Imported here: the batch's steps take their records from this module.
        from bot.store.alert_batch import AlertBatch

        with write_transaction(self._engine) as conn:
            yield AlertBatch(self._engine, conn, now)
