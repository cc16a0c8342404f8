"""Delivery pacing: a global token bucket, per-chat spacing and retry backoff (no I/O)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Pacing:
    """How fast the outbox may go.

    Telegram allows about 30 messages a second overall, one a second in a private chat and
    twenty a minute in a group; the defaults stay a little under each.
    """

    global_rate: float = 25.0
    private_interval: float = 1.0
    group_interval: float = 3.0
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    max_attempts: int = 8

    def chat_interval(self, chat_id: int) -> float:
        """Seconds between two messages to one chat (groups and channels have negative ids)."""
        return self.group_interval if chat_id < 0 else self.private_interval

    def backoff(self, attempts: int) -> float:
        """Seconds before retrying after `attempts` failed tries: 2, 4, 8 ... capped."""
        return float(min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1)))


class RateLimiter(Protocol):
    """Something that paces sends: `acquire()` returns when one more may go."""

    async def acquire(self) -> None:
        """Wait until one more message may be sent."""
        ...


class TokenBucket:
    """At most `rate` acquisitions a second on average, bursts up to `burst` (async, fair).

    Each caller is given the next slot on a fixed grid `1 / rate` apart rather than a token
    counted from when it woke: a sleep that overshoots (asyncio wakes a little late) then
    shortens the next wait instead of losing that time, so the configured rate is reached.
    """

    def __init__(
        self,
        rate: float,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._interval = 1.0 / rate
        self._sleep = sleep
        self._burst = max(1.0, burst if burst is not None else 1.0)
        self._clock = clock
        self._next = clock()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait for the next free slot; callers are served in arrival order."""
        async with self._lock:
            now = self._clock()
            # Idle time earns at most `burst` slots of credit, never an unbounded burst.
            slot = max(self._next, now - (self._burst - 1.0) * self._interval)
            self._next = slot + self._interval
            delay = slot - now
            if delay > 0:
                await self._sleep(delay)


class SharedRate:
    """At most `rate` acquisitions a second in total across processes.

    `reserve(interval)` books the next free slot in shared storage (the database) and answers
    how many seconds from now it begins; each caller then sleeps until its own slot.
    """

    def __init__(self, rate: float, reserve: Callable[[float], Awaitable[float]]) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._interval = 1.0 / rate
        self._reserve = reserve

    async def acquire(self) -> None:
        """Reserve a slot and wait for it."""
        wait = await self._reserve(self._interval)
        if wait > 0:
            await asyncio.sleep(wait)
