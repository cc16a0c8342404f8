"""Three `newsbot run` processes on one PostgreSQL: a 2,000-chat digest survives the leader's death.

Every process answers updates and sends outbox rows; one at a time (the advisory-lock holder)
runs the ingest and digest ticks. Half-way through the broadcast the leader gets `kill -9`:
every chat must still get every part exactly once (only the messages in flight at the kill
may repeat), the total send rate measured at the emulator must stay at the configured global
rate, and ingestion must carry on in another process.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.digest.build import send_now
from bot.sandbox import BotApiEmulator
from bot.store import Store, open_store
from tests.feedserver import FeedServer
from tests.newsroom import add_news, extra_copies
from tests.scale.audience import busiest_window, subscribe_private_chats
from tests.scale.fleet import (
    BotProcess,
    NewsSite,
    base_env,
    start_webhook_bot,
    wait_until,
    wait_while_progressing,
)

pytestmark = pytest.mark.slow

CHATS = 2000
RATE = 150.0  # NEWSBOT_GLOBAL_RATE for the whole fleet
IN_FLIGHT = 8  # SenderConfig.concurrency: the most messages a killed process can have in flight
# Slots are exact in the database; arrivals at the emulator jitter by the scheduling of five
# busy processes on two cores, so a one-second window may catch a few early or late ones.
RATE_TOLERANCE = 1.15


@pytest.fixture
def pg_store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


@pytest.fixture
def site() -> Iterator[NewsSite]:
    server = FeedServer().start()
    yield NewsSite(server)
    server.stop()


def _answers(process: BotProcess) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{process.port}/healthz", timeout=2).is_success
    except httpx.HTTPError:
        return False


def _leaders(fleet: list[BotProcess]) -> list[BotProcess]:
    alive = [p for p in fleet if p.popen.poll() is None]
    return [p for p in alive if p.metrics().get("newsbot_leader") == 1.0]


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
# Four processes on two cores: on a busy machine the broadcast is slow, so the bound is progress.
@pytest.mark.timeout(900)
def test_three_processes_share_a_broadcast_and_survive_the_leader(
    store_url: str, pg_store: Store, bot_api: BotApiEmulator, site: NewsSite, tmp_path: Path
) -> None:
    store = pg_store
    # Faster than Telegram's 30/s so the test stays short; the fleet's shared budget holds it.
    bot_api.set_flood_limits(global_per_second=RATE * 1.2)
    add_news(store, datetime.now(UTC), stories=5)
    chat_ids = subscribe_private_chats(bot_api, store, CHATS)
    first_page = site.publish("Taiyuan opens a new metro line")
    feed = store.feeds.add(site.feed_url, "shanxi")
    env = base_env(
        store_url,
        bot_api.token,
        bot_api.root,
        NEWSBOT_GLOBAL_RATE=f"{RATE:g}",
        NEWSBOT_INGEST_INTERVAL="2",
        NEWSBOT_OUTBOX_LEASE="5",
    )
    fleet = [start_webhook_bot(f"bot{n}", env, tmp_path) for n in range(3)]
    try:
        wait_until("three bots up", lambda: all(map(_answers, fleet)), 60, *fleet)
        wait_until(
            "the first ingest", lambda: store.articles.seen(canonical_url=first_page), 60, *fleet
        )
        wait_until("one leader", lambda: len(_leaders(fleet)) == 1, 20, *fleet)
        leader = _leaders(fleet)[0]

        report = send_now(store, datetime.now(UTC))
        assert report.chats == CHATS
        total = report.messages
        assert total > CHATS, "the digest has several parts"

        # Commands are answered while the broadcast runs.
        editor = bot_api.create_private_chat(bot_api.create_user("Editor"))
        bot_api.send_text(editor, "/help")
        bot_api.wait_for(1, chat=editor, timeout=30)

        sent = lambda: store.outbox.status_counts().get("sent", 0)  # noqa: E731
        wait_while_progressing("half the broadcast", sent, total // 2, 60, *fleet)
        leader.kill()
        killed_at = time.monotonic()
        survivors = [p for p in fleet if p is not leader]

        late_page = site.publish("Datong restores its city wall")
        store.feeds.check_at(feed.id, datetime.now(UTC))
        wait_until("a new leader", lambda: len(_leaders(survivors)) == 1, 60, *survivors)
        takeover = time.monotonic() - killed_at
        wait_until(
            "ingest after the kill",
            lambda: store.articles.seen(canonical_url=late_page),
            60,
            *survivors,
        )
        wait_while_progressing(
            "the whole broadcast",
            lambda: total - store.outbox.pending_depth(),
            total,
            60,
            *survivors,
        )
        assert store.outbox.status_counts() == {"sent": total}
        per_process = [p.metrics().get("newsbot_messages_sent_total", 0.0) for p in survivors]
    finally:
        for process in fleet:
            process.stop()

    extra = extra_copies(bot_api, store, [(chat_id, 0) for chat_id in chat_ids])
    assert all(count == 1 for count in extra.values()), "only a message in flight repeats"
    assert sum(extra.values()) <= IN_FLIGHT

    ours = set(chat_ids)
    stamps = [c.at for c in bot_api.calls("sendMessage") if c.status == 200 and c.chat_id in ours]
    busiest = busiest_window(stamps, 1.0)
    assert busiest <= RATE * RATE_TOLERANCE, f"{busiest} messages in one second"
    assert all(count > 0 for count in per_process), "every process sends outbox rows"
    print(
        f"\nscale-out: {total} messages to {CHATS} chats, busiest second {busiest} "
        f"(rate {RATE:g}), average {len(stamps) / (max(stamps) - min(stamps)):.1f}/s, "
        f"repeats {sum(extra.values())}, takeover {takeover:.1f}s, "
        f"sent by survivors {per_process}"
    )
