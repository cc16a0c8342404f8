"""The ranked search statement for each database.

Both rank the same way: only the POOL_SIZE most recently stored matches (after the region
and date filters) are scored, so a query that matches most of a 100,000-article archive costs
the same as a rare one. Each is scored relevance / (1 + age_days / RECENCY_HALF_DAYS).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal, literal_column, select
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.sql import table

from bot.store.schema import articles
from bot.store.segment import QueryGroup

# A match loses half its weight after this many days: fresh news first, strong matches stay.
RECENCY_HALF_DAYS = 14.0
# How many of the newest matches are ranked (and counted); older ones are out of reach.
POOL_SIZE = 1000
# A query with at least this many matches is "dense" (see pg_ranked).
DENSE_MATCHES = 5000
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0

_fts = table("article_fts", column("rowid"))
_pg_index = table("article_search", column("article_id"), column("document", TSVECTOR()))


def fts_match(groups: Sequence[QueryGroup]) -> str:
    """The FTS5 MATCH string: every group a quoted phrase, so no user text is an operator."""
    return " AND ".join('"' + g.phrase.replace('"', '""') + '"' for g in groups)


def pg_tsquery(groups: Sequence[QueryGroup]) -> ColumnElement[Any]:
    """The tsquery: each group through phraseto_tsquery (which ignores operators), ANDed."""
    tsquery: ColumnElement[Any] = func.phraseto_tsquery("simple", groups[0].phrase, type_=TSQUERY)
    for group in groups[1:]:
        following = func.phraseto_tsquery("simple", group.phrase, type_=TSQUERY)
        tsquery = tsquery.op("&&", return_type=TSQUERY)(following)
    return tsquery


def sqlite_ranked(
    groups: Sequence[QueryGroup], filters: Sequence[ColumnElement[bool]], now: datetime
) -> Select[Any]:
    """(id, score) of the pool, best first, on SQLite FTS5 (bm25 weights title over body)."""
    relevance = -func.bm25(literal_column("article_fts"), TITLE_WEIGHT, BODY_WEIGHT)
    pool = (
        select(articles.c.id, articles.c.published_at, relevance.label("relevance"))
        .select_from(_fts.join(articles, articles.c.id == _fts.c.rowid))
        .where(literal_column("article_fts").op("MATCH")(fts_match(groups)), *filters)
        .order_by(_fts.c.rowid.desc())
        .limit(POOL_SIZE)
        .subquery()
    )
    stamp = now.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S")
    age = func.max(func.julianday(stamp) - func.julianday(pool.c.published_at), 0.0)
    score = pool.c.relevance / (1.0 + age / RECENCY_HALF_DAYS)
    return select(pool.c.id, score.label("score")).order_by(
        literal_column("score").desc(), pool.c.id.desc()
    )


def pg_dense_probe(groups: Sequence[QueryGroup]) -> Select[Any]:
    """Counts matches up to DENSE_MATCHES (run with sequential scans off, so via GIN)."""
    matches = (
        select(_pg_index.c.article_id)
        .where(_pg_index.c.document.op("@@")(pg_tsquery(groups)))
        .limit(DENSE_MATCHES)
        .subquery()
    )
    return select(func.count()).select_from(matches)


def pg_ranked(
    groups: Sequence[QueryGroup],
    filters: Sequence[ColumnElement[bool]],
    now: datetime,
    *,
    dense: bool,
) -> Select[Any]:
    """(id, score) of the pool, best first, on PostgreSQL (ts_rank, title weighted A).

    A dense query walks the primary key backwards and stops at POOL_SIZE matches; a sparse
    one must not (it would test every row), so "+ 0" steers it to the GIN index instead.
    """
    tsquery = pg_tsquery(groups)
    key = _pg_index.c.article_id
    newest_first = key.desc() if dense else (key + 0).desc()
    pool = (
        select(articles.c.id, articles.c.published_at)
        .select_from(_pg_index.join(articles, articles.c.id == _pg_index.c.article_id))
        .where(_pg_index.c.document.op("@@")(tsquery), *filters)
        .order_by(newest_first)
        .limit(POOL_SIZE)
        .subquery()
    )
    scored = _pg_index.alias("scored")
    relevance = func.ts_rank(scored.c.document, tsquery)
    age_seconds = func.extract("epoch", literal(now) - pool.c.published_at)
    age = func.greatest(age_seconds / 86400.0, 0.0)
    score = relevance / (1.0 + age / RECENCY_HALF_DAYS)
    return (
        select(pool.c.id, score.label("score"))
        .select_from(pool.join(scored, scored.c.article_id == pool.c.id))
        .order_by(literal_column("score").desc(), pool.c.id.desc())
    )
