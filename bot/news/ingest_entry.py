"""Turn one new feed entry into a summarized, tagged, clustered article in the store."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from datetime import datetime, timedelta
from urllib.parse import quote, urlsplit

from bot.news.articles import SummarizedArticle, fetch_page, summarize_feed_content, summarize_page
from bot.news.dedupe import StoryIndex, fingerprint, normalize_text
from bot.news.errors import FeedError
from bot.news.feeds import FeedEntry, ParsedFeed
from bot.news.ingest_runtime import TickRuntime
from bot.news.page_workers import PageWorkerError
from bot.news.regions import RegionTagger
from bot.news.urls import canonical_url
from bot.ops.metrics import ARTICLES_INGESTED, SUMMARIES, SUMMARIZE_SECONDS
from bot.store import DuplicateArticleError, Feed, NewArticle

log = logging.getLogger(__name__)

MIN_FINGERPRINT_CHARS = 80
LEAD_CHARS = 400


def guid_key(guid: str | None, feed_url: str) -> str | None:
    """A guid unique across feeds: URL-like guids as they are, others scoped by their feed."""
    if not guid:
        return None
    if "://" in guid or guid.lower().startswith(("urn:", "tag:")):
        return guid[:2000]
    return f"{feed_url}#{guid}"[:2000]


def _published(entry: FeedEntry, now: datetime) -> datetime | None:
    """The entry's date unless absent or implausibly in the future (then first-seen applies)."""
    if entry.published is None or entry.published > now + timedelta(days=1):
        return None
    return entry.published


def _summarized(seconds: float) -> None:
    SUMMARIES.inc()
    SUMMARIZE_SECONDS.observe(seconds)


class EntryIngester:
    """Per-tick entry handling: what is already claimed, the story index, summarizing, storing."""

    def __init__(
        self,
        runtime: TickRuntime,
        *,
        fetch_pages: bool,
        cluster_window: timedelta,
        cluster_candidates: int,
    ) -> None:
        self.runtime = runtime
        self.fetch_pages = fetch_pages
        self.cluster_window, self.cluster_candidates = cluster_window, cluster_candidates
        self.tagger = RegionTagger(runtime.store.regions.list())
        self.index = StoryIndex()
        self.claimed: set[str] = set()
        self._cluster_lock = asyncio.Lock()

    def load_recent_stories(self) -> None:
        """Seed the near-duplicate index with recently stored articles."""
        since = self.runtime.now - self.cluster_window
        for article in self.runtime.store.articles.cluster_candidates(
            since, self.cluster_candidates
        ):
            lead = article.text[:LEAD_CHARS] or " ".join(article.summary)
            self.index.add(article.cluster_id or article.id, article.title, lead)

    def _claim(self, *keys: str | None) -> bool:
        """Reserve an entry's identity for this tick; False if another feed already has it."""
        present = [key for key in keys if key]
        if not present or any(key in self.claimed for key in present):
            return False
        self.claimed.update(present)
        return True

    async def ingest(self, feed: Feed, parsed: ParsedFeed, entry: FeedEntry) -> None:
        """Store the entry as an article unless it is empty, already seen or a duplicate."""
        if not (entry.title or entry.url):
            return  # nothing a reader could be shown
        guid = guid_key(entry.guid, feed.url)
        link = canonical_url(entry.url) if entry.url else None
        if not self._claim(link, guid):
            return
        rt = self.runtime
        if await rt.db(rt.store.articles.seen, canonical_url=link, guid=guid):
            return
        url = link or f"{canonical_url(feed.url)}#{quote(entry.guid or '')}"
        summarized = await self._summarize(entry, link)
        await self._store(feed, parsed, entry, url, guid, summarized)

    async def _summarize(self, entry: FeedEntry, link: str | None) -> SummarizedArticle | None:
        lost: str | None = None
        if link and self.fetch_pages:
            try:
                return await self._summarize_page(entry, link)
            except PageWorkerError as exc:
                lost = f"{link}: {exc}"
                log.warning("page %s cost its worker (%s); using the feed's own content", link, exc)
            except FeedError as exc:
                log.info("page %s unusable (%s); using the feed's own content", link, exc)
        summarized = await self._from_feed(entry, link)
        if lost is not None:
            stored = "stored from the feed's own content" if summarized else "stored without text"
            self.runtime.tally.pages_lost.append(f"{lost}; {stored}")
        return summarized

    async def _from_feed(self, entry: FeedEntry, link: str | None) -> SummarizedArticle | None:
        content = entry.content_html or entry.summary_html
        if not content.strip():
            return None
        started = time.perf_counter()
        try:
            summarized = await self.runtime.page_work(
                summarize_feed_content, entry.title, content, link or ""
            )
        except FeedError:
            return None
        _summarized(time.perf_counter() - started)
        self.runtime.tally.fallbacks += 1
        self._add_timings(summarized)
        return summarized

    async def _summarize_page(self, entry: FeedEntry, link: str) -> SummarizedArticle:
        rt = self.runtime
        started = time.perf_counter()
        _, html = await rt.fetch_slot(link, lambda: fetch_page(rt.fetcher, link))
        rt.tally.time("fetch", time.perf_counter() - started)
        started = time.perf_counter()
        summarized = await rt.page_work(summarize_page, html, link, entry.title)
        _summarized(time.perf_counter() - started)
        self._add_timings(summarized)
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
    ) -> None:
        rt = self.runtime
        text = summarized.text if summarized else ""
        content_fp = (
            fingerprint(text) if len(normalize_text(text)) >= MIN_FINGERPRINT_CHARS else None
        )
        if content_fp is not None:
            duplicate: bool = await rt.db(rt.store.articles.seen, fingerprint=content_fp)
            if duplicate:
                rt.tally.duplicates += 1
                return
        title = entry.title or (summarized.title if summarized else "") or url
        lead = text[:LEAD_CHARS] or " ".join(summarized.summary if summarized else ())
        new = NewArticle(
            url=url,
            title=title[:1000],
            feed_id=feed.id,
            guid=guid,
            source=(feed.title or parsed.title or urlsplit(url).hostname or "")[:500],
            published_at=_published(entry, rt.now),
            first_seen_at=rt.now,
            language=summarized.language if summarized else None,
            text=text,
            sections=summarized.sections if summarized else (),
            summary=summarized.summary if summarized else (),
            fingerprint=content_fp,
            regions=self.tagger.tag(title, text, feed.region_id),
        )
        # Match and insert under one lock, so two outlets' copies of a story that arrive in
        # the same tick see each other.
        async with self._cluster_lock:
            new = dataclasses.replace(new, cluster_id=self.index.match(title, lead))
            try:
                stored = await rt.db(rt.store.articles.add, new)
            except DuplicateArticleError:
                rt.tally.duplicates += 1
                return
            self.index.add(stored.cluster_id or stored.id, title, lead)
        rt.tally.new += 1
        ARTICLES_INGESTED.inc()
