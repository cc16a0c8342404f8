"""Stored articles: de-duplication look-ups, insertion with regions and index, listings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlalchemy import Connection, Engine, Select, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from bot.store import article_retention
from bot.store.engine import read_transaction, write_transaction
from bot.store.errors import DuplicateArticleError, StoreError, UnknownRegionError
from bot.store.schema import article_regions, articles, regions
from bot.store.search_index import index_entry, write_index
from bot.store.timestamps import to_utc


@dataclass(frozen=True)
class SectionSummaryRecord:
    """The condensed sentences of one section of an article, under its heading (may be empty)."""

    heading: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class NewArticle:
    """An article about to be stored.

    `published_at` falls back to `first_seen_at`, which falls back to the time of insertion.
    `cluster_id=None` makes the article the first of a new story cluster (its own id).
    `note` says why the article was stored from its feed's own text (a stage failed).
    """

    url: str
    title: str
    feed_id: int | None = None
    guid: str | None = None
    source: str = ""
    published_at: datetime | None = None
    first_seen_at: datetime | None = None
    language: str | None = None
    text: str = ""
    sections: tuple[SectionSummaryRecord, ...] = ()
    summary: tuple[str, ...] = ()
    fingerprint: str | None = None
    cluster_id: int | None = None
    regions: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Article:
    """A stored article; `url` is the canonical URL, timestamps are aware UTC."""

    id: int
    feed_id: int | None
    url: str
    guid: str | None
    title: str
    source: str
    published_at: datetime
    first_seen_at: datetime
    language: str | None
    text: str
    sections: tuple[SectionSummaryRecord, ...]
    summary: tuple[str, ...]
    fingerprint: str | None
    cluster_id: int | None
    regions: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class ArticleForClustering:
    """What near-duplicate matching reads of a stored article: no body, only its lead.

    `lead` is the start of the text (as many characters as asked), or the summary's sentences
    when the article has no text; `cluster_id` is the article's own id when it heads a story.
    """

    id: int
    cluster_id: int
    title: str
    lead: str


@dataclass(frozen=True)
class ArticleForDigest:
    """What a digest shows and groups of a stored article: everything but its body."""

    id: int
    cluster_id: int | None
    url: str
    title: str
    source: str
    published_at: datetime
    first_seen_at: datetime
    sections: tuple[SectionSummaryRecord, ...]
    summary: tuple[str, ...]
    regions: tuple[str, ...] = ()


_CHUNK = 500


def _sections_json(sections: Iterable[SectionSummaryRecord]) -> list[dict[str, Any]]:
    return [{"heading": s.heading, "sentences": list(s.sentences)} for s in sections]


def _sections(raw: Any) -> tuple[SectionSummaryRecord, ...]:
    return tuple(
        SectionSummaryRecord(
            heading=str(item.get("heading", "")), sentences=tuple(item["sentences"])
        )
        for item in raw or ()
    )


def _row_values(article: NewArticle, now: datetime) -> dict[str, Any]:
    first_seen = to_utc(article.first_seen_at) if article.first_seen_at else now
    published = to_utc(article.published_at) if article.published_at else first_seen
    return {
        "feed_id": article.feed_id,
        "url": article.url,
        "guid": article.guid,
        "title": article.title,
        "source": article.source,
        "published_at": published,
        "first_seen_at": first_seen,
        "language": article.language,
        "text": article.text,
        "sections": _sections_json(article.sections),
        "summary": list(article.summary),
        "fingerprint": article.fingerprint,
        "cluster_id": article.cluster_id,
        "note": article.note,
    }


def _region_tags(conn: Connection, ids: Sequence[int]) -> dict[int, list[str]]:
    """The region ids of each article, sorted, in chunks below the bound-parameter limit."""
    tags: dict[int, list[str]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        pairs = conn.execute(
            select(article_regions.c.article_id, article_regions.c.region_id)
            .where(article_regions.c.article_id.in_(chunk))
            .order_by(article_regions.c.region_id)
        ).all()
        for article_id, region_id in pairs:
            tags.setdefault(article_id, []).append(region_id)
    return tags


def load_articles(conn: Connection, query: Select[Any]) -> list[Article]:
    """Run a select over `articles` and attach each article's regions, keeping the order."""
    rows = conn.execute(query).all()
    tags = _region_tags(conn, [row.id for row in rows])
    return [_article(row, tuple(tags.get(row.id, ()))) for row in rows]


def _article(row: Any, region_ids: tuple[str, ...]) -> Article:
    return Article(
        id=row.id,
        feed_id=row.feed_id,
        url=row.url,
        guid=row.guid,
        title=row.title,
        source=row.source,
        published_at=row.published_at,
        first_seen_at=row.first_seen_at,
        language=row.language,
        text=row.text,
        sections=_sections(row.sections),
        summary=tuple(row.summary or ()),
        fingerprint=row.fingerprint,
        cluster_id=row.cluster_id,
        regions=region_ids,
        note=row.note,
    )


