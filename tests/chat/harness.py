"""Helpers of the chat tests: seeding a store, and a running bot with ways to talk to it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import Application

from bot.news.feed_service import FeedService
from bot.news.regions import load_regions
from bot.sandbox import BotApiEmulator, Chat, SentMessage, User
from bot.sandbox.static_server import StaticServer
from bot.settings import PROJECT_ROOT, Settings
from bot.store import NewArticle, SectionSummaryRecord, Store

SEED_ZONE = "Asia/Shanghai"
"""The zone the chat tests' settings give the bot."""


def seed(store: Store, now: datetime) -> list[int]:
    """The region catalogue and a few stored stories (ids returned, newest last)."""
    FeedService(store).sync_regions(load_regions(PROJECT_ROOT / "config" / "regions.toml"))
    stories = [
        ("Taiyuan opens metro line 2 extension", "taiyuan", "Transport"),
        ("Shanxi coal output rises in spring", "shanxi", "Economy"),
        ("太原迎泽公园举办灯会", "taiyuan", "文化"),
    ]
    stories += [(f"Metro bulletin number {n}", "taiyuan", "Service") for n in range(1, 8)]
    ids = []
    # The stories fall within the last five hours and within the chats' day (Asia/Shanghai,
    # the settings' zone), so "today in Taiyuan" holds them whatever the hour of the run.
    zone = ZoneInfo(SEED_ZONE)
    midnight = datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone)
    span = max(min(timedelta(minutes=300), now - midnight - timedelta(seconds=1)), timedelta(0))
    for n, (title, region, heading) in enumerate(stories):
        published = now - span * (300 - n) / 300
        article = store.articles.add(
            NewArticle(
                url=f"https://news.example/{region}/{n}",
                title=title,
                source="news.example",
                published_at=published,
                first_seen_at=published,
                language="zh" if "太原" in title else "en",
                text=f"{title}. More text about {region}.",
                sections=(
                    SectionSummaryRecord(heading, (f"{title} — the first point.",)),
                    SectionSummaryRecord("", ("A second, shorter point.",)),
                ),
                summary=(f"{title} — the first point.",),
                regions=(region,),
            )
        )
        ids.append(article.id)
    return ids


@dataclass
class Bot:
    """The running bot and everything a test needs around it."""

    api: BotApiEmulator
    store: Store
    settings: Settings
    application: Application[Any, Any, Any, Any, Any, Any]
    pages: StaticServer
    admin: User
    article_ids: list[int] = field(default_factory=list)

    async def say(
        self,
        chat: Chat,
        text: str,
        *,
        user: User | None = None,
        thread_id: int | None = None,
        expect: int = 1,
        reply_to: SentMessage | int | None = None,
        timeout: float = 15.0,
    ) -> list[SentMessage]:
        """Send `text` as `user` and return the bot's next `expect` messages in that chat."""
        before = len(self.api.messages(chat))
        self.api.send_text(chat, text, user=user, thread_id=thread_id, reply_to=reply_to)
        found = await self.api.wait_for_async(before + expect, chat=chat, timeout=timeout)
        return found[before:]

    async def press(
        self,
        chat: Chat,
        message: SentMessage,
        *,
        data: str | None = None,
        label: str | None = None,
        user: User | None = None,
        expect_new: int = 1,
    ) -> list[SentMessage]:
        """Press a button; wait for `expect_new` new messages (0: for an edit of `message`)."""
        before = self.api.messages(chat)
        edits = {m.message_id: m.edits for m in before}
        query = self.api.press_button(chat, message, data=data, label=label, user=user)
        if expect_new:
            found = await self.api.wait_for_async(len(before) + expect_new, chat=chat)
            return found[len(before) :]

        def changed(ms: list[SentMessage]) -> bool:
            answered = self.api.callback_answer(query) is not None
            return answered and any(m.edits != edits.get(m.message_id, 0) for m in ms)

        found = await self.api.wait_for_async(changed, chat=chat)
        return [m for m in found if m.edits != edits.get(m.message_id, 0)]


class ErrorRecords(logging.Handler):
    """Collects every ERROR (or worse) record logged anywhere while the bot runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
