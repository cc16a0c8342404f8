"""Scrape-time gauges read from the database: feeds by state, outbox depth and age."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from prometheus_client.metrics_core import GaugeMetricFamily, Metric

from bot.ops.metrics import COLLECTOR_ERRORS, PREFIX
from bot.ops.readiness import Clock, utc_now
from bot.store import Store

# Both states are always reported, so a dashboard shows "0 paused" rather than no data.
FEED_STATES = ("active", "paused")

_log = logging.getLogger(__name__)


class StoreCollector:
    """A prometheus_client collector whose gauges are read from `store` at each scrape."""

    def __init__(self, store: Store, clock: Clock = utc_now) -> None:
        self._store = store
        self._clock = clock

    def describe(self) -> Iterable[Metric]:
        """The families this collector yields, without touching the database."""
        return self._families({}, None, None)

    def collect(self) -> Iterable[Metric]:
        """Read the store; on failure log it, count it and leave these gauges out."""
        try:
            by_state = dict.fromkeys(FEED_STATES, 0) | self._store.feeds.count_by_state()
            depth = float(self._store.outbox.pending_depth())
            age = float(self._store.outbox.oldest_age(self._clock()))
        except Exception:
            # A database hiccup must not take /metrics down with it; the counter shows it.
            _log.exception("metrics collector failed")
            COLLECTOR_ERRORS.inc()
            return []
        return self._families(by_state, depth, age)

    @staticmethod
    def _families(by_state: dict[str, int], depth: float | None, age: float | None) -> list[Metric]:
        feeds = GaugeMetricFamily(
            PREFIX + "feeds", "Feeds by state (active, paused).", labels=["state"]
        )
        for state, count in sorted(by_state.items()):
            feeds.add_metric([state], float(count))
        return [
            feeds,
            GaugeMetricFamily(
                PREFIX + "outbox_depth", "Outbox messages waiting to be sent.", value=depth
            ),
            GaugeMetricFamily(
                PREFIX + "outbox_oldest_age_seconds",
                "Age of the oldest unsent outbox message (0 when empty).",
                value=age,
            ),
        ]
