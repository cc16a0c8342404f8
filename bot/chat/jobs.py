"""Periodic work beside the handlers: ingest, digest and retention ticks, the outbox sender."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import telegram
from telegram.ext import Application, ContextTypes

from bot.chat.admin_alerts import ALERTS_KEY, AdminAlerts
from bot.chat.sender import OutboxSender, SenderConfig, sender_bot
from bot.digest.alert_tick import prune_alert_state, run_alerts
from bot.digest.build import build_due
from bot.digest.pacing import Pacing
from bot.digest.traffic import Traffic
from bot.news.ingest import run_ingest_tick
from bot.news.page_workers import PagePool, PoolConfig
from bot.ops.leader import Leadership, leadership_for
from bot.ops.liveness import SENDER_LOOP
from bot.ops.metrics import INGEST_TICKS
from bot.ops.retention import prune_articles
from bot.settings import Settings
from bot.store import PAGE_LIFETIME, Store

log = logging.getLogger(__name__)
TRAFFIC_KEY = "newsbot.traffic"

DIGEST_INTERVAL_SECONDS = 60
RETENTION_INTERVAL_SECONDS = 24 * 3600
# APScheduler options: never two ticks at once, one catch-up run after a pause, and a late
# tick (a busy event loop, a suspended laptop) still runs instead of being dropped.
TICK_JOB_KWARGS: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600}


@dataclass
class Background:
    """Which periodic work this process runs, and the running pieces once started."""

    ingest: bool = True
    digests: bool = True
    sender: bool = True
    retention: bool = True
    leadership: Leadership | None = None
    # Worker processes for page extraction (ingest ticks and /summary of a link); None runs
    # pages in threads of this process. Started on first use, stopped with the rest.
    pages: PagePool | None = None
    first_tick_seconds: float = 5.0
    # Not at start-up: a bot restarted often (deploys) still prunes, without slowing its start.
    first_retention_seconds: float = 600.0
    _sender: OutboxSender | None = field(default=None, repr=False)
    _sender_task: asyncio.Task[None] | None = field(default=None, repr=False)
    _sender_bot: telegram.Bot | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Background:
        """Everything on, with leader election fitting the database.

        The first tick comes after five seconds, or after one interval when that is shorter.
        """
        return cls(
            leadership=leadership_for(settings.database_url),
            pages=PagePool(PoolConfig.for_machine()),
            first_tick_seconds=min(5.0, settings.ingest_interval_seconds),
        )

    @classmethod
    def none(cls) -> Background:
        """Handlers only (for tests that drive the ticks themselves)."""
        return cls(ingest=False, digests=False, sender=False, retention=False)

    async def pages_ready(self) -> None:
        """Start the page workers unless they run already; a failure shows in the tick instead."""
        if self.pages is None:
            return
        try:
            await asyncio.to_thread(self.pages.start)
        except Exception:
            log.exception("the page workers could not be started")

    async def stop(self, _application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Finish the sender's messages in flight, stop the page workers, release leadership."""
        if self.pages is not None:
            log.info("page workers: %s", self.pages.stats().line())
            await asyncio.to_thread(self.pages.close)
        if self._sender is not None and self._sender_task is not None:
            self._sender.stop()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sender_task
            self._sender = self._sender_task = None
        if self._sender_bot is not None:
            await self._sender_bot.shutdown()
            self._sender_bot = None
        if self.leadership is not None:
            await asyncio.to_thread(self.leadership.release)


@dataclass(frozen=True)
class _TickContext:
    settings: Settings
    store: Store
    background: Background


async def _is_leader(background: Background) -> bool:
    if background.leadership is None:
        return True
    return await asyncio.to_thread(background.leadership.check)


async def ingest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fetch due feeds and store their new articles (only in the leading process)."""
    assert context.job is not None
    tick: _TickContext = context.job.data  # type: ignore[assignment]
    if not await _is_leader(tick.background):
        return
    # The tick's clock starts once its workers are up: their first start is not ingest time.
    # (Started here, not with the bot, so that a bot that fails to start never waits for them.)
    await tick.background.pages_ready()
    try:
        report = await run_ingest_tick(
            tick.store, tick.settings, now=datetime.now(UTC), pages=tick.background.pages
        )
    except Exception as exc:
        INGEST_TICKS.labels(outcome="error").inc()
        log.exception("ingest tick failed")
        await _alert_error(context, exc, "the ingest tick")
        return
    INGEST_TICKS.labels(outcome="ok").inc()
    log.info("ingest tick: %s", report.summary_line())
    if report.alerts_queued and tick.background._sender is not None:
        tick.background._sender.wake()
    for lost in report.pages_lost:
        log.warning("ingest tick: page %s", lost)
    if tick.background.pages is not None:
        log.info("page workers: %s", tick.background.pages.stats().line())
    alerts = _alerts(context)
    if alerts is not None:
        for paused in report.paused:
            await alerts.feed_paused(context.bot, paused)


async def digest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Queue the digests whose local time has come, then wake the sender."""
    assert context.job is not None
    tick: _TickContext = context.job.data  # type: ignore[assignment]
    if not await _is_leader(tick.background):
        return
    now = datetime.now(UTC)
    queued = await _release_alerts(context, tick, now)
    try:
        report = await asyncio.to_thread(build_due, tick.store, now)
    except Exception as exc:
        log.exception("digest tick failed")
        await _alert_error(context, exc, "the digest tick")
        report = None
    if (queued or (report and report.messages)) and tick.background._sender is not None:
        tick.background._sender.wake()


