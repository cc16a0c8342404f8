"""Per-chat pacing shared by replies and the broadcast: bursts allowed, limits never crossed.

Telegram tolerates short bursts in one chat but about one message a second over time, and
20 a minute in a group. Each chat keeps the times of its recent sends; the next may go once
every window allows it (at most `count` sends in any `seconds`). Sends to one chat take turns
(in order), are timed when Telegram answered (never earlier than when it counted them), and a
flood wait (`retry_after`) pauses only that chat.
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
class ChatWindows:
    """The windows of a private chat and of a group or channel (a little under Telegram's)."""

    # Telegram's per-chat bucket holds about three messages and refills one a second: three
    # in any 3.5 s stay half a second clear of it, also against jitter on the way.
    private: tuple[Window, ...] = ((3, 3.5),)
    group: tuple[Window, ...] = ((3, 3.5), (19, 60.0))

    def of(self, chat_key: ChatKey) -> tuple[Window, ...]:
        """Groups and channels have negative ids (or a @username); users positive ones."""
        is_group = isinstance(chat_key, str) or chat_key < 0
        return self.group if is_group else self.private

    @property
    def longest(self) -> float:
        """The longest window: older sends no longer matter."""
        return max(seconds for _count, seconds in self.private + self.group)


def next_allowed(sends: Sequence[float], windows: Sequence[Window]) -> float:
    """The earliest time another message may go, given earlier send times (oldest first)."""
    earliest = float("-inf")
    for count, seconds in windows:
        if len(sends) >= count:
            earliest = max(earliest, sends[-count] + seconds)
    return earliest


@dataclass
class _Lane:
    sends: deque[float] = field(default_factory=deque)
    paused_until: float = float("-inf")
    typed_at: float = float("-inf")
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class ChatLanes:
    """Every chat's recent sends and flood waits, in this process."""

    def __init__(
        self,
        windows: ChatWindows | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._windows = windows or ChatWindows()
        self._clock = clock
        self._sleep = sleep
        self._lanes: dict[ChatKey, _Lane] = {}
        self._uses = 0

    @asynccontextmanager
    async def turn(self, chat_key: ChatKey) -> AsyncIterator[None]:
        """Wait until a message to `chat_key` may go; the block sends it (one at a time)."""
        lane = self._lane(chat_key)
        windows = self._windows.of(chat_key)
        async with lane.lock:
            while True:
                now = self._clock()
                ready = max(next_allowed(lane.sends, windows), lane.paused_until)
                if ready <= now:
                    break
                await self._sleep(ready - now)
            try:
                yield
            finally:
                # Stamped when the answer came: Telegram counted the message before that.
                lane.sends.append(self._clock())
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
            lane = self._lanes[chat_key] = _Lane()
        return lane

    def _prune(self) -> None:
        # A lane with no recent send, no wait and nobody in it is the same as a new one.
        now = self._clock()
        horizon = self._windows.longest
        idle = [
            key
            for key, lane in self._lanes.items()
            if not lane.lock.locked()
            and lane.paused_until < now
            and now - lane.typed_at > TYPING_EVERY
            and (not lane.sends or now - lane.sends[-1] > horizon)
        ]
        for key in idle:
            del self._lanes[key]
