"""One overall send budget for command replies and the digest broadcast; replies go first.

Telegram allows about 30 messages a second for the whole bot. Replies and the broadcast take
their turns from one budget: evenly spaced slots, `1 / rate` apart, kept in memory for one
process (`LocalSlots`) or in PostgreSQL for a fleet (`SharedSlots`). Priority is a matter of
horizon: a reply takes the next free slot even when it lies many seconds ahead, the broadcast
only one that begins within a fraction of a second. While replies queue, the next free slot
runs ahead of the clock and the broadcast waits, in every process alike; when they are gone
it resumes at full rate.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from bot.store import Booking, SendSlots

# Never poll for a refused slot more often than this (seconds): a refused broadcast waits for
# replies, and hammering the shared row would only slow them down.
MIN_POLL = 0.05
MAX_POLL = 1.0


class Priority(Enum):
    """Who is sending: a command reply (first) or the digest broadcast."""

    REPLY = "reply"
    BROADCAST = "broadcast"


@dataclass(frozen=True)
class Horizons:
    """How far ahead (seconds) each priority may take a slot."""

    reply: float = 60.0
    broadcast: float = 0.25

    def of(self, priority: Priority) -> float:
        """The horizon of `priority`."""
        return self.reply if priority is Priority.REPLY else self.broadcast


class SlotBook(Protocol):
    """Where slots are handed out: this process's memory or the shared database row."""

    async def book(self, interval: float, horizon: float) -> Booking:
        """Take the next slot if it begins within `horizon` seconds."""
        ...

    async def pause(self, seconds: float) -> None:
        """Hand out no slot for the next `seconds`."""
        ...


class LocalSlots:
    """Slots of one process (the cell rate algorithm on a monotonic clock)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._next = clock()

    async def book(self, interval: float, horizon: float) -> Booking:
        """Take the next slot if it begins within `horizon` seconds; else say when to ask."""
        now = self._clock()
        slot = max(self._next, now)
        if slot - now > horizon:
            return Booking(False, slot - now - horizon)
        self._next = slot + interval
        return Booking(True, slot - now)

    async def pause(self, seconds: float) -> None:
        """Push the next slot at least `seconds` from now."""
        self._next = max(self._next, self._clock() + seconds)


class SharedSlots:
    """Slots every process on one PostgreSQL shares (`bot.store.send_slots`)."""

    def __init__(self, slots: SendSlots) -> None:
        self._slots = slots
        # Its own small pool: booking must not queue behind summarizing in the default one.
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="send-slots")

    async def book(self, interval: float, horizon: float) -> Booking:
        """Take the next shared slot if it begins within `horizon` seconds."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._slots.book, interval, horizon)

    async def pause(self, seconds: float) -> None:
        """Push the shared next slot at least `seconds` from now."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._pool, self._slots.pause, seconds)


class SendBudget:
    """At most `rate` sends a second in total; replies before the broadcast."""

    def __init__(
        self,
        rate: float,
        slots: SlotBook,
        horizons: Horizons | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self._interval = 1.0 / rate
        self._slots = slots
        self._horizons = horizons or Horizons()
        self._clock = clock
        self._sleep = sleep
        # One broadcast booking at a time per process: the others wait here, not at the database.
        self._broadcast_turn = asyncio.Lock()
        self._last_slot = clock()

    async def acquire(self, priority: Priority) -> None:
        """Return when one more message of `priority` may be sent."""
        if priority is Priority.BROADCAST:
            async with self._broadcast_turn:
                wait = await self._book(priority)
        else:
            wait = await self._book(priority)
        if wait > 0:
            await self._sleep(wait)

    async def _book(self, priority: Priority) -> float:
        horizon = self._horizons.of(priority)
        while True:
            booking = await self._slots.book(self._interval, horizon)
            if booking.granted:
                self._last_slot = max(self._last_slot, self._clock() + booking.wait)
                return booking.wait
            await self._sleep(min(MAX_POLL, max(MIN_POLL, booking.wait)))

    async def pause(self, seconds: float) -> None:
        """Flood control paused the whole bot: no slot for anyone for `seconds`."""
        await self._slots.pause(seconds)

    def expected_wait(self) -> float:
        """Seconds until the latest slot this process booked (how far behind sending is)."""
        return max(0.0, self._last_slot - self._clock())


class FloodSignals:
    """Tell a chat's flood wait from the whole bot's: 429s in several chats at once."""

    def __init__(
        self, chats: int = 3, within: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._chats = chats
        self._within = within
        self._clock = clock
        self._recent: dict[int | str, float] = {}

    def overall(self, chat_key: int | str) -> bool:
        """Record a 429 in `chat_key`; True when enough other chats got one just now."""
        now = self._clock()
        self._recent = {k: at for k, at in self._recent.items() if now - at < self._within}
        self._recent[chat_key] = now
        return len(self._recent) >= self._chats
