"""Ranked search results kept for a minute, so scrolling an inline list ranks the query once.

Telegram asks again for every page (`offset`) and for every user; the ranking is the
expensive part, the page of articles is cheap. Entries live as long as Telegram may cache an
answer, so a page never comes from an older ranking than the answer it continues.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

# The most recent distinct queries kept (a few hundred ids each).
MAX_QUERIES = 256


class RankedCache:
    """Query text -> ranked article ids, least recently used out first, each for `ttl` s."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, list[int]]] = OrderedDict()

    def get(self, query: str) -> list[int] | None:
        """The ids ranked for `query` less than `ttl` seconds ago, if any."""
        entry = self._entries.get(query)
        if entry is None:
            return None
        if entry[0] <= self._clock():
            del self._entries[query]
            return None
        self._entries.move_to_end(query)
        return entry[1]

    def put(self, query: str, ids: list[int]) -> None:
        """Remember a fresh ranking of `query`."""
        self._entries[query] = (self._clock() + self._ttl, ids)
        self._entries.move_to_end(query)
        while len(self._entries) > MAX_QUERIES:
            self._entries.popitem(last=False)
