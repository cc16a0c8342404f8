"""Full-text search ranked by relevance and recency: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, column, func, literal, literal_column, select
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.sql import table

from bot.store.articles import in_regions, load_articles
from bot.store.engine import read_transaction
from bot.store.records import Article, SearchHit, SearchPage
from bot.store.schema import articles
from bot.store.segment import QueryGroup, query_groups
from bot.store.snippets import make_snippet
from bot.store.timestamps import to_utc

# A match loses half its weight after this many days: fresh news first, strong matches stay.
RECENCY_HALF_DAYS = 14.0
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
MAX_LIMIT = 100

_fts = table("article_fts", column("rowid"))
_pg_index = table("article_search", column("article_id"), column("document", TSVECTOR()))


def _fts_match(groups: list[QueryGroup]) -> str:
    # Every group becomes a quoted FTS5 string, so no user character is ever an operator.
    return " AND ".join('"' + g.phrase.replace('"', '""') + '"' for g in groups)


def _sqlite_query(groups: list[QueryGroup], now: datetime) -> tuple[Select[Any], Any]:
    relevance = -func.bm25(literal_column("article_fts"), TITLE_WEIGHT, BODY_WEIGHT)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S")
    age = func.max(func.julianday(stamp) - func.julianday(articles.c.published_at), 0.0)
    score = relevance / (1.0 + age / RECENCY_HALF_DAYS)
    base = (
        select(articles.c.id, score.label("score"))
        .select_from(_fts.join(articles, articles.c.id == _fts.c.rowid))
        .where(literal_column("article_fts").op("MATCH")(_fts_match(groups)))
    )
    return base, score


def _pg_query(groups: list[QueryGroup], now: datetime) -> tuple[Select[Any], Any]:
    tsquery: ColumnElement[Any] = func.phraseto_tsquery("simple", groups[0].phrase, type_=TSQUERY)
    for group in groups[1:]:
        next_query = func.phraseto_tsquery("simple", group.phrase, type_=TSQUERY)
        tsquery = tsquery.op("&&", return_type=TSQUERY)(next_query)
    document = _pg_index.c.document
    relevance = func.ts_rank(document, tsquery)
    age_seconds = func.extract("epoch", literal(now) - articles.c.published_at)
    age = func.greatest(age_seconds / 86400.0, 0.0)
    score = relevance / (1.0 + age / RECENCY_HALF_DAYS)
    base = (
        select(articles.c.id, score.label("score"))
        .select_from(_pg_index.join(articles, articles.c.id == _pg_index.c.article_id))
        .where(document.op("@@")(tsquery))
    )
    return base, score


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
        """Articles matching every word of `query` (published in [since, until)), best first."""
        groups = query_groups(query)
        limit = max(0, min(limit, MAX_LIMIT))
        if not groups:
            return SearchPage(hits=[], total=0)
        clock = to_utc(now) if now else datetime.now(UTC)
        if self._engine.dialect.name == "sqlite":
            base, _score = _sqlite_query(groups, clock.replace(tzinfo=None))
        else:
            base, _score = _pg_query(groups, clock)
        if region_id is not None:
            base = base.where(in_regions([region_id]))
        if since is not None:
            base = base.where(articles.c.published_at >= to_utc(since))
        if until is not None:
            base = base.where(articles.c.published_at < to_utc(until))
        ranked = base.order_by(literal_column("score").desc(), articles.c.id.desc())
        counter = select(func.count()).select_from(base.subquery())
        with read_transaction(self._engine) as conn:
            total = int(conn.execute(counter).scalar_one())
            page = conn.execute(ranked.limit(limit).offset(max(0, offset))).all()
            found = {
                a.id: a
                for a in load_articles(
                    conn, select(articles).where(articles.c.id.in_([row.id for row in page]))
                )
            }
        surfaces = [g.surface for g in groups]
        hits = [
            SearchHit(
                article=found[row.id],
                score=float(row.score),
                snippet=_snippet(found[row.id], surfaces),
            )
            for row in page
            if row.id in found
        ]
        return SearchPage(hits=hits, total=total)


def _snippet(article: Article, surfaces: list[str]) -> str:
    sources = [" ".join(article.summary), article.text, article.title]
    return make_snippet([source for source in sources if source], surfaces)
