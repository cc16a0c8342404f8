"""`kill -9` of the bot in the middle of an ingest tick, then a restart: nothing lost or halved.

The article pages answer slowly, so the kill lands while some articles are stored and others
are still being fetched or summarized. After the restart every article must be stored exactly
once, each with its text and summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.sandbox import BotApiEmulator
from bot.store import Region, Store, open_store
from bot.store import articles_table as articles
from tests.feedserver import FeedServer
from tests.scale.fleet import BotProcess, NewsSite, base_env, start_webhook_bot, wait_until

pytestmark = pytest.mark.slow

ARTICLES = 4


@pytest.fixture
def site() -> Iterator[NewsSite]:
    server = FeedServer().start()
    # Two pages at a time per host (the ingest limit), 0.8 s each: over a second and a half a tick.
    yield NewsSite(server, page_delay=0.8)
    server.stop()


def _stored(store: Store) -> list[tuple[str, list[str], str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(articles.c.url, articles.c.summary, articles.c.text)).all()
    return [(row.url, list(row.summary), row.text) for row in rows]


def test_killed_mid_ingest_then_restarted(
    store_url: str, bot_api: BotApiEmulator, site: NewsSite, tmp_path: Path
) -> None:
    store = open_store(store_url)
    try:
        store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}))
        pages = [site.publish(f"County news item {n}") for n in range(ARTICLES)]
        store.feeds.add(site.feed_url, "shanxi")
        env = base_env(store_url, bot_api.token, bot_api.root, NEWSBOT_INGEST_INTERVAL="1")

        first = start_webhook_bot("first", env, tmp_path)
        try:
            wait_until("a first article", lambda: len(_stored(store)) >= 1, 60, first)
        finally:
            first.kill()
        at_kill = len(_stored(store))
        assert at_kill < ARTICLES, "the kill landed mid-ingest"

        second: BotProcess = start_webhook_bot("second", env, tmp_path)
        try:
            wait_until("every article", lambda: len(_stored(store)) >= ARTICLES, 60, second)
        finally:
            second.stop()
        stored = _stored(store)
    finally:
        store.close()

    by_url = Counter(url for url, _summary, _text in stored)
    assert sorted(by_url) == sorted(pages)
    assert set(by_url.values()) == {1}, "each article exactly once"
    for url, summary, text in stored:
        assert summary, f"{url} was stored without its summary"
        assert text, f"{url} was stored without its text"
