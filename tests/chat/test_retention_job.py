"""The daily retention job: the leader empties old articles; a re-seen old URL stays old news."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

import pytest
from telegram.ext import Application

from bot.news.urls import canonical_url
from bot.ops.leader import Leadership
from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator
from bot.settings import Settings
from bot.store import NewArticle, Region, SectionSummaryRecord, Store
from tests.feedserver import FeedServer

App = Application[Any, Any, Any, Any, Any, Any]
OLD_TITLE = "Taiyuan cadres finish spring training"
NEW_TITLE = "Taiyuan opens a new riverside park"
PARAGRAPH = (
    "The riverside park in Taiyuan opened on Saturday with four kilometres of walking paths, "
    "two playgrounds and a cycling track along the Fen River, the city government said. "
)


class Follower:
    """A process that never wins the election."""

    def check(self) -> bool:
        return False

    def release(self) -> None:
        return None


@pytest.fixture
def api(bot_api: BotApiEmulator) -> BotApiEmulator:
    """The emulator, under the name these tests use."""
    return bot_api


@pytest.fixture
def site() -> Iterator[FeedServer]:
    """A feed still listing a 100-day-old story beside a new one."""
    server = FeedServer().start()
    page = (
        f"<!DOCTYPE html><html lang='en'><head><title>{NEW_TITLE}</title></head><body>"
        f"<article><h1>{NEW_TITLE}</h1>" + f"<p>{PARAGRAPH}</p>" * 6 + "</article></body></html>"
    )
    server.add("/new-story", page)
    server.add("/old-story", "<html><body>gone</body></html>", status=404)
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{server.url(path)}</link>"
        f"<description>{escape(title)}</description></item>"
        for title, path in ((OLD_TITLE, "/old-story"), (NEW_TITLE, "/new-story"))
    )
    rss = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Shanxi Daily</title><link>{server.url('/')}</link>{items}</channel></rss>"
    )
    server.add("/feed.xml", rss, content_type="application/rss+xml")
    try:
        yield server
    finally:
        server.stop()


def _old_article(store: Store, url: str) -> int:
    store.regions.upsert(Region("taiyuan", {"en": "Taiyuan", "zh": "太原"}, ("Taiyuan",)))
    seen = datetime.now(UTC) - timedelta(days=100)
    article = store.articles.add(
        NewArticle(
            url=canonical_url(url),
            title=OLD_TITLE,
            text="Cadres in Taiyuan attended a week of training in March.",
            sections=(SectionSummaryRecord("Training", ("A week of training.",)),),
            summary=("A week of training.",),
            regions=("taiyuan",),
            published_at=seen,
            first_seen_at=seen,
        )
    )
    return article.id


@asynccontextmanager
async def running_bot(
    api: BotApiEmulator, store: Store, leadership: Leadership | None = None
) -> AsyncIterator[App]:
    settings = Settings(
        bot_token=api.token,
        api_url=api.root,
        database_url="unused",
        allow_private_urls=True,
        retention_days=90,
    )
    # Jobs scheduled but far off: the test runs them itself.
    background = Background(
        ingest=True,
        digests=False,
        sender=False,
        retention=True,
        leadership=leadership,
        first_tick_seconds=3600,
        first_retention_seconds=3600,
    )
    application = build_bot(settings, store, background=background)
    async with serving(application):
        yield application


async def _run(application: App, name: str) -> None:
    assert application.job_queue is not None
    (job,) = application.job_queue.get_jobs_by_name(name)
    await job.run(application)


async def test_retention_empties_old_articles_and_they_stay_deduplicated(
    api: BotApiEmulator, store: Store, site: FeedServer
) -> None:
    old_id = _old_article(store, site.url("/old-story"))
    store.feeds.add(site.url("/feed.xml"), title="Shanxi Daily")
    async with running_bot(api, store) as application:
        await _run(application, "retention")
        pruned = store.articles.get(old_id)
        assert pruned is not None
        assert (pruned.text, pruned.summary, pruned.sections) == ("", (), ())
        assert store.articles.count("taiyuan") == 0, "no longer in the region's view"

        await _run(application, "ingest")
    assert site.hits["/new-story"] == 1, "the new entry was fetched and stored"
    assert site.hits["/old-story"] == 0, "the pruned entry was recognised without a fetch"
    assert store.articles.count() == 2
    assert store.articles.get(old_id) == pruned


async def test_only_the_leader_prunes(api: BotApiEmulator, store: Store, site: FeedServer) -> None:
    old_id = _old_article(store, site.url("/old-story"))
    async with running_bot(api, store, Follower()) as application:
        await _run(application, "retention")
    kept = store.articles.get(old_id)
    assert kept is not None
    assert kept.text.startswith("Cadres in Taiyuan")
    assert store.articles.count("taiyuan") == 1
