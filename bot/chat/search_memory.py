"""Recent searches under short ids, so paging buttons carry 8 characters, not the query."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class RememberedSearch:
    """A query and who may page through it (the chat it was asked in)."""

    query: str
    chat_id: int


class SearchMemory:
    """A bounded, least-recently-used map from search id to query."""

    def __init__(self, capacity: int = 2000) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, RememberedSearch] = OrderedDict()

    def remember(self, query: str, chat_id: int) -> str:
        """Store a query and return its new 8-hex-digit id."""
        search_id = secrets.token_hex(4)
        self._items[search_id] = RememberedSearch(query, chat_id)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)
        return search_id

    def recall(self, search_id: str, chat_id: int) -> str | None:
        """The query behind `search_id` if it was asked in `chat_id` and is still remembered."""
        item = self._items.get(search_id)
        if item is None or item.chat_id != chat_id:
            return None
        self._items.move_to_end(search_id)
        return item.query
