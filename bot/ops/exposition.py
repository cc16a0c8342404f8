"""What /metrics answers: the process's metrics, or the host's in multiprocess mode, plus reads.

prometheus_client decides at import whether samples live in this process's memory or in
files under PROMETHEUS_MULTIPROC_DIR (several processes sharing a port or a host). In the
second case every process's /metrics merges the files of all of them, as the library
documents; collectors that read the database are added to either view at scrape time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from prometheus_client import values
from prometheus_client.exposition import choose_encoder
from prometheus_client.metrics_core import Metric
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead
from prometheus_client.registry import Collector

from bot.ops.metrics import REGISTRY


def multiprocess_mode() -> bool:
    """True when prometheus_client keeps samples in PROMETHEUS_MULTIPROC_DIR files."""
    return values.ValueClass is not values.MutexValue


class Exposition:
    """Renders the Prometheus exposition of this process (or host) and of `collectors`."""

    def __init__(self, collectors: Sequence[Collector] = (), own: Collector = REGISTRY) -> None:
        self._collectors = tuple(collectors)
        self._own = own

    def collect(self) -> Iterable[Metric]:
        """Every metric family of one scrape (the prometheus_client collector protocol)."""
        # The files are read afresh on each scrape: other processes write to them meanwhile.
        own = MultiProcessCollector(None) if multiprocess_mode() else self._own
        yield from own.collect()
        for collector in self._collectors:
            yield from collector.collect()

    def render(self, accept: str = "") -> tuple[bytes, str]:
        """The body and its content type, in the format the scraper's Accept header asks for."""
        encode, content_type = choose_encoder(accept)
        return encode(self), content_type


def forget_this_process() -> None:
    """In multiprocess mode, drop this process's live gauges (for example `newsbot_leader`)."""
    if multiprocess_mode():
        mark_process_dead(os.getpid())
