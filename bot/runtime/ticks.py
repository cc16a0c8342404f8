"""The periodic ticks: ingest, digests (with released alerts) and retention."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from telegram.ext import ContextTypes

from bot.chat.admin_alerts import ALERTS_KEY, AdminAlerts
from bot.digest.alert_tick import prune_alert_state, run_alerts
from bot.digest.build import build_due
from bot.news.ingest import run_ingest_tick
from bot.ops.metrics import INGEST_TICKS
from bot.ops.retention import prune_articles
from bot.runtime.background import Background
from bot.settings import Settings
from bot.store import PAGE_LIFETIME, Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TickContext:
    """What every tick works with, handed to it as its job's data."""

    settings: Settings
    store: Store
    background: Background


def _tick(context: ContextTypes.DEFAULT_TYPE) -> TickContext:
    job = context.job
    if job is None or not isinstance(job.data, TickContext):  # pragma: no cover - wiring
        raise TypeError("a tick runs as a job installed by bot.runtime.jobs")
    return job.data


async def ingest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Fetch due feeds and store their new articles (only in the leading process)."""
    tick = _tick(context)
    if not await tick.background.is_leader():
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
    if report.alerts_queued:
        tick.background.wake_sender()
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
    tick = _tick(context)
    if not await tick.background.is_leader():
        return
    now = datetime.now(UTC)
    queued = await _release_alerts(context, tick, now)
    try:
        report = await asyncio.to_thread(build_due, tick.store, now)
    except Exception as exc:
        log.exception("digest tick failed")
        await _alert_error(context, exc, "the digest tick")
        report = None
    if queued or (report and report.messages):
        tick.background.wake_sender()


async def _release_alerts(
    context: ContextTypes.DEFAULT_TYPE, tick: TickContext, now: datetime
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
    tick = _tick(context)
    if not await tick.background.is_leader():
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
