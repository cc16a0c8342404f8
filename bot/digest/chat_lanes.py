"""Per-chat pacing shared by replies and the broadcast: bursts allowed, limits never crossed.

Telegram tolerates short bursts in one chat but about one message a second over time, and
20 a minute in a group. Each chat has a token bucket a little under Telegram's (a burst of
two and a half, then 0.9 a second) and, for groups and channels, the times of its recent
sends (at most 19 in any minute). Sends to one chat take turns (in order), are timed when
Telegram answered (never earlier than when it counted them), and a flood wait
(`retry_after`) pauses only that chat.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

Window = tuple[int, float]  # at most `count` messages in any `seconds`
ChatKey = int | str  # a chat id, or a "@username" (a channel or a public group)

# Typing shows for about five seconds; asking again sooner adds nothing a user can see.
TYPING_EVERY = 4.5
_PRUNE_EVERY = 1000


@dataclass(frozen=True)
class ChatLimits:
    """Per-chat limits, a little under Telegram's (a bucket of 3 at 1/s; 20 a minute)."""

    burst: float = 2.5
    per_second: float = 0.9
    group: tuple[Window, ...] = ((19, 60.0),)

    def windows(self, chat_key: ChatKey) -> tuple[Window, ...]:
        """Groups and channels have negative ids (or a @username); users positive ones."""
        is_group = isinstance(chat_key, str) or chat_key < 0
        return self.group if is_group else ()

    @property
    def longest(self) -> float:
        """The longest window: older sends no longer matter."""
        return max((seconds for _count, seconds in self.group), default=0.0)


def next_allowed(sends: Sequence[float], windows: Sequence[Window]) -> float:
    """The earliest time another message may go, given earlier send times (oldest first)."""
    earliest = float("-inf")
    for count, seconds in windows:
        if len(sends) >= count:
            earliest = max(earliest, sends[-count] + seconds)
    return earliest


@dataclass
class _Lane:
    tokens: float
    stamp: float
    sends: deque[float] = field(default_factory=deque)
    paused_until: float = float("-inf")
    typed_at: float = float("-inf")
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class ChatLanes:
    """Every chat's recent sends and flood waits, in this process."""

    def __init__(
        self,
        limits: ChatLimits | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limits = limits or ChatLimits()
        self._clock = clock
        self._sleep = sleep
        self._lanes: dict[ChatKey, _Lane] = {}
        self._uses = 0

    @asynccontextmanager
    async def turn(self, chat_key: ChatKey) -> AsyncIterator[None]:
        """Wait until a message to `chat_key` may go; the block sends it (one at a time)."""
        lane = self._lane(chat_key)
        windows = self._limits.windows(chat_key)
        async with lane.lock:
            while True:
                now = self._clock()
                ready = max(
                    self._bucket_ready(lane, now),
                    next_allowed(lane.sends, windows),
                    lane.paused_until,
                )
                if ready <= now:
                    break
                await self._sleep(ready - now)
            try:
                yield
            finally:
                # Stamped when the answer came: Telegram counted the message before that.
                self._spend(lane, self._clock(), windows)

    def _bucket_ready(self, lane: _Lane, now: float) -> float:
        tokens = self._tokens(lane, now)
        return now if tokens >= 1.0 else now + (1.0 - tokens) / self._limits.per_second

    def _tokens(self, lane: _Lane, now: float) -> float:
        earned = max(0.0, now - lane.stamp) * self._limits.per_second
        return min(self._limits.burst, lane.tokens + earned)

    def _spend(self, lane: _Lane, now: float, windows: tuple[Window, ...]) -> None:
        lane.tokens, lane.stamp = self._tokens(lane, now) - 1.0, now
        if windows:
            lane.sends.append(now)
            while len(lane.sends) > max(count for count, _ in windows):
                lane.sends.popleft()

    def pause(self, chat_key: ChatKey, seconds: float) -> None:
        """Telegram asked to wait `seconds` before the next message to this chat."""
        lane = self._lane(chat_key)
        lane.paused_until = max(lane.paused_until, self._clock() + seconds)

    def typing_due(self, chat_key: ChatKey) -> bool:
        """True (and noted) when a "typing" action to this chat would show something new."""
        lane = self._lane(chat_key)
        now = self._clock()
        if now < lane.paused_until or now - lane.typed_at < TYPING_EVERY:
            return False
        lane.typed_at = now
        return True

    def _lane(self, chat_key: ChatKey) -> _Lane:
        self._uses += 1
        if self._uses % _PRUNE_EVERY == 0:
            self._prune()
        lane = self._lanes.get(chat_key)
        if lane is None:
            lane = self._lanes[chat_key] = _Lane(self._limits.burst, self._clock())
        return lane

    def _prune(self) -> None:
        # A lane with no recent send, no wait and nobody in it is the same as a new one.
        now = self._clock()
        horizon = self._limits.longest
        idle = [
            key
            for key, lane in self._lanes.items()
            if not lane.lock.locked()
            and lane.paused_until < now
            and now - lane.typed_at > TYPING_EVERY
            and self._tokens(lane, now) >= self._limits.burst
            and (not lane.sends or now - lane.sends[-1] > horizon)
        ]
        for key in idle:
            del self._lanes[key]
