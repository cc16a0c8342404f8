"""The in-process rate limiter: never faster than its rate, and no slower either."""

import asyncio
import time

import pytest

from bot.digest.pacing import TokenBucket


class FakeTime:
    """A clock that moves only when the limiter sleeps, oversleeping by `late` seconds."""

    def __init__(self, late: float = 0.0) -> None:
        self.now = 1000.0
        self.late = late
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds + self.late


async def test_never_exceeds_the_rate_in_real_time() -> None:
    bucket = TokenBucket(200.0)
    start = time.monotonic()
    await asyncio.gather(*(bucket.acquire() for _ in range(41)))
    # 41 acquisitions at 200/s need at least 40 intervals of 5 ms, whatever the machine's speed.
    assert time.monotonic() - start >= 40 / 200


async def test_late_wake_ups_do_not_lower_the_rate() -> None:
    fake = FakeTime(late=0.002)
    bucket = TokenBucket(100.0, clock=fake.clock, sleep=fake.sleep)
    start = fake.now
    for _ in range(11):
        await bucket.acquire()
    # Ten intervals of 10 ms plus one late wake-up: oversleeping is made up by the next wait.
    assert fake.now - start == pytest.approx(0.102)


async def test_idle_time_earns_at_most_the_burst() -> None:
    fake = FakeTime()
    bucket = TokenBucket(10.0, burst=3, clock=fake.clock, sleep=fake.sleep)
    fake.now += 60.0  # a long idle minute
    for _ in range(5):
        await bucket.acquire()
    assert fake.sleeps == [0.1, 0.1]  # three at once, then the rate again


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        TokenBucket(0)
