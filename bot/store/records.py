"""Frozen records the store accepts and returns; no ORM row ever leaves the package."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

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
