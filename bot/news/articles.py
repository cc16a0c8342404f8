"""One article page to a stored-ready summary: extract the main text, condense each section."""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.news.errors import FeedError
from bot.news.fetch import PAGE_ACCEPT, Fetcher, FetchLimits
from bot.news.urls import canonical_url
from bot.store import SectionSummaryRecord
from summarizer import SummarizerError, summarize
from summarizer.extract import ExtractedPage, extract_page
from summarizer.model import Summary

if TYPE_CHECKING:  # the pool runs this module's functions, so it imports this module
    from bot.news.page_workers import PagePool

_PAGE_TYPES = re.compile(r"^\s*(text/html|application/xhtml\+xml|text/plain|text/xml)", re.I)


class ArticleError(FeedError):
    """The page holds no article that could be summarized."""


@dataclass(frozen=True)
class SummarizedArticle:
    """An article's clean text and summaries, ready to store or to show."""

    url: str
    title: str
    language: str
    text: str
    sections: tuple[SectionSummaryRecord, ...]
    summary: tuple[str, ...]
    source: str
    byline: str | None = None
    published: date | None = None
    from_feed_content: bool = False
    timings: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    lines: frozenset[str] = field(default=frozenset(), compare=False)
    """Keys of the page's short lines, for learning the host's boilerplate."""


def page_host(url: str) -> str:
    """The host whose pages share boilerplate: the URL's host without `www.`."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def source_name(url: str) -> str:
    """A short source label from a URL: its host without `www.`."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _records(summary: Summary) -> tuple[SectionSummaryRecord, ...]:
    return tuple(
        SectionSummaryRecord(heading=section.heading or "", sentences=tuple(section.sentences))
        for section in summary.sections
        if section.sentences
    )


def _build(
    page: ExtractedPage, url: str, fallback_title: str, *, from_feed: bool, extract_seconds: float
) -> SummarizedArticle:
    article = page.article
    started = time.perf_counter()
    summary = summarize(article)
    summarize_seconds = time.perf_counter() - started
    return SummarizedArticle(
        url=url,
        title=(article.title or fallback_title).strip() or fallback_title,
        language=summary.language,
        text=article.text,
        sections=_records(summary),
        summary=tuple(summary.sentences),
        source=page.site_name or source_name(url),
        byline=article.byline,
        published=article.published,
        from_feed_content=from_feed,
        timings=(("extract", extract_seconds), ("summarize", summarize_seconds)),
        lines=page.lines,
    )


def summarize_page(
    html: str, url: str, fallback_title: str = "", boilerplate: frozenset[str] = frozenset()
) -> SummarizedArticle:
    """Extract and summarize an HTML page (CPU-bound: call it off the event loop).

    ``boilerplate`` holds the line keys known to recur on the page's host; they are dropped.
    """
    started = time.perf_counter()
    try:
        page = extract_page(html, url=url, boilerplate=boilerplate)
        extract_seconds = time.perf_counter() - started
        return _build(page, url, fallback_title, from_feed=False, extract_seconds=extract_seconds)
    except SummarizerError as exc:
        raise ArticleError(f"no article text found on the page ({exc})") from None


def summarize_feed_content(title: str, content_html: str, url: str) -> SummarizedArticle:
    """Summarize the text a feed entry carries itself (used when the page cannot be had)."""
    page = (
        f"<html><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{content_html}</article></body></html>"
    )
    started = time.perf_counter()
    try:
        extracted = extract_page(page, url=url)
        return _build(
            extracted, url, title, from_feed=True, extract_seconds=time.perf_counter() - started
        )
    except SummarizerError as exc:
        raise ArticleError(f"the feed entry has no usable text ({exc})") from None


async def fetch_page(fetcher: Fetcher, url: str) -> tuple[str, str]:
    """GET an article page; returns (final URL, decoded HTML); refuses non-page content types."""
    result = await fetcher.get(url, accept=PAGE_ACCEPT)
    if result.content_type and not _PAGE_TYPES.match(result.content_type):
        kind = result.content_type.split(";", 1)[0].strip()
        raise ArticleError(f"not a web page ({kind})")
    return result.url, result.text()


async def summarize_url(
    url: str,
    *,
    allow_private_urls: bool,
    fetcher: Fetcher | None = None,
    limits: FetchLimits | None = None,
    pages: PagePool | None = None,
) -> SummarizedArticle:
    """Fetch any article link, extract and summarize it off the event loop (for /summary <link>).

    With `pages` the page is handled in a worker process, so a page that crashes the native
    parser costs only this answer (a `PageWorkerError`); without, in a thread of this process.
    """
    owned = fetcher is None
    active = fetcher or Fetcher(allow_private_urls=allow_private_urls, limits=limits)
    try:
        final_url, html = await fetch_page(active, url)
    finally:
        if owned:
            await active.aclose()
    if pages is not None:
        return await pages.run(summarize_page, html, canonical_url(final_url))
    return await asyncio.to_thread(summarize_page, html, canonical_url(final_url))
