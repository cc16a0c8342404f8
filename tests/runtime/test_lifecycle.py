"""The composition root starts and stops the periodic work with the bot, once each way."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram.ext import Application

from bot.ops.leader import AdvisoryLockLeader, leadership_for
from bot.runtime import Background, build_bot, serving
from bot.runtime.lifecycle import start
from bot.sandbox import BotApiEmulator
from bot.settings import Settings
from bot.store import Store
from tests.newsroom import add_news

App = Application[Any, Any, Any, Any, Any, Any]


def _settings(api: BotApiEmulator, store_url: str) -> Settings:
    return Settings(bot_token=api.token, api_url=api.root, database_url=store_url)


async def _run(application: App, name: str) -> None:
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name(name)
    await job.run(application)


async def test_a_digest_tick_queues_and_this_process_sender_delivers(
    bot_api: BotApiEmulator, store: Store, store_url: str
) -> None:
    now = datetime.now(UTC)
    add_news(store, now, stories=3)
    reader = bot_api.create_private_chat(bot_api.create_user("Reader"))
    store.chats.ensure(reader.id, kind="private", language="en", timezone="Asia/Shanghai")
    store.chats.subscribe(reader.id, 0, "shanxi")
    store.chats.update(reader.id, next_digest_at=now - timedelta(minutes=1))
    # The digest tick is scheduled but far off: the test runs it itself; the sender runs.
    background = Background(
        ingest=False, digests=True, sender=True, retention=False, first_tick_seconds=3600
    )
    application = build_bot(_settings(bot_api, store_url), store, background=background)
    async with serving(application):
        assert application.job_queue is not None
        assert [job.name for job in application.job_queue.jobs()] == ["digest"]
        await start(application)  # a second start installs nothing more
        assert [job.name for job in application.job_queue.jobs()] == ["digest"]

        await _run(application, "digest")
        (digest,) = await bot_api.wait_for_async(1, chat=reader, timeout=30)
        assert "Story 0" in digest.text
    # Stopped: nothing is left claimed or waiting, and the sender wrote its outcome.
    assert store.outbox.status_counts().get("sent") == 1
    assert store.outbox.pending_depth() == 0


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
async def test_leaving_serving_hands_leadership_to_another_process(
    bot_api: BotApiEmulator, store: Store, store_url: str
) -> None:
    background = Background(
        ingest=False,
        digests=True,
        sender=False,
        retention=False,
        leadership=leadership_for(store_url),
        first_tick_seconds=3600,
    )
    rival = AdvisoryLockLeader(store_url)
    application = build_bot(_settings(bot_api, store_url), store, background=background)
    try:
        async with serving(application):
            await _run(application, "digest")
            assert not await asyncio.to_thread(rival.check), "the running bot leads"
        assert await asyncio.to_thread(rival.check), "released when the bot stopped"
    finally:
        rival.release()


async def test_a_bot_without_background_work_schedules_nothing(
    bot_api: BotApiEmulator, store: Store, store_url: str
) -> None:
    application = build_bot(_settings(bot_api, store_url), store, background=Background.none())
    async with serving(application):
        assert application.job_queue is not None
        assert application.job_queue.jobs() == ()
    commands = bot_api.commands()
    assert "start" in {command["command"] for command in commands}, "the menu was announced"
