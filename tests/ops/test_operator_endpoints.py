from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.ops.endpoints import OperatorEndpoints
from bot.ops.liveness import LoopStamp
from bot.ops.metrics import REGISTRY
from bot.ops.readiness import INGEST_HEARTBEAT
from bot.store import Store, open_store

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'ops.db'}")
    opened.upgrade()
    yield opened
    opened.close()


async def test_real_store_behind_the_endpoints(store: Store, tmp_path: Path) -> None:
    clock = Clock()
    feed = store.feeds.add("https://example.org/a.xml")
    store.feeds.add("https://example.org/b.xml")
    store.feeds.pause(feed.id)
    sender = LoopStamp("outbox sender")
    endpoints = OperatorEndpoints(
        store, ingest_interval_seconds=60, clock=clock, sender_last_loop=sender.last
    )
    port = await endpoints.start(0, host="127.0.0.1")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            text = (await http.get("/metrics")).text
            assert 'newsbot_feeds{state="active"} 1.0' in text
            assert 'newsbot_feeds{state="paused"} 1.0' in text
            assert "newsbot_outbox_depth 0.0" in text
            assert "newsbot_outbox_oldest_age_seconds 0.0" in text

            clock.now = NOW + timedelta(minutes=5)
            assert (await http.get("/readyz")).status_code == 503
            store.heartbeats.beat(INGEST_HEARTBEAT, clock.now)
            assert (await http.get("/readyz")).status_code == 503, "this process's sender is idle"
            sender.mark(clock.now)
            assert (await http.get("/readyz")).status_code == 200

            # The database file vanishes from under the bot: not ready, and /metrics still answers.
            store.close()
            (tmp_path / "ops.db").rename(tmp_path / "moved.db")
            (tmp_path / "ops.db").mkdir()
            response = await http.get("/readyz")
            assert response.status_code == 503
            assert response.json()["problems"][0].startswith("database does not answer")
            errors = "newsbot_metrics_collector_errors_total"
            errors_before = REGISTRY.get_sample_value(errors) or 0.0
            metrics = await http.get("/metrics")
            assert metrics.status_code == 200
            # No stale database gauges: they are left out, and the failed read is counted.
            assert "newsbot_feeds{" not in metrics.text
            assert "newsbot_fetches_total" in metrics.text
            assert REGISTRY.get_sample_value(errors) == errors_before + 1
    finally:
        await endpoints.stop()
