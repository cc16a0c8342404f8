"""The ingest use case: due feeds in, new summarized, tagged, clustered articles stored."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import httpx

from bot.news.articles import SummarizedArticle, fetch_page, summarize_feed_content, summarize_page
from bot.news.dedupe import StoryIndex, fingerprint, normalize_text
from bot.news.errors import FeedError, FetchTimeoutError, TooLargeError, UnsafeUrlError
from bot.news.feeds import FeedEntry, ParsedFeed, parse_feed
from bot.news.fetch import Fetcher, FetchLimits
from bot.news.regions import RegionTagger
from bot.news.schedule import FeedSchedule
from bot.news.urls import canonical_url
from bot.ops.metrics import ARTICLES_INGESTED, FETCHES, SUMMARIES, SUMMARIZE_SECONDS
from bot.settings import Settings
from bot.store import DuplicateArticleError, Feed, NewArticle, Store

log = logging.getLogger(__name__)
T = TypeVar("T")
ProgressCallback = Callable[[int, int], None]
"""Called with (feeds done, feeds due) after each feed."""

MIN_FINGERPRINT_CHARS = 80
LEAD_CHARS = 400
HEARTBEAT = "ingest"


@dataclass(frozen=True)
class IngestOptions:
    """Knobs of one ingest tick."""

    allow_private_urls: bool = False
    global_limit: int = 16
    per_host_limit: int = 2
    max_feeds: int = 500
    fetch_limits: FetchLimits = field(default_factory=FetchLimits)
    schedule: FeedSchedule = field(default_factory=FeedSchedule)
    cluster_window: timedelta = timedelta(days=3)
    cluster_candidates: int = 5000
    fetch_pages: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> IngestOptions:
        """Options derived from the application settings."""
        return cls(allow_private_urls=settings.allow_private_urls)


@dataclass(frozen=True)
class PausedFeed:
    """A feed this tick paused: enough to tell the admins which one and why."""

    feed_id: int
    url: str
    title: str
    failures: int
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """What one tick did; `timings` sums seconds per phase (fetch, extract, summarize, store)."""

    feeds_checked: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    feeds_paused: int = 0
    new_articles: int = 0
    duplicates: int = 0
    feed_content_fallbacks: int = 0
    errors: tuple[str, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()
    paused: tuple[PausedFeed, ...] = ()

    def summary_line(self) -> str:
        """One line for logs and the CLI."""
        return (
            f"{self.feeds_checked} feeds checked, {self.feeds_not_modified} not modified, "
            f"{self.feeds_failed} failed, {self.new_articles} new articles, "
            f"{self.duplicates} duplicates skipped"
        )


@dataclass
class _Tally:
    checked: int = 0
    not_modified: int = 0
    failed: int = 0
    paused: int = 0
    new: int = 0
    duplicates: int = 0
    fallbacks: int = 0
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    newly_paused: list[PausedFeed] = field(default_factory=list)

    def time(self, phase: str, seconds: float) -> None:
        self.timings[phase] = self.timings.get(phase, 0.0) + seconds

    def report(self) -> IngestReport:
        return IngestReport(
            feeds_checked=self.checked,
            feeds_not_modified=self.not_modified,
            feeds_failed=self.failed,
            feeds_paused=self.paused,
            new_articles=self.new,
            duplicates=self.duplicates,
            feed_content_fallbacks=self.fallbacks,
            errors=tuple(self.errors),
            timings=tuple(sorted(self.timings.items())),
            paused=tuple(self.newly_paused),
        )


def guid_key(guid: str | None, feed_url: str) -> str | None:
    """A guid unique across feeds: URL-like guids as they are, others scoped by their feed."""
    if not guid:
        return None
    if "://" in guid or guid.lower().startswith(("urn:", "tag:")):
        return guid[:2000]
    return f"{feed_url}#{guid}"[:2000]


def fetch_outcome(exc: FeedError) -> str:
    """The `outcome` label of a failed feed fetch for the fetches metric."""
    if isinstance(exc, FetchTimeoutError):
        return "timeout"
    if isinstance(exc, TooLargeError):
        return "too_large"
    if isinstance(exc, UnsafeUrlError):
        return "refused"
    return "error"


def _published(entry: FeedEntry, now: datetime) -> datetime | None:
    """The entry's date unless absent or implausibly in the future (then first-seen applies)."""
    if entry.published is None or entry.published > now + timedelta(days=1):
        return None
    return entry.published


