"""Alerts across real processes: `newsbot ingest --once` queues, `kill -9` loses and doubles none.

The first test ingests with the command line and sends with `newsbot digest --deliver`. The
second kills the bot while its ingest tick is half done (slow article pages), after some
stories are stored and before their alerts could be queued or sent; the restarted bot must
alert every story cluster exactly once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.sandbox import BotApiEmulator
from bot.store import Region, Store, open_store
from bot.store import articles_table as articles
from tests.feedserver import FeedServer
from tests.scale.fleet import NewsSite, base_env, start, start_webhook_bot, wait_until

TITLES = [
    "Flood closes the Fen river bridge in Taiyuan",
    "Schools in Jinyuan shut as flood water rises",
    "Coal trains halted by the flood near Datong",
    "Volunteers fill sandbags against the flood in Yuci",
]


@pytest.fixture
def site() -> Iterator[NewsSite]:
    server = FeedServer().start()
    yield NewsSite(server, page_delay=0.8)
    server.stop()


def _prepare(store_url: str, api: BotApiEmulator, site: NewsSite) -> tuple[Store, int]:
    store = open_store(store_url)
    store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}))
    for title in TITLES:
        site.publish(title)
    store.feeds.add(site.feed_url, "shanxi")
    chat = api.create_private_chat(api.create_user("Reader"))
    yesterday = datetime.now(UTC) - timedelta(days=1)
    store.chats.ensure(chat.id, timezone="Asia/Shanghai", now=yesterday)
    store.alerts.add(chat.id, 0, "flood", None, None, yesterday)
    return store, chat.id


def _clusters(store: Store) -> dict[int, str]:
    """Story cluster -> title of its first article."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(articles.c.id, articles.c.cluster_id, articles.c.title).order_by(articles.c.id)
        ).all()
    found: dict[int, str] = {}
    for row in rows:
        found.setdefault(row.cluster_id or row.id, row.title)
    return found


def _alerts_received(api: BotApiEmulator, chat_id: int) -> Counter[str]:
    """How many alert messages the chat got for each title."""
    received: Counter[str] = Counter()
    for message in api.messages(chat_id):
        for title in TITLES:
            if message.text.startswith("🔔") and title in message.text:
                received[title] += 1
    return received


@pytest.mark.slow
def test_ingest_once_queues_alerts_that_deliver_sends_once(
    store_url: str, bot_api: BotApiEmulator, site: NewsSite, tmp_path: Path
) -> None:
    store, chat_id = _prepare(store_url, bot_api, site)
    env = base_env(store_url, bot_api.token, bot_api.root)
    try:
        for round_ in (1, 2):
            ingest = start(f"ingest{round_}", ["ingest", "--once"], env, tmp_path)
            assert ingest.popen.wait(timeout=120) == 0, ingest.log()
            deliver = start(f"deliver{round_}", ["digest", "--deliver"], env, tmp_path)
            assert deliver.popen.wait(timeout=120) == 0, deliver.log()
        out = (tmp_path / "ingest1.out").read_text()
        clusters = _clusters(store)
        assert f"{len(clusters)} alerts queued" in out
        received = _alerts_received(bot_api, chat_id)
        assert sorted(received) == sorted(clusters.values())
        assert set(received.values()) == {1}, "each story once, the second run adds nothing"
    finally:
        store.close()


@pytest.mark.slow
def test_kill_9_between_ingest_and_sending_loses_and_doubles_nothing(
    store_url: str, bot_api: BotApiEmulator, site: NewsSite, tmp_path: Path
) -> None:
    store, chat_id = _prepare(store_url, bot_api, site)
    env = base_env(store_url, bot_api.token, bot_api.root, NEWSBOT_INGEST_INTERVAL="1")
    try:
        first = start_webhook_bot("first", env, tmp_path)
        try:
            wait_until("a first story", lambda: len(_clusters(store)) >= 1, 60, first)
        finally:
            first.kill()
        assert len(_clusters(store)) < len(TITLES), "the kill landed mid-ingest"
        assert _alerts_received(bot_api, chat_id) == Counter(), "killed before any alert"

        second = start_webhook_bot("second", env, tmp_path)
        try:

            def all_alerted() -> bool:
                clusters = _clusters(store)
                every_title = store.articles.count() >= len(TITLES)
                received = _alerts_received(bot_api, chat_id)
                return every_title and len(received) >= len(clusters)

            wait_until("every story alerted", all_alerted, 90, second)
        finally:
            second.stop()
        clusters = _clusters(store)
        received = _alerts_received(bot_api, chat_id)
        assert sorted(received) == sorted(clusters.values()), "no story lost"
        assert set(received.values()) == {1}, "no story doubled"
        assert store.outbox.pending_depth() == 0
    finally:
        store.close()
