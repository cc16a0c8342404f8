"""The two retention steps on stored articles, each in small batches of their own transaction.

- `empty_before`: articles first seen before a time become tombstones: their text, sections and
  summary are emptied, their region links and full-text entry removed, so no digest, region
  view or search shows them; the canonical URL, guid and fingerprint stay, so
  `ArticlesRepository.seen()` still knows them and a feed that keeps listing an old entry does
  not bring it back as news.
- `delete_before`: the rows go outright; the database cascades the delete to region links and
  the index.

Small batches let the bot keep writing meanwhile. The policy (how old is old) is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

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

from bot.store.engine import write_transaction
from bot.store.schema import article_regions, articles
from bot.store.search_index import IndexEntry, write_index
from bot.store.timestamps import to_utc


def delete_before(engine: Engine, before: datetime, batch_size: int) -> int:
    """Delete every article first seen before `before`; returns how many."""

    def delete_rows(conn: Connection, ids: list[int]) -> None:
        conn.execute(delete(articles).where(articles.c.id.in_(ids)))

    condition = articles.c.first_seen_at < to_utc(before)
    return _in_batches(engine, condition, batch_size, delete_rows)


def _still_has_content() -> ColumnElement[bool]:
    linked = exists().where(article_regions.c.article_id == articles.c.id)
    return or_(
        articles.c.text != "",
        cast(articles.c.summary, Text) != "[]",
        cast(articles.c.sections, Text) != "[]",
        linked,
    )


def empty_before(engine: Engine, before: datetime, batch_size: int) -> int:
    """Turn articles first seen before `before` into tombstones; returns how many changed."""

    def empty_rows(conn: Connection, ids: list[int]) -> None:
        conn.execute(
            update(articles)
            .where(articles.c.id.in_(ids))
            .values(text="", sections=[], summary=[], cluster_id=None)
        )
        conn.execute(delete(article_regions).where(article_regions.c.article_id.in_(ids)))
        # An empty entry matches no query: the article leaves search with its content.
        write_index(conn, [IndexEntry(article_id=i, title="", body="") for i in ids])

    old_with_content = and_(articles.c.first_seen_at < to_utc(before), _still_has_content())
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
