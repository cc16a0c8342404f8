"""Scrape-time gauges read from the database: feeds by state, outbox depth and age."""

from __future__ import annotations

from collections.abc import Callable

from bot.ops.metrics import FEEDS, OUTBOX_DEPTH, OUTBOX_OLDEST_AGE
from bot.ops.readiness import Clock, utc_now
from bot.store import Store

# Both states are always reported, so a dashboard shows "0 paused" rather than no data.
FEED_STATES = ("active", "paused")


def store_collector(store: Store, clock: Clock = utc_now) -> Callable[[], None]:
    """A collector for `REGISTRY.add_collector` that refreshes the database-backed gauges."""

    def collect() -> None:
        by_state = dict.fromkeys(FEED_STATES, 0) | store.feeds.count_by_state()
        FEEDS.replace({(state,): float(n) for state, n in by_state.items()})
        OUTBOX_DEPTH.set(store.outbox.pending_depth())
        OUTBOX_OLDEST_AGE.set(store.outbox.oldest_age(clock()))

    return collect
