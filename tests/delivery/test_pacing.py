"""The send budget and chat lanes: never faster than the limits, no slower, replies first."""

import asyncio
import itertools
import time

import pytest

from bot.digest.chat_lanes import ChatLanes, ChatLimits, next_allowed
from bot.digest.send_budget import FloodSignals, LocalSlots, Priority, SendBudget


class FakeTime:
    """A clock that moves only when someone sleeps, oversleeping by `late` seconds."""

    def __init__(self, late: float = 0.0) -> None:
        self.now = 1000.0
        self.late = late
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds + self.late


def budget_on(fake: FakeTime, rate: float) -> SendBudget:
    return SendBudget(rate, LocalSlots(fake.clock), clock=fake.clock, sleep=fake.sleep)


async def test_never_exceeds_the_rate_in_real_time() -> None:
    budget = SendBudget(200.0, LocalSlots())
    start = time.monotonic()
    await asyncio.gather(*(budget.acquire(Priority.REPLY) for _ in range(41)))
    # 41 sends at 200/s need at least 40 intervals of 5 ms, whatever the machine's speed.
    assert time.monotonic() - start >= 40 / 200


async def test_late_wake_ups_do_not_lower_the_rate() -> None:
    fake = FakeTime(late=0.002)
    budget = budget_on(fake, 100.0)
    start = fake.now
    for _ in range(11):
        await budget.acquire(Priority.BROADCAST)
    # Ten intervals of 10 ms plus one late wake-up: oversleeping is made up by the next wait.
    assert fake.now - start == pytest.approx(0.102)


async def test_replies_go_before_a_waiting_broadcast() -> None:
    budget = SendBudget(50.0, LocalSlots())
    order: list[str] = []

    async def send(kind: Priority, label: str) -> None:
        await budget.acquire(kind)
        order.append(label)

    broadcast = [asyncio.create_task(send(Priority.BROADCAST, f"b{n}")) for n in range(20)]
    await asyncio.sleep(0.05)  # the broadcast is under way
    replies = [asyncio.create_task(send(Priority.REPLY, f"r{n}")) for n in range(10)]
    await asyncio.gather(*broadcast, *replies)
    last_reply = max(order.index(f"r{n}") for n in range(10))
    # Only the broadcast's few slots booked before the replies came can still go first.
    assert sum(1 for label in order[:last_reply] if label.startswith("b")) <= 2 + 0.25 * 50


async def test_a_pause_holds_every_priority() -> None:
    fake = FakeTime()
    budget = budget_on(fake, 10.0)
    await budget.acquire(Priority.REPLY)
    await budget.pause(5.0)
    start = fake.now
    await budget.acquire(Priority.REPLY)
    assert fake.now - start == pytest.approx(5.0)
    assert budget.expected_wait() == pytest.approx(0.0)


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        SendBudget(0, LocalSlots())


def test_next_allowed_honours_every_window() -> None:
    windows = ((2, 2.0), (3, 60.0))
    assert next_allowed([], windows) == float("-inf")
    assert next_allowed([10.0], windows) == float("-inf")
    assert next_allowed([10.0, 10.5], windows) == 12.0
    assert next_allowed([10.0, 12.0, 14.0], windows) == 70.0


async def test_a_private_chat_gets_a_short_burst_then_under_one_a_second() -> None:
    fake = FakeTime()
    lanes = ChatLanes(ChatLimits(burst=2.5, per_second=0.9), clock=fake.clock, sleep=fake.sleep)
    sent: list[float] = []
    for _ in range(5):
        async with lanes.turn(42):
            sent.append(fake.now)
    gaps = [round(b - a, 3) for a, b in itertools.pairwise(sent)]
    assert gaps == [0.0, 0.556, 1.111, 1.111]


async def test_a_group_gets_at_most_19_a_minute() -> None:
    fake = FakeTime()
    lanes = ChatLanes(ChatLimits(per_second=100.0), clock=fake.clock, sleep=fake.sleep)
    sent: list[float] = []
    for _ in range(25):
        async with lanes.turn(-100):
            sent.append(fake.now)
    assert max(sum(1 for t in sent if s <= t < s + 60.0) for s in sent) == 19


async def test_a_flood_wait_pauses_only_that_chat_and_typing_is_spaced() -> None:
    fake = FakeTime()
    lanes = ChatLanes(clock=fake.clock, sleep=fake.sleep)
    assert lanes.typing_due(7)
    assert not lanes.typing_due(7)
    lanes.pause(7, 3.0)
    start = fake.now
    async with lanes.turn(8):
        assert fake.now == start
    async with lanes.turn(7):
        assert fake.now - start == pytest.approx(3.0)
    fake.now += 5.0
    assert lanes.typing_due(7)


def test_429s_in_several_chats_at_once_mean_the_whole_bot() -> None:
    fake = FakeTime()
    floods = FloodSignals(chats=3, within=1.0, clock=fake.clock)
    assert not floods.overall(1)
    assert not floods.overall(1)
    assert not floods.overall(2)
    fake.now += 2.0
    assert not floods.overall(3)
    assert not floods.overall(4)
    assert floods.overall(5)
