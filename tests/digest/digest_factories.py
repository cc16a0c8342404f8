"""Articles for digest tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.store import Article, ArticleForDigest, SectionSummaryRecord

NOW = datetime(2026, 5, 12, 0, 0, tzinfo=UTC)


def article(
    article_id: int,
    title: str = "A story",
    *,
    source: str = "Shanxi Daily",
    regions: Sequence[str] = ("shanxi",),
    cluster_id: int | None = None,
    sections: Sequence[tuple[str, Sequence[str]]] = (),
    summary: Sequence[str] = (),
    hours_ago: float = 1.0,
) -> Article:
    when = NOW - timedelta(hours=hours_ago)
    return Article(
        id=article_id,
        feed_id=None,
        url=f"https://news.example/{article_id}",
        guid=None,
        title=title,
        source=source,
        published_at=when,
        first_seen_at=when,
        language="en",
        text="",
        sections=tuple(SectionSummaryRecord(h, tuple(s)) for h, s in sections),
        summary=tuple(summary),
        fingerprint=None,
        cluster_id=cluster_id,
        regions=tuple(regions),
    )


def digest_article(article_id: int, title: str = "A story", **fields: Any) -> ArticleForDigest:
    """The digest's view of `article(...)`: the same fields, without the body."""
    full = article(article_id, title, **fields)
    return ArticleForDigest(
        id=full.id,
        cluster_id=full.cluster_id,
        url=full.url,
        title=full.title,
        source=full.source,
        published_at=full.published_at,
        first_seen_at=full.first_seen_at,
        sections=full.sections,
        summary=full.summary,
        regions=full.regions,
    )
