"""The alert bench still runs at a tiny size and reports what the step did (never timings)."""

from __future__ import annotations

from bench.alerts import fill, measure
from bot.store import open_store


def test_alert_bench_matches_queues_and_caps(store_url: str) -> None:
    with open_store(store_url) as store:
        fill(store, articles=90, alerts=20)
    numbers = measure(store_url)
    assert numbers["queued"] > 0
    assert numbers["matched"] == numbers["queued"] + numbers["capped"]
    assert numbers["queued"] <= 5 * 4, "at most five an hour for each of the four chats"
