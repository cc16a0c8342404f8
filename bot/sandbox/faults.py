"""Failure emulation: flood control budgets, server errors and lost responses."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.sandbox.errors import ApiError

_SERVER_ERRORS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


@dataclass
class _Bucket:
    rate: float
    tokens: float
    stamp: float

    def take(self, now: float) -> float:
        """Spend one token; return 0 on success or the seconds until one is available."""
        capacity = max(1.0, self.rate)
        self.tokens = min(capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


@dataclass
class FloodControl:
    """Token buckets: one global, one per chat; over budget -> 429 with `retry_after`."""

    clock: Callable[[], float]
    global_rate: float | None = None
    chat_rate: float | None = None
    chat_rates: dict[int, float] = field(default_factory=dict)
    _global: _Bucket | None = None
    _chats: dict[int, _Bucket] = field(default_factory=dict)

    def configure(self, global_per_second: float | None, per_chat_per_second: float | None) -> None:
        """Set (or with None, lift) the global and the default per-chat budgets."""
        self.global_rate = global_per_second
        self.chat_rate = per_chat_per_second
        self._global = None
        self._chats.clear()

    def set_chat_rate(self, chat_id: int, per_second: float | None) -> None:
        """Give one chat its own budget (None: back to the default)."""
        if per_second is None:
            self.chat_rates.pop(chat_id, None)
        else:
            self.chat_rates[chat_id] = per_second
        self._chats.pop(chat_id, None)

    def check(self, chat_id: int) -> None:
        """Spend the budget of one message to `chat_id`, or raise Telegram's 429."""
        now = self.clock()
        wait = 0.0
        rate = self.chat_rates.get(chat_id, self.chat_rate)
        if rate:
            bucket = self._chats.get(chat_id)
            if bucket is None:
                bucket = self._chats[chat_id] = _Bucket(rate, max(1.0, rate), now)
            wait = bucket.take(now)
        if not wait and self.global_rate:
            if self._global is None:
                self._global = _Bucket(self.global_rate, max(1.0, self.global_rate), now)
            wait = self._global.take(now)
            if wait and rate:
                # The chat's token was spent on a refused message: give it back.
                self._chats[chat_id].tokens += 1.0
        if wait:
            retry = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})


@dataclass
class ServerFaults:
    """Scripted and random 5xx answers, and responses lost after the work was done."""

    seed: int = 0
    error_rate: float = 0.0
    error_status: int = 502
    pending_errors: list[tuple[int, frozenset[str] | None]] = field(default_factory=list)
    pending_losses: list[frozenset[str] | None] = field(default_factory=list)
    _random: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        self._random.seed(self.seed)

    def set_error_rate(self, rate: float, status: int = 502, seed: int | None = None) -> None:
        """Answer a random fraction `rate` of requests with `status`."""
        self.error_rate, self.error_status = rate, status
        if seed is not None:
            self._random.seed(seed)

    def before(self, method: str) -> None:
        """Raise a 5xx when one is scripted or drawn for this request."""
        for index, (status, methods) in enumerate(self.pending_errors):
            if methods is None or method in methods:
                del self.pending_errors[index]
                raise ApiError(status, _SERVER_ERRORS.get(status, "Internal Server Error"))
        if method != "getupdates" and self.error_rate and self._random.random() < self.error_rate:
            status = self.error_status
            raise ApiError(status, _SERVER_ERRORS.get(status, "Internal Server Error"))

    def lose_response(self, method: str) -> bool:
        """True when this request's answer must be dropped although its work was done."""
        for index, methods in enumerate(self.pending_losses):
            if methods is None or method in methods:
                del self.pending_losses[index]
                return True
        return False
