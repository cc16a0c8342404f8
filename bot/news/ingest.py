"""The ingest use case: due feeds in, new summarized, tagged, clustered articles stored.

This module checks the due feeds and keeps their backoff schedule; turning one entry into an
article lives in `bot.news.ingest_entry`, the report in `bot.news.ingest_report`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from bot.digest.alert_tick import run_alerts
from bot.news.errors import FeedError, FetchTimeoutError, TooLargeError, UnsafeUrlError
from bot.news.feeds import parse_feed
from bot.news.fetch import Fetcher, FetchLimits
from bot.news.ingest_entry import EntryIngester, EntryResult, StageHook
from bot.news.ingest_report import FeedOutcome, IngestReport, PausedFeed
from bot.news.ingest_runtime import TickRuntime
from bot.news.page_workers import PagePool
from bot.ops.metrics import FETCHES
from bot.settings import Settings
from bot.store import CheckFailed, CheckOutcome, CheckSucceeded, Feed, FeedSchedule, Region, Store

log = logging.getLogger(__name__)
ProgressCallback = Callable[[int, int], None]
"""Called with (feeds done, feeds due) after each feed."""

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
    stage_hook: StageHook | None = field(default=None, compare=False)
    alerts_per_hour: int = 5

    @classmethod
    def from_settings(cls, settings: Settings) -> IngestOptions:
        """Options derived from the application settings."""
        return cls(
            allow_private_urls=settings.allow_private_urls,
            alerts_per_hour=settings.alerts_per_hour,
        )


def fetch_outcome(exc: FeedError) -> str:
    """The `outcome` label of a failed feed fetch for the fetches metric."""
    if isinstance(exc, FetchTimeoutError):
        return "timeout"
    if isinstance(exc, TooLargeError):
        return "too_large"
    if isinstance(exc, UnsafeUrlError):
        return "refused"
    return "error"


class _FeedChecker:
    """Checks feeds of one tick: conditional fetch, parse, entries, then the feed's schedule."""

    def __init__(
        self, runtime: TickRuntime, options: IngestOptions, regions: Sequence[Region]
    ) -> None:
        self.runtime, self.options = runtime, options
        self.entries = EntryIngester(
            runtime,
            regions,
            fetch_pages=options.fetch_pages,
            cluster_window=options.cluster_window,
            cluster_candidates=options.cluster_candidates,
            stage_hook=options.stage_hook,
        )

    async def run_feed(self, feed: Feed) -> None:
        """Check one feed; any failure is recorded on the feed and never escapes."""
        self.runtime.tally.checked += 1
        try:
            await self._check(feed)
        except FeedError as exc:
            await self._failed(feed, str(exc))
        except Exception as exc:  # one broken feed must never stop the others
            log.exception("ingest of feed %s failed unexpectedly", feed.url)
            await self._failed(feed, f"internal error ({type(exc).__name__}); see the logs")

    async def _failed(self, feed: Feed, message: str) -> None:
        tally = self.runtime.tally
        tally.failed += 1
        tally.errors.append(f"{feed.url}: {message}")
        tally.outcomes.append(FeedOutcome(feed.id, feed.url, "failed", reason=message))
        try:
            updated = await self._record(feed, CheckFailed(message))
        except Exception:  # the tick and the other feeds go on; the next tick retries it
            log.exception("could not record the failure of feed %s", feed.url)
            return
        if updated is None or updated.state != "paused":
            return
        # Paused by this failure's count (not a feed an admin had paused and forced a check of).
        if self.options.schedule.pauses(updated.error_count):
            tally.paused += 1
            tally.newly_paused.append(
                PausedFeed(feed.id, feed.url, feed.title or "", updated.error_count, message)
            )
            log.warning(
                "feed %s paused after %d failures: %s", feed.url, updated.error_count, message
            )

    async def _record(self, feed: Feed, outcome: CheckOutcome) -> Feed | None:
        """Apply a check's outcome to the feed under the tick's schedule."""
        rt = self.runtime
        return await rt.db(
            rt.store.feeds.record_check, feed.id, outcome, rt.now, self.options.schedule
        )

    async def _check(self, feed: Feed) -> None:
        rt = self.runtime
        started = time.perf_counter()
        try:
            result = await rt.fetch_slot(
                feed.url,
                lambda: rt.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified),
            )
        except FeedError as exc:
            FETCHES.labels(outcome=fetch_outcome(exc)).inc()
            raise
        rt.tally.time("feed_fetch", time.perf_counter() - started)
        FETCHES.labels(outcome="not_modified" if result.not_modified else "ok").inc()
        if result.not_modified:
            rt.tally.not_modified += 1
            await self._record(feed, CheckSucceeded(not_modified=True))
            rt.tally.outcomes.append(FeedOutcome(feed.id, feed.url, "not modified"))
            return
        started = time.perf_counter()
        parsed = await rt.cpu(
            parse_feed, result.body, url=result.url, content_type=result.content_type
        )
        rt.tally.time("feed_parse", time.perf_counter() - started)
        for reason in parsed.skipped:  # entries the parser itself could not read
            rt.tally.skipped += 1
            rt.tally.article_errors.append(f"{feed.url}: skipped, {reason}")
        results: list[EntryResult] = await asyncio.gather(
            *(self.entries.ingest(feed, parsed, entry) for entry in parsed.entries)
        )
        outcome = CheckSucceeded(
            etag=result.etag, last_modified=result.last_modified, title=parsed.title or None
        )
        await self._record(feed, outcome)
        rt.tally.outcomes.append(
            FeedOutcome(
                feed.id,
                feed.url,
                "new",
                new_articles=sum(r in ("new", "degraded") for r in results),
                degraded=results.count("degraded"),
                skipped=results.count("skipped") + len(parsed.skipped),
            )
        )


