"""Admins hear about unexpected errors and paused feeds in their private chats, throttled hourly."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.chat.admin_alerts import AdminAlerts
from bot.news.feed_service import FeedService
from bot.ops.alerts import AlertThrottle
from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator, Chat, User
from bot.settings import Settings
from bot.store import Store
from tests.botapi import private_chat
from tests.feedserver import FeedServer

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
App = Application[Any, Any, Any, Any, Any, Any]


class Clock:
    """The throttle's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def api(bot_api: BotApiEmulator) -> BotApiEmulator:
    """The emulator, under the name these tests use."""
    return bot_api


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


class Admins:
    """One admin who started the bot, one who never did, one who blocked it."""

    def __init__(self, api: BotApiEmulator) -> None:
        self.active, self.chat = private_chat(api, "Ada")
        self.never_started = api.create_user("Grace", language_code="en")
        self.blocked, blocked_chat = private_chat(api, "Linus")
        api.block_chat(blocked_chat)

    @property
    def ids(self) -> frozenset[int]:
        return frozenset({self.active.id, self.never_started.id, self.blocked.id})


@asynccontextmanager
async def running_bot(
    api: BotApiEmulator, store: Store, admins: Admins, clock: Clock, background: Background
) -> AsyncIterator[App]:
    settings = Settings(
        bot_token=api.token,
        api_url=api.root,
        admin_ids=admins.ids,
        database_url="unused",
        allow_private_urls=True,
    )
    alerts = AdminAlerts(settings.admin_ids, throttle=AlertThrottle(clock), secrets=[api.token])
    application = build_bot(settings, store, background=background, alerts=alerts)
    async with serving(application):
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        yield application


def _texts(api: BotApiEmulator, chat: Chat) -> list[str]:
    return [m.text or "" for m in api.messages(chat)]


async def _explode(_update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise RuntimeError(f"storage exploded near /bot{context.bot.token}/sendMessage")


async def _fizzle(_update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    raise KeyError("another kind of failure")


async def _fail_and_wait(api: BotApiEmulator, user_chat: Chat, user: User, text: str) -> None:
    """Send a failing command and wait for the user's apology."""
    before = len(api.messages(user_chat))
    api.send_text(user_chat, text, user=user)
    found = await api.wait_for_async(before + 1, chat=user_chat)
    assert "went wrong" in (found[-1].text or "").lower()


async def test_unexpected_error_alerts_each_admin_once_per_hour(
    api: BotApiEmulator, store: Store
) -> None:
    admins, clock = Admins(api), Clock()
    user, user_chat = private_chat(api, "Reader")
    async with running_bot(api, store, admins, clock, Background.none()) as application:
        application.add_handler(CommandHandler("explode", _explode))
        application.add_handler(CommandHandler("fizzle", _fizzle))

        await _fail_and_wait(api, user_chat, user, "/explode now")
        first = await api.wait_for_async(1, chat=admins.chat)
        assert "Unexpected error while handling /explode" in (first[0].text or "")
        assert "RuntimeError: storage exploded" in (first[0].text or "")
        assert api.token not in (first[0].text or ""), "the token is redacted"
        assert "/bot<token>/sendMessage" in (first[0].text or "")

        # Same error within the hour: the user still gets an apology, the admins nothing.
        clock.now = T0 + timedelta(minutes=30)
        await _fail_and_wait(api, user_chat, user, "/explode again")
        # A different kind of error is its own subject and does go out; once it has arrived,
        # the repeated one has long been decided.
        await _fail_and_wait(api, user_chat, user, "/fizzle")
        found = await api.wait_for_async(2, chat=admins.chat)
        assert "KeyError" in (found[1].text or "")
        assert len(_texts(api, admins.chat)) == 2

        # After the hour, the next one goes out and says how many were held back.
        clock.now = T0 + timedelta(hours=1, minutes=1)
        await _fail_and_wait(api, user_chat, user, "/explode once more")
        found = await api.wait_for_async(3, chat=admins.chat)
        assert "RuntimeError" in (found[2].text or "")
        assert "1 more alert like this held back" in (found[2].text or "")

    # The admin who never started the bot and the one who blocked it were skipped quietly.
    assert api.send_stats(admins.blocked.id).refused >= 1
    assert not api.messages(admins.blocked.id)
    assert "could not alert" not in " ".join(_texts(api, user_chat))


async def _ingest_ticks(application: App, store: Store, feed_id: int, count: int) -> None:
    """Run the ingest job `count` times, making the feed due again before each run."""
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name("ingest")
    for _ in range(count):
        store.feeds.check_at(feed_id, None)
        await job.run(application)


async def test_paused_feed_alerts_admins_once_per_feed_per_hour(
    api: BotApiEmulator, store: Store, feed_server: FeedServer
) -> None:
    admins, clock = Admins(api), Clock()
    url = feed_server.add("/blocked.xml", "<html>Forbidden</html>", status=403)
    feed = store.feeds.add(url, title="Blocked Daily")
    # The ingest job is scheduled but far off: the test runs it itself, tick by tick.
    background = Background(
        ingest=True, digests=False, sender=False, retention=False, first_tick_seconds=3600
    )
    async with running_bot(api, store, admins, clock, background) as application:
        await _ingest_ticks(application, store, feed.id, 7)
        assert feed_server.hits["/blocked.xml"] == 7
        assert not api.messages(admins.chat), "seven failures: the feed is not paused yet"

        await _ingest_ticks(application, store, feed.id, 1)
        paused = store.feeds.get(feed.id)
        assert paused is not None
        assert paused.state == "paused"
        (alert,) = api.messages(admins.chat)
        assert (alert.text or "").startswith(
            f"⏸ Feed #{feed.id} Blocked Daily paused after 8 failures: HTTP 403"
        )
        assert "the site blocks bots" in (alert.text or "")
        assert f"/resumefeed {feed.id}" in (alert.text or "")

        # Resumed and paused again within the hour: no second alert about this feed.
        clock.now = T0 + timedelta(minutes=40)
        FeedService(store).resume(str(feed.id))
        await _ingest_ticks(application, store, feed.id, 8)
        again = store.feeds.get(feed.id)
        assert again is not None
        assert again.state == "paused"
        assert len(api.messages(admins.chat)) == 1

        clock.now = T0 + timedelta(hours=1)
        FeedService(store).resume(str(feed.id))
        await _ingest_ticks(application, store, feed.id, 8)
        texts = _texts(api, admins.chat)
        assert len(texts) == 2
        assert "1 more alert like this held back" in texts[1]
    assert feed_server.hits["/blocked.xml"] == 24
