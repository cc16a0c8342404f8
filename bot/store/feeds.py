"""Subscribed feeds and their fetch bookkeeping."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, Row, func, select

from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.errors import UnknownRegionError
from bot.store.feed_schedule import MAX_REASON_CHARS, FeedSchedule
from bot.store.schema import feed_failures, feeds, regions
from bot.store.timestamps import to_utc

FeedState = Literal["active", "paused"]


@dataclass(frozen=True)
class Feed:
    """A subscribed feed and its fetch bookkeeping."""

    id: int
    url: str
    region_id: str | None
    title: str | None
    etag: str | None
    last_modified: str | None
    next_check_at: datetime | None
    error_count: int
    last_error: str | None
    last_success_at: datetime | None
    state: FeedState
    created_at: datetime


@dataclass(frozen=True)
class CheckSucceeded:
    """The feed answered: 304 (`not_modified`: validators kept) or a body and its validators.

    `title` names a feed that has no title yet (a stored title is never overwritten).
    """

    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    title: str | None = None


@dataclass(frozen=True)
class CheckFailed:
    """The check failed, for this reason (kept to MAX_REASON_CHARS on the feed)."""

    reason: str


CheckOutcome = CheckSucceeded | CheckFailed
"""What one check of a feed came to."""

DEFAULT_SCHEDULE = FeedSchedule()


def _feed(row: Row[Any]) -> Feed:
    return Feed(
        id=row.id,
        url=row.url,
        region_id=row.region_id,
        title=row.title,
        etag=row.etag,
        last_modified=row.last_modified,
        next_check_at=row.next_check_at,
        error_count=row.error_count,
        last_error=row.last_error,
        last_success_at=row.last_success_at,
        state=row.state,
        created_at=row.created_at,
    )


def _check_region(conn: Connection, region_id: str | None) -> None:
    if region_id is None:
        return
    found = conn.execute(select(regions.c.id).where(regions.c.id == region_id)).first()
    if found is None:
        raise UnknownRegionError(region_id)


def _add_failures(conn: Connection, feed_id: int, day: date, count: int) -> None:
    insert = dialect_insert(conn.engine, feed_failures).values(
        day=day, feed_id=feed_id, count=count
    )
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[feed_failures.c.day, feed_failures.c.feed_id],
            set_={"count": feed_failures.c.count + insert.excluded.count},
        )
    )


class FeedsRepository:
    """Add, list, schedule and update feeds."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(
        self,
        url: str,
        region_id: str | None = None,
        title: str | None = None,
        *,
        now: datetime | None = None,
    ) -> Feed:
        """Add a feed, or return the one already stored under this URL (unchanged)."""
        created = to_utc(now) if now else datetime.now(UTC)
        stmt = (
            dialect_insert(self._engine, feeds)
            .values(url=url, region_id=region_id, title=title, created_at=created)
            .on_conflict_do_nothing(index_elements=[feeds.c.url])
        )
        with write_transaction(self._engine) as conn:
            existing = conn.execute(select(feeds).where(feeds.c.url == url)).first()
            if existing is not None:
                return _feed(existing)
            _check_region(conn, region_id)
            conn.execute(stmt)
            row = conn.execute(select(feeds).where(feeds.c.url == url)).one()
        return _feed(row)

    def get(self, feed_id: int) -> Feed | None:
        """The feed with this id, if any."""
        with read_transaction(self._engine) as conn:
            row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).first()
        return None if row is None else _feed(row)

    def get_by_url(self, url: str) -> Feed | None:
        """The feed stored under exactly this URL, if any."""
        with read_transaction(self._engine) as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).first()
        return None if row is None else _feed(row)

    def list(self, region_id: str | None = None) -> list[Feed]:
        """Every feed (optionally of one region), oldest first."""
        query = select(feeds).order_by(feeds.c.id)
        if region_id is not None:
            query = query.where(feeds.c.region_id == region_id)
        with read_transaction(self._engine) as conn:
            rows = conn.execute(query).all()
        return [_feed(row) for row in rows]

    def remove(self, feed_id: int) -> bool:
        """Delete a feed (its articles stay, detached); True when it existed."""
        with write_transaction(self._engine) as conn:
            result = conn.execute(feeds.delete().where(feeds.c.id == feed_id))
        return bool(result.rowcount)

    def due(self, now: datetime, limit: int = 100) -> builtins.list[Feed]:
        """Active feeds whose next check is unset or not after `now`, most overdue first."""
        query = (
            select(feeds)
            .where(feeds.c.state == "active")
            .where((feeds.c.next_check_at.is_(None)) | (feeds.c.next_check_at <= to_utc(now)))
            .order_by(feeds.c.next_check_at.asc().nulls_first(), feeds.c.id)
            .limit(limit)
        )
        with read_transaction(self._engine) as conn:
            rows = conn.execute(query).all()
        return [_feed(row) for row in rows]

    def record_check(
        self,
        feed_id: int,
        outcome: CheckOutcome,
        now: datetime,
        schedule: FeedSchedule = DEFAULT_SCHEDULE,
    ) -> Feed | None:
        """Apply a check's outcome: next check time, failure count, pausing, failure history.

        A success clears the failures and reactivates the feed; a failure counts one more
        (and one more on the day's tally), backs off and pauses after `schedule.pause_after`
        in a row. Returns the updated feed, None when it no longer exists.
        """
        at = to_utc(now)
        key = feeds.c.id == feed_id
        with write_transaction(self._engine) as conn:
            if isinstance(outcome, CheckFailed):
                # Counting in SQL under the row's write lock: two checks never lose a failure.
                count = conn.execute(
                    feeds.update()
                    .where(key)
                    .values(
                        error_count=feeds.c.error_count + 1,
                        last_error=outcome.reason[:MAX_REASON_CHARS],
                    )
                    .returning(feeds.c.error_count)
                ).scalar_one_or_none()
                if count is None:
                    return None
                values: dict[str, Any] = {"next_check_at": at + schedule.backoff(count)}
                if schedule.pauses(count):
                    values["state"] = "paused"
                _add_failures(conn, feed_id, at.date(), 1)
            else:
                values = {
                    "next_check_at": at + schedule.interval,
                    "error_count": 0,
                    "last_error": None,
                    "last_success_at": at,
                    "state": "active",
                }
                if not outcome.not_modified:
                    values.update(etag=outcome.etag, last_modified=outcome.last_modified)
                if outcome.title:
                    values["title"] = func.coalesce(feeds.c.title, outcome.title[:500])
            return self._change(conn, feed_id, values)

    def rename(self, feed_id: int, title: str | None) -> Feed | None:
        """Set (or clear) the feed's title; None when it no longer exists."""
        with write_transaction(self._engine) as conn:
            return self._change(conn, feed_id, {"title": title})

    def set_region(self, feed_id: int, region_id: str | None) -> Feed | None:
        """File the feed under a region (None: no region); UnknownRegionError if unknown."""
        with write_transaction(self._engine) as conn:
            _check_region(conn, region_id)
            return self._change(conn, feed_id, {"region_id": region_id})

    def pause(self, feed_id: int) -> Feed | None:
        """Stop checking the feed until it is resumed."""
        with write_transaction(self._engine) as conn:
            return self._change(conn, feed_id, {"state": "paused"})

    def resume(self, feed_id: int) -> Feed | None:
        """Check the feed again at once, its failures forgiven (the daily history stays)."""
        values = {"state": "active", "error_count": 0, "next_check_at": None, "last_error": None}
        with write_transaction(self._engine) as conn:
            return self._change(conn, feed_id, values)

    def check_at(self, feed_id: int, when: datetime | None) -> Feed | None:
        """Move the feed's next check (None: due at once) without touching anything else."""
        with write_transaction(self._engine) as conn:
            return self._change(conn, feed_id, {"next_check_at": to_utc(when) if when else None})

    def _change(self, conn: Connection, feed_id: int, values: dict[str, Any]) -> Feed | None:
        conn.execute(feeds.update().where(feeds.c.id == feed_id).values(**values))
        row = conn.execute(select(feeds).where(feeds.c.id == feed_id)).first()
        return None if row is None else _feed(row)

    def record_failure(self, feed_id: int, day: date, count: int = 1) -> bool:
        """Add `count` failed checks to the feed's tally for `day` (UTC); False if no such feed."""
        with write_transaction(self._engine) as conn:
            exists = conn.execute(select(feeds.c.id).where(feeds.c.id == feed_id)).first()
            if exists is None:
                return False
            _add_failures(conn, feed_id, day, count)
        return True

    def failures_by_day(self, since: date, feed_id: int | None = None) -> dict[date, int]:
        """Failed checks per UTC day from `since` on, over every feed (or just one)."""
        query = (
            select(feed_failures.c.day, func.sum(feed_failures.c.count))
            .where(feed_failures.c.day >= since)
            .group_by(feed_failures.c.day)
        )
        if feed_id is not None:
            query = query.where(feed_failures.c.feed_id == feed_id)
        with read_transaction(self._engine) as conn:
            return {day: int(total) for day, total in conn.execute(query).all()}

    def count_by_state(self) -> dict[str, int]:
        """How many feeds are in each state (for metrics)."""
        query = select(feeds.c.state, func.count()).group_by(feeds.c.state)
        with read_transaction(self._engine) as conn:
            return {state: int(count) for state, count in conn.execute(query).all()}

    def add_many(self, urls: Sequence[tuple[str, str | None]]) -> int:
        """Add (url, region_id) pairs in one transaction, skipping known URLs; returns added."""
        if not urls:
            return 0
        now = datetime.now(UTC)
        added = 0
        with write_transaction(self._engine) as conn:
            for url, region_id in urls:
                _check_region(conn, region_id)
                stmt = (
                    dialect_insert(self._engine, feeds)
                    .values(url=url, region_id=region_id, created_at=now)
                    .on_conflict_do_nothing(index_elements=[feeds.c.url])
                    .returning(feeds.c.id)
                )
                added += len(conn.execute(stmt).all())
        return added
