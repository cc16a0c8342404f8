"""A transport for sender tests: scripted outcomes per chat, and virtual time to go with them."""

from __future__ import annotations

import asyncio
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.delivery import Outcome, Part, Sent
from bot.digest.chat_lanes import ChatLanes
from bot.digest.send_budget import FloodSignals, LocalSlots, SendBudget
from bot.digest.traffic import Traffic

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@dataclass
class VirtualClock:
    """Wall time for the sender and monotonic time for its pacing, moved only by the test."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return (self.now - START).total_seconds()

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        """A pacing wait lets virtual time pass instead of real time."""
        self.advance(max(0.0, seconds))
        await asyncio.sleep(0)

    def traffic(self, rate: float = 1000.0) -> Traffic:
        """The sender's budget and chat lanes on this clock."""
        slots = LocalSlots(clock=self.monotonic)
        budget = SendBudget(rate, slots, clock=self.monotonic, sleep=self.sleep)
        lanes = ChatLanes(clock=self.monotonic, sleep=self.sleep)
        return Traffic(budget, lanes, FloodSignals(clock=self.monotonic))


@dataclass
class ScriptedTransport:
    """Answers each chat's parts with its scripted outcomes, then `Sent`; records every call.

    A scripted exception is raised instead of returned (a transport bug, as the sender sees it).
    """

    script: dict[int, list[Outcome | Exception]] = field(default_factory=dict)
    calls: list[Part] = field(default_factory=list)
    delivered: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    async def send(self, part: Part) -> Outcome:
        """Record the call, yield to the loop (as real I/O would), answer from the script."""
        self.calls.append(part)
        await asyncio.sleep(0)
        queued = self.script.get(part.chat_id)
        outcome = queued.pop(0) if queued else Sent(next(self._ids))
        if isinstance(outcome, Exception):
            raise outcome
        if isinstance(outcome, Sent):
            self.delivered[part.chat_id].append(part.text)
        return outcome
