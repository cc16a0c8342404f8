"""Full-text search ranked by relevance and recency: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, select

from bot.store.articles import Article, in_regions, load_articles
from bot.store.engine import read_transaction
from bot.store.schema import articles
from bot.store.search_sql import DENSE_MATCHES, pg_dense_probe, pg_ranked, sqlite_ranked
from bot.store.segment import QueryGroup, query_groups
from bot.store.snippets import make_snippet
from bot.store.timestamps import to_utc


@dataclass(frozen=True)
class SearchHit:
    """One search result: the article, its combined relevance-and-recency score, a snippet."""

    article: Article
    score: float
    snippet: str


@dataclass(frozen=True)
class SearchPage:
    """A page of search results and the number of matches over all pages."""

    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0


MAX_LIMIT = 100


def _filters(
    region_id: str | None, since: datetime | None, until: datetime | None
) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if region_id is not None:
        filters.append(in_regions([region_id]))
    if since is not None:
        filters.append(articles.c.published_at >= to_utc(since))
    if until is not None:
        filters.append(articles.c.published_at < to_utc(until))
    return filters


class SearchRepository:
    """Search stored articles; any string is a valid query."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def search(
        self,
        query: str,
        *,
        region_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 5,
        offset: int = 0,
        now: datetime | None = None,
    ) -> SearchPage:
        """Articles holding every word of `query`, published in [since, until), best first.

        `total` counts the matches that are ranked: at most `search_sql.POOL_SIZE`, the newest.
        """
        groups = query_groups(query)
        if not groups:
            return SearchPage(hits=[], total=0)
        clock = to_utc(now) if now else datetime.now(UTC)
        filters = _filters(region_id, since, until)
        start = max(0, offset)
        with read_transaction(self._engine) as conn:
            scored = _scored(conn, groups, filters, clock)
            page = scored[start : start + max(0, min(limit, MAX_LIMIT))]
            wanted = [row.id for row in page]
            found = {
                article.id: article
                for article in load_articles(
                    conn, select(articles).where(articles.c.id.in_(wanted))
                )
            }
        surfaces = [g.surface for g in groups]
        hits = [_hit(found[row.id], row, surfaces) for row in page if row.id in found]
        return SearchPage(hits=hits, total=len(scored))

    def ranked_ids(self, query: str, *, now: datetime | None = None) -> list[int]:
        """The ids of every ranked match of `query`, best first, in `search`'s order.

        For callers that page through one query many times (inline mode) and load the
        articles of each page themselves.
        """
        groups = query_groups(query)
        if not groups:
            return []
        clock = to_utc(now) if now else datetime.now(UTC)
        with read_transaction(self._engine) as conn:
            return [int(row.id) for row in _scored(conn, groups, [], clock)]


def _scored(
    conn: Connection, groups: list[QueryGroup], filters: list[ColumnElement[bool]], now: datetime
) -> list[Any]:
    """(id, score) rows of the ranked pool, best first, on either database."""
    if conn.dialect.name == "sqlite":
        ranked = sqlite_ranked(groups, filters, now)
    else:
        ranked = pg_ranked(groups, filters, now, dense=_is_dense(conn, groups))
    return list(conn.execute(ranked).all())


def _is_dense(conn: Connection, groups: list[QueryGroup]) -> bool:
    """Probe through the GIN index; a sparse query keeps sequential scans off afterwards.

    The documents live out of line (TOAST), which the planner does not price: for a rare
    query it may judge a sequential scan of article_search cheaper than the GIN index, and
    then decompresses every document (100,000 articles: ~450 ms instead of ~30 ms).
    """
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    count = int(conn.execute(pg_dense_probe(groups)).scalar_one())
    dense = count >= DENSE_MATCHES
    if dense:
        conn.exec_driver_sql("SET LOCAL enable_seqscan = on")
    return dense


def _hit(article: Article, row: Any, surfaces: list[str]) -> SearchHit:
    sources = [" ".join(article.summary), article.text, article.title]
    snippet = make_snippet([source for source in sources if source], surfaces)
    return SearchHit(article=article, score=float(row.score), snippet=snippet)