async def _release_alerts(
    context: ContextTypes.DEFAULT_TYPE, tick: _TickContext, now: datetime
) -> int:
    """Alerts whose quiet hours ended (and stories an interrupted ingest left unmatched)."""
    try:
        alerts = await asyncio.to_thread(run_alerts, tick.store, now, tick.settings.alerts_per_hour)
    except Exception as exc:
        log.exception("alert step of the digest tick failed")
        await _alert_error(context, exc, "the alert step")
        return 0
    return alerts.messages


async def retention_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Empty old articles; forget day-old searches and marks (only in the leading process)."""
    assert context.job is not None
    tick: _TickContext = context.job.data  # type: ignore[assignment]
    if not await _is_leader(tick.background):
        return
    days = tick.settings.retention_days
    now = datetime.now(UTC)
    try:
        result = await asyncio.to_thread(
            prune_articles, tick.store.articles, now=now, retention_days=days
        )
        await asyncio.to_thread(prune_alert_state, tick.store, now)
        # Paging buttons expire after a day anyway; throttle windows are an hour at most.
        await asyncio.to_thread(tick.store.search_pages.prune, now - PAGE_LIFETIME)
        await asyncio.to_thread(tick.store.throttle_marks.prune, now - PAGE_LIFETIME)
    except Exception as exc:
        log.exception("retention tick failed")
        await _alert_error(context, exc, "the retention tick")
        return
    log.info(
        "retention: %d articles older than %d days emptied, %d old tombstones deleted",
        result.tombstoned,
        days,
        result.deleted,
    )


def _alerts(context: ContextTypes.DEFAULT_TYPE) -> AdminAlerts | None:
    alerts = context.application.bot_data.get(ALERTS_KEY)
    return alerts if isinstance(alerts, AdminAlerts) else None


async def _alert_error(context: ContextTypes.DEFAULT_TYPE, exc: Exception, during: str) -> None:
    alerts = _alerts(context)
    if alerts is not None:
        await alerts.unexpected_error(context.bot, exc, during)


def install_jobs(
    application: Application[Any, Any, Any, Any, Any, Any],
    settings: Settings,
    store: Store,
    background: Background,
) -> None:
    """Schedule the ticks on the JobQueue and start the sender as its own task."""
    data = _TickContext(settings, store, background)
    queue = application.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    # (enabled, callback, interval, first run after, name)
    ticks = (
        (
            background.ingest,
            ingest_job,
            settings.ingest_interval_seconds,
            background.first_tick_seconds,
            "ingest",
        ),
        (
            background.digests,
            digest_job,
            DIGEST_INTERVAL_SECONDS,
            background.first_tick_seconds,
            "digest",
        ),
        (
            background.retention,
            retention_job,
            RETENTION_INTERVAL_SECONDS,
            background.first_retention_seconds,
            "retention",
        ),
    )
    for enabled, callback, interval, first, name in ticks:
        if enabled:
            queue.run_repeating(
                callback,
                interval=interval,
                first=first,
                name=name,
                data=data,
                job_kwargs=TICK_JOB_KWARGS,
            )
    if background.sender and background._sender is None:
        config = SenderConfig(
            pacing=Pacing(global_rate=settings.global_rate),
            lease=timedelta(seconds=settings.outbox_lease_seconds),
            # The shared row is for fleet monitoring, whose alerts think in ingest intervals.
            heartbeat_every=min(SenderConfig.heartbeat_every, settings.ingest_interval_seconds),
        )
        bot = sender_bot(settings, config.concurrency)
        # This process's /readyz reads SENDER_LOOP: the stamp of its own sender, not the shared
        # database row another process's sender keeps fresh.
        # The replies' limiter and this sender take turns from one budget (replies first).
        traffic = application.bot_data.get(TRAFFIC_KEY)
        shared = traffic if isinstance(traffic, Traffic) else None
        sender = OutboxSender(bot, store, config, loop_stamp=SENDER_LOOP, traffic=shared)
        background._sender, background._sender_bot = sender, bot
        background._sender_task = asyncio.create_task(
            _run_sender(bot, sender), name="outbox-sender"
        )


async def _run_sender(bot: telegram.Bot, sender: OutboxSender) -> None:
    """The sender's own task: its Bot is initialised here, apart from the replying one."""
    await bot.initialize()
    await sender.run()