class _Tick:
    """State of one tick: shared fetcher, limits, the story index and what is already claimed."""

    def __init__(
        self,
        store: Store,
        options: IngestOptions,
        now: datetime,
        fetcher: Fetcher,
        executor: Executor | None,
    ) -> None:
        self.store, self.options, self.now = store, options, now
        self.fetcher, self.executor = fetcher, executor
        self.tally = _Tally()
        self.tagger = RegionTagger(store.regions.list())
        self.index = StoryIndex()
        self.claimed: set[str] = set()
        self._global = asyncio.Semaphore(options.global_limit)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._db_lock = asyncio.Lock()
        self._cluster_lock = asyncio.Lock()

    def load_recent_stories(self) -> None:
        """Seed the near-duplicate index with recently stored articles."""
        since = self.now - self.options.cluster_window
        for article in self.store.articles.cluster_candidates(
            since, self.options.cluster_candidates
        ):
            lead = article.text[:LEAD_CHARS] or " ".join(article.summary)
            self.index.add(article.cluster_id or article.id, article.title, lead)

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.options.per_host_limit)
        return self._hosts[host]

    async def _fetch_slot(self, url: str, coro: Callable[[], Any]) -> Any:
        async with self._host_limit(url), self._global:
            return await coro()

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store call in a worker thread, one at a time (SQLite has one writer)."""
        async with self._db_lock:
            started = time.perf_counter()  # the call itself, not the wait for the lock
            result = await asyncio.to_thread(fn, *args, **kwargs)
            self.tally.time("store", time.perf_counter() - started)
        return result

    async def cpu(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run CPU-bound work off the event loop (thread or process pool)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    async def run_feed(self, feed: Feed) -> None:
        """Check one feed; any failure is recorded on the feed and never escapes."""
        self.tally.checked += 1
        try:
            await self._check(feed)
        except FeedError as exc:
            await self._failed(feed, str(exc))
        except Exception as exc:  # one broken feed must never stop the others
            log.exception("ingest of feed %s failed unexpectedly", feed.url)
            await self._failed(feed, f"internal error ({type(exc).__name__}); see the logs")

    async def _failed(self, feed: Feed, message: str) -> None:
        self.tally.failed += 1
        self.tally.errors.append(f"{feed.url}: {message}")
        fields = self.options.schedule.after_failure(self.now, feed.error_count, message)
        if fields.get("state") == "paused":
            self.tally.paused += 1
            self.tally.newly_paused.append(
                PausedFeed(feed.id, feed.url, feed.title or "", fields["error_count"], message)
            )
            log.warning(
                "feed %s paused after %d failures: %s", feed.url, fields["error_count"], message
            )
        await self.db(self.store.feeds.update, feed.id, **fields)

    async def _check(self, feed: Feed) -> None:
        started = time.perf_counter()
        try:
            result = await self._fetch_slot(
                feed.url,
                lambda: self.fetcher.get(
                    feed.url, etag=feed.etag, last_modified=feed.last_modified
                ),
            )
        except FeedError as exc:
            FETCHES.inc(outcome=fetch_outcome(exc))
            raise
        self.tally.time("feed_fetch", time.perf_counter() - started)
        FETCHES.inc(outcome="not_modified" if result.not_modified else "ok")
        fields = self.options.schedule.after_success(self.now)
        if result.not_modified:
            self.tally.not_modified += 1
            await self.db(self.store.feeds.update, feed.id, **fields)
            return
        started = time.perf_counter()
        parsed = await self.cpu(
            parse_feed, result.body, url=result.url, content_type=result.content_type
        )
        self.tally.time("feed_parse", time.perf_counter() - started)
        await asyncio.gather(*(self._entry(feed, parsed, entry) for entry in parsed.entries))
        fields.update(etag=result.etag, last_modified=result.last_modified)
        if not feed.title and parsed.title:
            fields["title"] = parsed.title[:500]
        await self.db(self.store.feeds.update, feed.id, **fields)

    def _claim(self, *keys: str | None) -> bool:
        """Reserve an entry's identity for this tick; False if another feed already has it."""
        present = [key for key in keys if key]
        if not present or any(key in self.claimed for key in present):
            return False
        self.claimed.update(present)
        return True

    async def _entry(self, feed: Feed, parsed: ParsedFeed, entry: FeedEntry) -> None:
        if not (entry.title or entry.url):
            return  # nothing a reader could be shown
        guid = guid_key(entry.guid, feed.url)
        link = canonical_url(entry.url) if entry.url else None
        if not self._claim(link, guid):
            return
        if await self.db(self.store.articles.seen, canonical_url=link, guid=guid):
            return
        url = link or f"{canonical_url(feed.url)}#{quote(entry.guid or '')}"
        summarized = await self._summarize(entry, link)
        await self._store(feed, parsed, entry, url, guid, summarized)

    async def _summarize(self, entry: FeedEntry, link: str | None) -> SummarizedArticle | None:
        if link and self.options.fetch_pages:
            try:
                return await self._summarize_page(entry, link)
            except FeedError as exc:
                log.info("page %s unusable (%s); using the feed's own content", link, exc)
        content = entry.content_html or entry.summary_html
        if not content.strip():
            return None
        started = time.perf_counter()
        try:
            summarized = await self.cpu(summarize_feed_content, entry.title, content, link or "")
        except FeedError:
            return None
        _summarized(time.perf_counter() - started)
        self.tally.fallbacks += 1
        self._add_timings(summarized)
        return summarized

    async def _summarize_page(self, entry: FeedEntry, link: str) -> SummarizedArticle:
        started = time.perf_counter()
        _, html = await self._fetch_slot(link, lambda: fetch_page(self.fetcher, link))
        self.tally.time("fetch", time.perf_counter() - started)
        started = time.perf_counter()
        summarized = await self.cpu(summarize_page, html, link, entry.title)
        _summarized(time.perf_counter() - started)
        self._add_timings(summarized)
        return summarized

    def _add_timings(self, summarized: SummarizedArticle) -> None:
        for phase, seconds in summarized.timings:
            self.tally.time(phase, seconds)

    async def _store(
        self,
        feed: Feed,
        parsed: ParsedFeed,
        entry: FeedEntry,
        url: str,
        guid: str | None,
        summarized: SummarizedArticle | None,
    ) -> None:
        text = summarized.text if summarized else ""
        content_fp = (
            fingerprint(text) if len(normalize_text(text)) >= MIN_FINGERPRINT_CHARS else None
        )
        if content_fp is not None:
            duplicate: bool = await self.db(self.store.articles.seen, fingerprint=content_fp)
            if duplicate:
                self.tally.duplicates += 1
                return
        title = entry.title or (summarized.title if summarized else "") or url
        lead = text[:LEAD_CHARS] or " ".join(summarized.summary if summarized else ())
        new = NewArticle(
            url=url,
            title=title[:1000],
            feed_id=feed.id,
            guid=guid,
            source=(feed.title or parsed.title or urlsplit(url).hostname or "")[:500],
            published_at=_published(entry, self.now),
            first_seen_at=self.now,
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
                stored = await self.db(self.store.articles.add, new)
            except DuplicateArticleError:
                self.tally.duplicates += 1
                return
            self.index.add(stored.cluster_id or stored.id, title, lead)
        self.tally.new += 1
        ARTICLES_INGESTED.inc()


def _summarized(seconds: float) -> None:
    SUMMARIES.inc()
    SUMMARIZE_SECONDS.observe(seconds)


async def run_ingest_tick(
    store: Store,
    settings_or_options: Settings | IngestOptions,
    *,
    now: datetime,
    transport: httpx.AsyncBaseTransport | None = None,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Check every due feed concurrently and store their new articles; never raises FeedError."""
    options = (
        settings_or_options
        if isinstance(settings_or_options, IngestOptions)
        else IngestOptions.from_settings(settings_or_options)
    )
    owned = fetcher is None
    active = fetcher or Fetcher(
        allow_private_urls=options.allow_private_urls,
        limits=options.fetch_limits,
        transport=transport,
        max_connections=options.global_limit,
    )
    try:
        tick = _Tick(store, options, now, active, executor)
        await asyncio.to_thread(tick.load_recent_stories)
        feeds = await tick.db(store.feeds.due, now, options.max_feeds)
        done = 0

        async def one(feed: Feed) -> None:
            nonlocal done
            await tick.run_feed(feed)
            done += 1
            if progress is not None:
                progress(done, len(feeds))

        await asyncio.gather(*(one(feed) for feed in feeds))
        await tick.db(store.heartbeats.beat, HEARTBEAT, now)
    finally:
        if owned:
            await active.aclose()
    return tick.tally.report()
