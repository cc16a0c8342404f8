"""Turn one new feed entry into a summarized, tagged, clustered article in the store.

Every stage of one entry is isolated: an exception while extracting or summarizing stores the
article with the feed's own text and the reason (`Article.note`); one while storing skips the
article with a logged reason. Neither ever reaches the entry's feed, its tick or other feeds.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import quote, urlsplit

from bot.news.articles import (
    SummarizedArticle,
    fetch_page,
    page_host,
    summarize_feed_content,
    summarize_page,
)
from bot.news.dedupe import StoryIndex, fingerprint, normalize_text
from bot.news.errors import FeedError
from bot.news.feed_text import feed_text_article
from bot.news.feed_text import lead as feed_lead
from bot.news.feeds import FeedEntry, ParsedFeed
from bot.news.ingest_runtime import TickRuntime
from bot.news.page_workers import PageWorkerError
from bot.news.regions import RegionTagger
from bot.news.urls import canonical_url
from bot.ops.metrics import ARTICLES_INGESTED, SUMMARIES, SUMMARIZE_SECONDS
from bot.store import DuplicateArticleError, Feed, NewArticle, Region

log = logging.getLogger(__name__)

MIN_FINGERPRINT_CHARS = 80
LEAD_CHARS = 400
MAX_REASON_CHARS = 300
UNTITLED_CHARS = 120

EntryResult = Literal["new", "degraded", "skipped", "duplicate", "ignored"]
"""What happened to one entry: stored (cleanly, or with the feed's text after an error),
skipped after an error, a duplicate of a stored story, or ignored (empty or already seen)."""

StageHook = Callable[[str, FeedEntry], None]
"""Called before each stage of an entry ("extract", "summarize", "store"); may raise.

Production passes none; tests raise from it to prove that a failing stage stays contained.
"""


def guid_key(guid: str | None, feed_url: str) -> str | None:
    """A guid unique across feeds: URL-like guids as they are, others scoped by their feed."""
    if not guid:
        return None
    if "://" in guid or guid.lower().startswith(("urn:", "tag:")):
        return guid[:2000]
    return f"{feed_url}#{guid}"[:2000]


def identity(entry: FeedEntry) -> str | None:
    """The entry's guid; for an item with neither guid nor link, a hash of its text.

    RSS 0.92 items may have only a title and a description: the hash still lets them be
    stored once and recognized on the next check.
    """
    if entry.guid or entry.url:
        return entry.guid
    text = f"{entry.title}\n{entry.content_html or entry.summary_html}"
    return "text:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def _published(entry: FeedEntry, now: datetime) -> datetime | None:
    """The entry's date unless absent or implausibly in the future (then first-seen applies)."""
    if entry.published is None or entry.published > now + timedelta(days=1):
        return None
    return entry.published


def describe_error(exc: BaseException) -> str:
    """An exception in a few words: its type and the first line of its message."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text[:MAX_REASON_CHARS]


def _joined(first: str | None, second: str) -> str:
    return f"{first}; {second}" if first else second


def _summarized(seconds: float) -> None:
    SUMMARIES.inc()
    SUMMARIZE_SECONDS.observe(seconds)


class EntryIngester:
    """Per-tick entry handling: what is already claimed, the story index, summarizing, storing."""

    def __init__(
        self,
        runtime: TickRuntime,
        regions: Sequence[Region],
        *,
        fetch_pages: bool,
        cluster_window: timedelta,
        cluster_candidates: int,
        stage_hook: StageHook | None = None,
    ) -> None:
        self.runtime = runtime
        self.stage_hook = stage_hook
        self.fetch_pages = fetch_pages
        self.cluster_window, self.cluster_candidates = cluster_window, cluster_candidates
        self.tagger = RegionTagger(regions)
        self.index = StoryIndex()
        self.claimed: set[str] = set()
        self._cluster_lock = asyncio.Lock()

    def load_recent_stories(self) -> None:
        """Seed the near-duplicate index with recently stored articles."""
        since = self.runtime.now - self.cluster_window
        # Titles and leads only: the seed never reads the bodies, so it never loads them.
        for article in self.runtime.store.articles.for_clustering(
            since, self.cluster_candidates, LEAD_CHARS
        ):
            self.index.add(article.cluster_id, article.title, article.lead)

    def _claim(self, *keys: str | None) -> bool:
        """Reserve an entry's identity for this tick; False if another feed already has it."""
        present = [key for key in keys if key]
        if not present or any(key in self.claimed for key in present):
            return False
        self.claimed.update(present)
        return True

    def _stage(self, name: str, entry: FeedEntry) -> None:
        if self.stage_hook is not None:
            self.stage_hook(name, entry)

    async def ingest(self, feed: Feed, parsed: ParsedFeed, entry: FeedEntry) -> EntryResult:
        """Store the entry as an article unless it is empty, already seen or a duplicate.

        Never raises (except on cancellation): a failing stage marks this entry alone.
        """
        try:
            return await self._ingest(feed, parsed, entry)
        except Exception as exc:
            return self._skip(entry, "ingest", exc)

    def _skip(self, entry: FeedEntry, stage: str, exc: Exception) -> EntryResult:
        reason = f"{stage} failed ({describe_error(exc)})"
        log.warning("entry %r skipped: %s", entry.url or entry.title, reason, exc_info=exc)
        tally = self.runtime.tally
        tally.skipped += 1
        tally.article_errors.append(f"{entry.url or entry.title}: skipped, {reason}")
        return "skipped"

    async def _ingest(self, feed: Feed, parsed: ParsedFeed, entry: FeedEntry) -> EntryResult:
        if not (entry.title or entry.url or (entry.content_html or entry.summary_html).strip()):
            return "ignored"  # nothing a reader could be shown
        guid = guid_key(identity(entry), feed.url)
        link = canonical_url(entry.url) if entry.url else None
        if not self._claim(link, guid):
            return "ignored"
        rt = self.runtime
        if await rt.db(rt.store.articles.seen, canonical_url=link, guid=guid):
            return "ignored"
        url = link or f"{canonical_url(feed.url)}#{quote(identity(entry) or '')}"
        summarized, problem = await self._summarize(entry, link)
        try:
            self._stage("store", entry)
            stored = await self._store(feed, parsed, entry, url, guid, summarized, problem)
        except Exception as exc:
            return self._skip(entry, "store", exc)
        if not stored:
            return "duplicate"
        if problem is None:
            return "new"
        rt.tally.degraded += 1
        rt.tally.article_errors.append(f"{url}: kept with the feed's own text, {problem}")
        return "degraded"

    async def _summarize(
        self, entry: FeedEntry, link: str | None
    ) -> tuple[SummarizedArticle | None, str | None]:
        """The article's summary and, when a stage raised, why it came from the feed's text."""
        problem: str | None = None
        lost: str | None = None
        if link and self.fetch_pages:
            try:
                return await self._summarize_page(entry, link), None
            except PageWorkerError as exc:  # the worker died or hung: only this page pays
                lost = f"{link}: {exc}"
                log.warning("page %s cost its worker (%s); using the feed's own content", link, exc)
            except FeedError as exc:  # an unusable page is ordinary: the feed's content serves
                log.info("page %s unusable (%s); using the feed's own content", link, exc)
            except Exception as exc:
                problem = f"extracting the page failed ({describe_error(exc)})"
                log.warning(
                    "page %s: %s; using the feed's own content", link, problem, exc_info=exc
                )
        summarized, problem = await self._from_feed(entry, link, problem)
        if lost is not None:
            stored = "stored from the feed's own content" if summarized else "stored without text"
            self.runtime.tally.pages_lost.append(f"{lost}; {stored}")
        return summarized, problem

    async def _from_feed(
        self, entry: FeedEntry, link: str | None, problem: str | None
    ) -> tuple[SummarizedArticle | None, str | None]:
        """Summarize the feed entry's own content; on failure, its plain text with the reason."""
        content = entry.content_html or entry.summary_html
        if not content.strip():
            return None, problem
        started = time.perf_counter()
        try:
            self._stage("summarize", entry)
            summarized = await self.runtime.page_work(
                summarize_feed_content, entry.title, content, link or ""
            )
        except FeedError:
            return None, problem
        except Exception as exc:
            failed = f"summarizing failed ({describe_error(exc)})"
            log.warning(
                "entry %r: %s; storing the feed's own text",
                link or entry.title,
                failed,
                exc_info=exc,
            )
            return feed_text_article(entry.title, content, link or ""), _joined(problem, failed)
        _summarized(time.perf_counter() - started)
        self.runtime.tally.fallbacks += 1
        self._add_timings(summarized)
        return summarized, problem

    async def _summarize_page(self, entry: FeedEntry, link: str) -> SummarizedArticle:
        rt = self.runtime
        started = time.perf_counter()
        _, html = await rt.fetch_slot(link, lambda: fetch_page(rt.fetcher, link))
        rt.tally.time("fetch", time.perf_counter() - started)
        # What earlier pages of the same host repeat is that site's boilerplate: learned from
        # the archive, applied to this page, and this page's lines counted for the next one.
        host = page_host(link)
        known = await rt.db(rt.store.boilerplate.known, host)
        started = time.perf_counter()
        self._stage("extract", entry)
        summarized = await rt.page_work(summarize_page, html, link, entry.title, known)
        _summarized(time.perf_counter() - started)
        self._add_timings(summarized)
        await rt.db(rt.store.boilerplate.record, host, summarized.lines)
        return summarized

    def _add_timings(self, summarized: SummarizedArticle) -> None:
        for phase, seconds in summarized.timings:
            self.runtime.tally.time(phase, seconds)

    async def _store(
        self,
        feed: Feed,
        parsed: ParsedFeed,
        entry: FeedEntry,
        url: str,
        guid: str | None,
        summarized: SummarizedArticle | None,
        note: str | None,
    ) -> bool:
        """Store the article; False when it turned out to be a duplicate."""
        rt = self.runtime
        text = summarized.text if summarized else ""
        content_fp = (
            fingerprint(text) if len(normalize_text(text)) >= MIN_FINGERPRINT_CHARS else None
        )
        if content_fp is not None:
            duplicate: bool = await rt.db(rt.store.articles.seen, fingerprint=content_fp)
            if duplicate:
                rt.tally.duplicates += 1
                return False
        # An untitled item is named by the start of its text, which reads better than its URL.
        title = (
            entry.title
            or (summarized.title if summarized else "")
            or feed_lead(text, UNTITLED_CHARS)
            or url
        )
        lead = text[:LEAD_CHARS] or " ".join(summarized.summary if summarized else ())
        new = NewArticle(
            url=url,
            title=title[:1000],
            feed_id=feed.id,
            guid=guid,
            source=(feed.title or parsed.title or urlsplit(url).hostname or "")[:500],
            published_at=_published(entry, rt.now),
            first_seen_at=rt.now,
            language=(summarized.language or None) if summarized else None,
            text=text,
            sections=summarized.sections if summarized else (),
            summary=summarized.summary if summarized else (),
            fingerprint=content_fp,
            regions=self.tagger.tag(title, text, feed.region_id),
            note=note[:MAX_REASON_CHARS] if note else None,
        )
        # Match and insert under one lock, so two outlets' copies of a story that arrive in
        # the same tick see each other.
        async with self._cluster_lock:
            new = dataclasses.replace(new, cluster_id=self.index.match(title, lead))
            try:
                stored = await rt.db(rt.store.articles.add, new)
            except DuplicateArticleError:
                rt.tally.duplicates += 1
                return False
            self.index.add(stored.cluster_id or stored.id, title, lead)
        rt.tally.new += 1
        ARTICLES_INGESTED.inc()
        return True
