"""The alert bench still runs at a tiny size and reports what the step did (never timings)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from alerts import fill, measure  # noqa: E402

from bot.store import open_store  # noqa: E402


def test_alert_bench_matches_queues_and_caps(store_url: str) -> None:
    with open_store(store_url) as store:
        fill(store, articles=90, alerts=20)
    numbers = measure(store_url)
    assert numbers["queued"] > 0
    assert numbers["matched"] == numbers["queued"] + numbers["capped"]
    assert numbers["queued"] <= 5 * 4, "at most five an hour for each of the four chats"
