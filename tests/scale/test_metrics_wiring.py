"""A running bot's /metrics and /readyz move with real work: an ingest, a digest, a command."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.multiprocess import MultiProcessCollector

from bot.sandbox import BotApiEmulator
from bot.store import open_store
from tests.feedserver import FeedServer
from tests.newsroom import add_news
from tests.scale.fleet import (
    BotProcess,
    NewsSite,
    base_env,
    free_port,
    start,
    start_webhook_bot,
    wait_until,
)


@pytest.fixture
def site() -> Iterator[NewsSite]:
    server = FeedServer().start()
    yield NewsSite(server)
    server.stop()


def _counters_moved(process: BotProcess) -> bool:
    seen = process.metrics()
    return all(
        seen.get(name, 0.0) >= 1
        for name in (
            'newsbot_fetches_total{outcome="ok"}',
            "newsbot_articles_ingested_total",
            "newsbot_summaries_total",
            "newsbot_digests_built_total",
            "newsbot_messages_sent_total",
            'newsbot_command_seconds_count{command="help"}',
        )
    )


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_metrics_follow_an_ingest_a_digest_and_a_command(
    store_url: str, bot_api: BotApiEmulator, site: NewsSite, tmp_path: Path
) -> None:
    with open_store(store_url) as store:
        add_news(store, datetime.now(UTC), stories=2)
        page = site.publish("Jinzhong opens a rail link")
        store.feeds.add(site.feed_url, "shanxi")
        reader = bot_api.create_private_chat(bot_api.create_user("Reader"))
        store.chats.ensure(reader.id, kind="private", language="en", timezone="Asia/Shanghai")
        store.chats.subscribe(reader.id, 0, "shanxi")
        # Due a minute ago: the first digest tick queues it and the sender delivers it.
        store.chats.update(reader.id, next_digest_at=datetime.now(UTC) - timedelta(minutes=1))

    port = free_port()
    env = base_env(
        store_url,
        bot_api.token,
        bot_api.root,
        NEWSBOT_HEALTH_PORT=str(port),
        NEWSBOT_INGEST_INTERVAL="2",
    )
    bot = start("bot", ["run", "--listen", "127.0.0.1"], env, tmp_path)
    bot.port = port
    try:
        bot_api.wait_for(1, chat=reader, timeout=60)
        bot_api.send_text(reader, "/help")
        bot_api.wait_for(2, chat=reader, timeout=30)
        wait_until("the counters", lambda: _counters_moved(bot), 30, bot)
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10)
        with open_store(store_url) as store:
            assert store.articles.seen(canonical_url=page)
    finally:
        bot.stop()
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"ready": True, "problems": []}


def _scrape(process: BotProcess) -> dict[str, float]:
    """Its /metrics, or nothing while it is still starting."""
    try:
        return process.metrics()
    except httpx.HTTPError:
        return {}


def _leader_sum(process: BotProcess) -> float | None:
    return _scrape(process).get("newsbot_leader")


@pytest.mark.slow
def test_bots_sharing_a_metrics_directory_answer_for_each_other(
    postgres_url: str, bot_api: BotApiEmulator, tmp_path: Path
) -> None:
    shared = tmp_path / "prometheus"
    shared.mkdir()
    env = base_env(
        postgres_url,
        bot_api.token,
        bot_api.root,
        NEWSBOT_INGEST_INTERVAL="2",
        PROMETHEUS_MULTIPROC_DIR=str(shared),
    )
    fleet = [start_webhook_bot(name, env, tmp_path) for name in ("first", "second")]
    try:
        # One process leads; each /metrics counts both, so each says one leader, and the
        # leader's ingest ticks show on the other one's port too.
        for process in fleet:
            wait_until(
                f"{process.name} to answer for the fleet",
                lambda p=process: (
                    _leader_sum(p) == 1
                    and p.metrics().get('newsbot_ingest_ticks_total{outcome="ok"}', 0) >= 1
                ),
                60,
                *fleet,
            )
        leader = next(p for p in fleet if _own_leader_file(shared, p))
        survivor = next(p for p in fleet if p is not leader)
        leader.stop()
        # The survivor takes over; the stopped process left no leader gauge behind.
        wait_until("the takeover", lambda: _own_leader_file(shared, survivor), 60, survivor)
        assert _leader_sum(survivor) == 1
        assert not list(shared.glob(f"gauge_livesum_{leader.popen.pid}.db"))
    finally:
        for process in fleet:
            process.stop()


def _own_leader_file(shared: Path, process: BotProcess) -> bool:
    """Whether `process` itself leads, read from its own file in the shared directory."""
    files = [str(f) for f in shared.glob(f"gauge_livesum_{process.popen.pid}.db")]
    for family in MultiProcessCollector.merge(files, accumulate=False):
        for sample in family.samples:
            if sample.name == "newsbot_leader" and sample.value == 1:
                return True
    return False
