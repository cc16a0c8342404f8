"""Failure emulation: flood control budgets, server errors and lost responses.

Flood control is on by default with the limits Telegram publishes in its Bots FAQ, so every
test and bench meets them: about 30 messages a second overall, about one a second in one chat
with short bursts tolerated (a bucket of `CHAT_BURST`), and 20 a minute in a group or channel
(any 60 seconds). Messages are what count (sends and edits); chat actions such as "typing"
and callback answers are outside these published limits and are not counted. Over a budget
the answer is 429 with `retry_after`, and the refused message spends nothing.
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.sandbox.errors import ApiError

_SERVER_ERRORS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
OVERALL_PER_SECOND = 30.0
CHAT_PER_SECOND = 1.0
CHAT_BURST = 3.0
GROUP_PER_MINUTE = 20


@dataclass
class _Bucket:
    rate: float
    tokens: float
    stamp: float
    capacity: float = 1.0

    def take(self, now: float) -> float:
        """Spend one token; return 0 on success or the seconds until one is available."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


@dataclass
class _Minute:
    """Send times of one group in the last minute (a sliding window, as Telegram counts)."""

    limit: int
    stamps: deque[float] = field(default_factory=deque)

    def wait(self, now: float) -> float:
        while self.stamps and now - self.stamps[0] >= 60.0:
            self.stamps.popleft()
        return 0.0 if len(self.stamps) < self.limit else self.stamps[0] + 60.0 - now


@dataclass
class FloodControl:
    """Telegram's message limits: overall, per chat (with bursts), per group and minute.

    Over budget -> 429 with `retry_after`. `configure` changes the limits (None lifts one);
    `set_chat_rate` gives one chat a strict budget of its own (no burst).
    """

    clock: Callable[[], float]
    global_rate: float | None = OVERALL_PER_SECOND
    chat_rate: float | None = CHAT_PER_SECOND
    chat_burst: float = CHAT_BURST
    group_per_minute: int | None = GROUP_PER_MINUTE
    chat_rates: dict[int, float] = field(default_factory=dict)
    _global: _Bucket | None = None
    _chats: dict[int, _Bucket] = field(default_factory=dict)
    _groups: dict[int, _Minute] = field(default_factory=dict)

    def configure(
        self,
        global_per_second: float | None,
        per_chat_per_second: float | None,
        per_group_per_minute: int | None = GROUP_PER_MINUTE,
        chat_burst: float = CHAT_BURST,
    ) -> None:
        """Set (or with None, lift) the overall, per-chat and per-group budgets."""
        self.global_rate = global_per_second
        self.chat_rate = per_chat_per_second
        self.group_per_minute = per_group_per_minute
        self.chat_burst = max(1.0, chat_burst)
        self._global = None
        self._chats.clear()
        self._groups.clear()

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
        chat = self._chat_bucket(chat_id, now)
        wait = chat.take(now) if chat is not None else 0.0
        group = self._groups.get(chat_id)
        if not wait and chat_id < 0 and self.group_per_minute:
            if group is None:
                group = self._groups[chat_id] = _Minute(self.group_per_minute)
            wait = group.wait(now)
            if wait and chat is not None:
                chat.tokens += 1.0  # the chat's token was spent on a refused message
        if not wait and self.global_rate:
            if self._global is None:
                capacity = max(1.0, self.global_rate)
                self._global = _Bucket(self.global_rate, capacity, now, capacity)
            wait = self._global.take(now)
            if wait and chat is not None:
                chat.tokens += 1.0
        if wait:
            retry = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        if group is not None and chat_id < 0 and self.group_per_minute:
            group.stamps.append(now)

    def _chat_bucket(self, chat_id: int, now: float) -> _Bucket | None:
        own = self.chat_rates.get(chat_id)
        rate = own if own is not None else self.chat_rate
        if not rate:
            return None
        bucket = self._chats.get(chat_id)
        if bucket is None:
            # A chat's own budget (set for a test) is strict; the default tolerates bursts.
            capacity = max(1.0, rate) if own is not None else max(self.chat_burst, rate)
            bucket = self._chats[chat_id] = _Bucket(rate, capacity, now, capacity)
        return bucket


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
