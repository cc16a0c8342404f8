"""Send slots reserved from several connections at once never come closer than the interval."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest

from bot.digest.pacing import SharedRate
from bot.store import open_store
from bot.store.send_slots import SendSlots

INTERVAL = 0.01  # 100 messages a second


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_slots_from_two_processes_keep_the_global_interval(store_url: str) -> None:
    # Two stores stand for two processes: separate engines, separate connections.
    with open_store(store_url) as one, open_store(store_url) as two:
        slots = [SendSlots(one.engine), SendSlots(two.engine)]
        with ThreadPoolExecutor(8) as pool:
            reserved = list(pool.map(lambda n: slots[n % 2].reserve(INTERVAL).slot, range(200)))
    ordered: list[datetime] = sorted(reserved)
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(ordered)]
    assert min(gaps) >= INTERVAL - 1e-6
    span = (ordered[-1] - ordered[0]).total_seconds()
    assert span >= INTERVAL * 199 - 1e-6


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_a_batch_takes_consecutive_slots(store_url: str) -> None:
    with open_store(store_url) as store:
        slots = SendSlots(store.engine)
        first = slots.reserve(INTERVAL, count=10)
        after = slots.reserve(INTERVAL)
    assert (after.slot - first.slot).total_seconds() >= 10 * INTERVAL - 1e-6


def test_sqlite_has_no_shared_slots(store_url: str) -> None:
    with open_store(store_url) as store:
        if store.dialect == "postgresql":
            assert SendSlots(store.engine) is not None
        else:
            with pytest.raises(ValueError, match="PostgreSQL"):
                SendSlots(store.engine)


async def test_shared_rate_waits_as_long_as_the_reservation_says() -> None:
    asked: list[float] = []

    async def reserve(interval: float) -> float:
        asked.append(interval)
        return 0.0

    rate = SharedRate(50.0, reserve)
    for _ in range(3):
        await rate.acquire()
    assert asked == [0.02, 0.02, 0.02]
    with pytest.raises(ValueError, match="positive"):
        SharedRate(0, reserve)
