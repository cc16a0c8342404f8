"""Retention: old articles lose their content but keep what de-duplication needs.

Two stages, both by `first_seen_at` (when we stored it, which is what digests follow):
- after `retention_days` an article becomes a tombstone: its text, sections and summary are
  emptied, its region links and full-text entry removed, so no digest, region view or search
  shows it; its canonical URL, guid and fingerprint stay, so `articles.seen()` still knows it
  and a feed that keeps listing an old entry does not bring it back as news.
- after `tombstone_days` (a year by default; feeds do not resurface entries that old) the row
  is deleted outright; the database cascades the delete to region links and the index.

Work goes in small batches, each its own transaction, so the bot keeps writing meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Text,
    and_,
    cast,
    delete,
    exists,
    or_,
    select,
    update,
)

from bot.ops.errors import OpsError
from bot.store import IndexEntry, write_index, write_transaction
from bot.store import article_regions_table as article_regions
from bot.store import articles_table as articles

DEFAULT_TOMBSTONE_DAYS = 365
BATCH_SIZE = 500


@dataclass(frozen=True)
class RetentionResult:
    """How many articles became tombstones and how many tombstones were deleted."""

    tombstoned: int
    deleted: int


def prune_articles(
    engine: Engine,
    *,
    now: datetime,
    retention_days: int,
    tombstone_days: int = DEFAULT_TOMBSTONE_DAYS,
    batch_size: int = BATCH_SIZE,
) -> RetentionResult:
    """Apply both retention stages as of `now` (timezone-aware); blocking, run it in a thread."""
    if now.tzinfo is None:
        raise OpsError("retention needs a timezone-aware time")
    if retention_days < 1:
        raise OpsError("NEWSBOT_RETENTION_DAYS must be at least 1")
    tombstone_days = max(tombstone_days, retention_days)
    deleted = _delete_old_tombstones(engine, now - timedelta(days=tombstone_days), batch_size)
    tombstoned = _tombstone(engine, now - timedelta(days=retention_days), batch_size)
    return RetentionResult(tombstoned=tombstoned, deleted=deleted)


def _delete_old_tombstones(engine: Engine, before: datetime, batch_size: int) -> int:
    def delete_rows(conn: Connection, ids: list[int]) -> None:
        conn.execute(delete(articles).where(articles.c.id.in_(ids)))

    return _in_batches(engine, articles.c.first_seen_at < before, batch_size, delete_rows)


def _still_has_content() -> ColumnElement[bool]:
    linked = exists().where(article_regions.c.article_id == articles.c.id)
    return or_(
        articles.c.text != "",
        cast(articles.c.summary, Text) != "[]",
        cast(articles.c.sections, Text) != "[]",
        linked,
    )


def _tombstone(engine: Engine, before: datetime, batch_size: int) -> int:
    def empty_rows(conn: Connection, ids: list[int]) -> None:
        conn.execute(
            update(articles)
            .where(articles.c.id.in_(ids))
            .values(text="", sections=[], summary=[], cluster_id=None)
        )
        conn.execute(delete(article_regions).where(article_regions.c.article_id.in_(ids)))
        # An empty entry matches no query: the article leaves search with its content.
        write_index(conn, [IndexEntry(article_id=i, title="", body="") for i in ids])

    old_with_content = and_(articles.c.first_seen_at < before, _still_has_content())
    return _in_batches(engine, old_with_content, batch_size, empty_rows)


def _in_batches(
    engine: Engine,
    condition: ColumnElement[bool],
    batch_size: int,
    act: Callable[[Connection, list[int]], None],
) -> int:
    """Apply `act` to the matching article ids, a batch per transaction; returns the count."""
    total = 0
    while True:
        with write_transaction(engine) as conn:
            ids = list(
                conn.execute(
                    select(articles.c.id).where(condition).order_by(articles.c.id).limit(batch_size)
                ).scalars()
            )
            if not ids:
                return total
            act(conn, ids)
        total += len(ids)
