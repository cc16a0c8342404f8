"""Send slots booked from several connections at once never come closer than the interval."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from bot.digest.send_budget import Priority, SendBudget, SharedSlots
from bot.store import SendSlots, open_store, send_slots_table

INTERVAL = 0.01  # 100 messages a second


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_slots_from_two_processes_keep_the_global_interval(store_url: str) -> None:
    # Two stores stand for two processes: separate engines, separate connections.
    with open_store(store_url) as one, open_store(store_url) as two:
        slots = [SendSlots(one.engine), SendSlots(two.engine)]
        started = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            waits = list(pool.map(lambda n: slots[n % 2].book(INTERVAL, 60.0), range(200)))
        took = time.monotonic() - started
    assert all(w.granted for w in waits)
    # Each wait is measured from its own booking; shifted back to one origin they are
    # distinct slots at least one interval apart.
    assert max(w.wait for w in waits) >= INTERVAL * 199 - took - 1e-3


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_a_short_horizon_is_refused_while_the_queue_is_long(store_url: str) -> None:
    with open_store(store_url) as store:
        slots = SendSlots(store.engine)
        started = time.monotonic()
        for _ in range(20):  # replies queue two seconds of slots, 0.1 s apart
            assert slots.book(0.1, 60.0).granted
        refused = slots.book(0.1, 0.1)
        assert not refused.granted
        # Asked again when the queue is down to the horizon: two seconds, less the time spent.
        assert 1.9 - (time.monotonic() - started) - 0.05 <= refused.wait <= 1.9
        slots.pause(2.0)
        paused = slots.book(INTERVAL, 60.0)
        assert paused.granted
        assert paused.wait > 1.5


def test_sqlite_has_no_shared_slots(store_url: str) -> None:
    with open_store(store_url) as store:
        if store.dialect == "postgresql":
            assert SendSlots(store.engine) is not None
        else:
            with pytest.raises(ValueError, match="PostgreSQL"):
                SendSlots(store.engine)


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
async def test_two_budgets_on_one_database_share_the_rate(store_url: str) -> None:
    with open_store(store_url) as one, open_store(store_url) as two:
        budgets = [SendBudget(100.0, SharedSlots(SendSlots(s.engine))) for s in (one, two)]
        started = time.monotonic()
        await asyncio.gather(
            *(budgets[n % 2].acquire(Priority.BROADCAST) for n in range(60)),
            *(budgets[n % 2].acquire(Priority.REPLY) for n in range(20)),
        )
        took = time.monotonic() - started
    # 80 sends at 100/s in total take at least 79 intervals, whichever budget gave them out.
    assert took >= 79 * INTERVAL


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_the_slot_lives_in_its_own_table(store_url: str) -> None:
    with open_store(store_url) as store:
        assert SendSlots(store.engine).book(INTERVAL, 60.0).granted
        with store.engine.connect() as conn:
            names = conn.execute(select(send_slots_table.c.name)).scalars().all()
        assert names == ["outbox"]
        assert store.heartbeats.get("outbox-send-slot") is None