def in_regions(region_ids: Sequence[str]) -> Any:
    """A condition: the article is tagged with at least one of `region_ids`."""
    return exists().where(
        (article_regions.c.article_id == articles.c.id)
        & article_regions.c.region_id.in_(list(region_ids))
    )


def _check_regions(conn: Connection, region_ids: set[str]) -> None:
    if not region_ids:
        return
    known = set(conn.execute(select(regions.c.id).where(regions.c.id.in_(region_ids))).scalars())
    for region_id in sorted(region_ids - known):
        raise UnknownRegionError(region_id)


class ArticlesRepository:
    """Insert and read articles; the full-text index is updated in the same transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def seen(
        self,
        canonical_url: str | None = None,
        guid: str | None = None,
        fingerprint: str | None = None,
    ) -> bool:
        """True when any stored article has this canonical URL, guid or content fingerprint."""
        conditions = []
        if canonical_url:
            conditions.append(articles.c.url == canonical_url)
        if guid:
            conditions.append(articles.c.guid == guid)
        if fingerprint:
            conditions.append(articles.c.fingerprint == fingerprint)
        if not conditions:
            return False
        with read_transaction(self._engine) as conn:
            found = conn.execute(select(articles.c.id).where(or_(*conditions)).limit(1)).first()
        return found is not None

    def add(self, article: NewArticle) -> Article:
        """Store one article with its regions and index entry; DuplicateArticleError if known."""
        (article_id,) = self.add_many([article])
        stored = self.get(article_id)
        assert stored is not None
        return stored

    def add_many(self, batch: Sequence[NewArticle], *, now: datetime | None = None) -> list[int]:
        """Store several articles in one transaction; returns their ids in the same order."""
        if not batch:
            return []
        stamp = to_utc(now) if now else datetime.now(UTC)
        values = [_row_values(article, stamp) for article in batch]
        try:
            with write_transaction(self._engine) as conn:
                _check_regions(conn, {r for article in batch for r in article.regions})
                ids = self._insert_rows(conn, values)
                self._finish_rows(conn, batch, ids)
        except IntegrityError as exc:
            raise self._duplicate(batch, exc) from exc
        return ids

    def _insert_rows(self, conn: Connection, values: list[dict[str, Any]]) -> list[int]:
        result = conn.execute(
            articles.insert().returning(articles.c.id, sort_by_parameter_order=True), values
        )
        return [int(row.id) for row in result.all()]

    def _finish_rows(self, conn: Connection, batch: Sequence[NewArticle], ids: list[int]) -> None:
        tags = [
            {"article_id": i, "region_id": r}
            for i, article in zip(ids, batch, strict=True)
            for r in dict.fromkeys(article.regions)
        ]
        if tags:
            conn.execute(article_regions.insert(), tags)
        roots = [i for i, article in zip(ids, batch, strict=True) if article.cluster_id is None]
        for start in range(0, len(roots), _CHUNK):
            conn.execute(
                articles.update()
                .where(articles.c.id.in_(roots[start : start + _CHUNK]))
                .values(cluster_id=articles.c.id)
            )
        entries = [
            index_entry(i, a.title, a.summary, a.text) for i, a in zip(ids, batch, strict=True)
        ]
        write_index(conn, entries)

    def _duplicate(self, batch: Sequence[NewArticle], exc: IntegrityError) -> StoreError:
        """A duplicate URL when that is what the violation was; any other constraint says so."""
        urls = [article.url for article in batch]
        with read_transaction(self._engine) as conn:
            known = conn.execute(select(articles.c.url).where(articles.c.url.in_(urls))).first()
        if known is not None:
            return DuplicateArticleError(known.url)
        seen: set[str] = set()
        for url in urls:
            if url in seen:
                return DuplicateArticleError(url)
            seen.add(url)
        lines = str(exc.orig or exc).strip().splitlines()
        return StoreError(f"the database refused the article: {lines[0] if lines else exc}")

    def get(self, article_id: int) -> Article | None:
        """The article with this id, if any."""
        with read_transaction(self._engine) as conn:
            found = load_articles(conn, select(articles).where(articles.c.id == article_id))
        return found[0] if found else None

    def get_many(self, article_ids: Sequence[int]) -> list[Article]:
        """The articles with these ids that exist, in the order asked."""
        wanted = list(dict.fromkeys(article_ids))
        if not wanted:
            return []
        found: dict[int, Article] = {}
        with read_transaction(self._engine) as conn:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                for article in load_articles(
                    conn, select(articles).where(articles.c.id.in_(chunk))
                ):
                    found[article.id] = article
        return [found[i] for i in wanted if i in found]

    def latest(
        self, region_id: str | None = None, limit: int = 10, since: datetime | None = None
    ) -> list[Article]:
        """The newest articles by publication time, optionally of a region and since a time."""
        query = select(articles).order_by(articles.c.published_at.desc(), articles.c.id.desc())
        if region_id is not None:
            query = query.where(in_regions([region_id]))
        if since is not None:
            query = query.where(articles.c.published_at >= to_utc(since))
        with read_transaction(self._engine) as conn:
            return load_articles(conn, query.limit(max(0, limit)))

    def newest(
        self, region_ids: Sequence[str] | None = None, *, limit: int = 10, offset: int = 0
    ) -> list[Article]:
        """A page of the newest articles of any of `region_ids` (None: of all), newest first."""
        if region_ids is not None and not region_ids:
            return []
        query = select(articles).order_by(articles.c.published_at.desc(), articles.c.id.desc())
        if region_ids is not None:
            query = query.where(in_regions(region_ids))
        query = query.limit(max(0, limit)).offset(max(0, offset))
        with read_transaction(self._engine) as conn:
            return load_articles(conn, query)

    def for_clustering(
        self, since: datetime, limit: int, lead_chars: int
    ) -> list[ArticleForClustering]:
        """Articles first seen since `since`, newest first, in the near-duplicate index's terms.

        `lead_chars` is how much of each text the matching compares.
        """
        query = (
            select(
                articles.c.id,
                articles.c.cluster_id,
                articles.c.title,
                func.substr(articles.c.text, 1, lead_chars).label("lead"),
                articles.c.summary,
            )
            .where(articles.c.first_seen_at >= to_utc(since))
            .order_by(articles.c.first_seen_at.desc(), articles.c.id.desc())
            .limit(max(0, limit))
        )
        with read_transaction(self._engine) as conn:
            rows = conn.execute(query).all()
        return [
            ArticleForClustering(
                id=row.id,
                cluster_id=row.cluster_id or row.id,
                title=row.title,
                lead=row.lead or " ".join(row.summary or ()),
            )
            for row in rows
        ]

    def for_digest(
        self, start: datetime, end: datetime, region_ids: Sequence[str] | None = None
    ) -> list[ArticleForDigest]:
        """Articles first seen in [start, end) of any of `region_ids` (None: all), oldest first.

        Their bodies stay in the database: a digest never shows them.
        """
        if region_ids is not None and not region_ids:
            return []
        c = articles.c
        query = (
            select(
                c.id,
                c.cluster_id,
                c.url,
                c.title,
                c.source,
                c.published_at,
                c.first_seen_at,
                c.sections,
                c.summary,
            )
            .where(c.first_seen_at >= to_utc(start), c.first_seen_at < to_utc(end))
            .order_by(c.first_seen_at, c.id)
        )
        if region_ids is not None:
            query = query.where(in_regions(region_ids))
        with read_transaction(self._engine) as conn:
            rows = conn.execute(query).all()
            tags = _region_tags(conn, [row.id for row in rows])
        return [
            ArticleForDigest(
                id=row.id,
                cluster_id=row.cluster_id,
                url=row.url,
                title=row.title,
                source=row.source,
                published_at=row.published_at,
                first_seen_at=row.first_seen_at,
                sections=_sections(row.sections),
                summary=tuple(row.summary or ()),
                regions=tuple(tags.get(row.id, ())),
            )
            for row in rows
        ]

    def cluster_members(self, cluster_id: int) -> list[Article]:
        """Every article of a story cluster, first seen first."""
        query = (
            select(articles)
            .where(articles.c.cluster_id == cluster_id)
            .order_by(articles.c.first_seen_at, articles.c.id)
        )
        with read_transaction(self._engine) as conn:
            return load_articles(conn, query)

    def set_cluster(self, article_id: int, cluster_id: int) -> None:
        """Move an article into another story cluster."""
        with write_transaction(self._engine) as conn:
            conn.execute(
                articles.update().where(articles.c.id == article_id).values(cluster_id=cluster_id)
            )

    def count(self, region_id: str | None = None) -> int:
        """How many articles are stored (optionally of one region)."""
        query = select(func.count()).select_from(articles)
        if region_id is not None:
            query = query.where(in_regions([region_id]))
        with read_transaction(self._engine) as conn:
            return int(conn.execute(query).scalar_one())

    def empty_older_than(self, before: datetime, batch_size: int = 500) -> int:
        """Make tombstones of articles first seen before `before` (see article_retention)."""
        return article_retention.empty_before(self._engine, before, batch_size)

    def delete_older_than(self, before: datetime, batch_size: int = 500) -> int:
        """Delete articles first seen before `before`, tombstones or not; returns how many."""
        return article_retention.delete_before(self._engine, before, batch_size)

    def region_day_counts(
        self, since: datetime, until: datetime, tz: tzinfo
    ) -> dict[str | None, dict[date, int]]:
        """Articles first seen in [since, until], per region (None: untagged) and local day.

        An article of two regions counts in both.
        """
        query = (
            select(articles.c.first_seen_at, article_regions.c.region_id)
            .select_from(articles.outerjoin(article_regions))
            .where(articles.c.first_seen_at >= to_utc(since))
            .where(articles.c.first_seen_at <= to_utc(until))
        )
        counts: dict[str | None, dict[date, int]] = {}
        with read_transaction(self._engine) as conn:
            for seen_at, region_id in conn.execute(query):
                days = counts.setdefault(region_id, {})
                day = seen_at.astimezone(tz).date()
                days[day] = days.get(day, 0) + 1
        return counts