async def run_ingest_tick(
    store: Store,
    settings_or_options: Settings | IngestOptions,
    *,
    now: datetime,
    transport: httpx.AsyncBaseTransport | None = None,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    executor: Executor | None = None,
    feed_ids: Sequence[int] | None = None,
    pages: PagePool | None = None,
) -> IngestReport:
    """Check every due feed concurrently and store their new articles; never raises FeedError.

    `feed_ids` checks exactly those feeds now, due or not (still with conditional requests).
    `pages` runs page extraction and summaries in worker processes (the caller owns the pool
    across ticks); `executor` runs feed parsing (default: threads).
    """
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
        runtime = TickRuntime(
            store,
            now,
            active,
            executor,
            global_limit=options.global_limit,
            per_host_limit=options.per_host_limit,
            pages=pages,
        )
        regions = await runtime.db(store.regions.list)
        checker = _FeedChecker(runtime, options, regions)
        await asyncio.to_thread(checker.entries.load_recent_stories)
        if feed_ids is None:
            feeds = await runtime.db(store.feeds.due, now, options.max_feeds)
        else:
            wanted = set(feed_ids)
            feeds = [f for f in await runtime.db(store.feeds.list) if f.id in wanted]
        done = 0

        async def one(feed: Feed) -> None:
            nonlocal done
            await checker.run_feed(feed)
            done += 1
            if progress is not None:
                progress(done, len(feeds))

        await asyncio.gather(*(one(feed) for feed in feeds))
        await runtime.db(store.heartbeats.beat, HEARTBEAT, now)
    finally:
        if owned:
            await active.aclose()
    report = runtime.tally.report()
    alerts = await _queue_alerts(store, now, options.alerts_per_hour)
    return dataclasses.replace(report, alerts_queued=alerts)


async def _queue_alerts(store: Store, now: datetime, per_hour: int) -> int:
    """Match the stories just stored against every alert; a failure never fails the tick.

    Stories the step misses (a crash, a database error) stay unclaimed and are matched by
    the next tick's step.
    """
    try:
        report = await asyncio.to_thread(run_alerts, store, now, per_hour)
    except Exception:
        log.exception("alert step failed; the next tick retries it")
        return 0
    return report.messages
