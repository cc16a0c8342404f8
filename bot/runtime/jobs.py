"""Installing the ticks on python-telegram-bot's JobQueue (APScheduler underneath).

The only module that schedules work; import-linter keeps every other module from importing it
or APScheduler, and tests/runtime/test_background_work.py from scheduling by other routes.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.runtime.background import Background
from bot.runtime.ticks import TickContext, digest_job, ingest_job, retention_job
from bot.settings import Settings
from bot.store import Store

DIGEST_INTERVAL_SECONDS = 60
RETENTION_INTERVAL_SECONDS = 24 * 3600
# APScheduler options: never two ticks at once, one catch-up run after a pause, and a late
# tick (a busy event loop, a suspended laptop) still runs instead of being dropped.
TICK_JOB_KWARGS: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600}


def install_jobs(
    application: Application[Any, Any, Any, Any, Any, Any],
    settings: Settings,
    store: Store,
    background: Background,
) -> None:
    """Schedule the ticks `background` turns on as repeating jobs of the application."""
    data = TickContext(settings, store, background)
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
