"""/readyz of a process follows its own outbox sender, not the heartbeat row all processes share.

Two "processes" share one database: each has its own sender and its own operator endpoints,
wired like `newsbot run` wires them (the sender stamps a `LoopStamp`, /readyz reads it).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import telegram

from bot.delivery.telegram_transport import OutboxSender, SenderConfig
from bot.ops.endpoints import OperatorEndpoints
from bot.ops.liveness import LoopStamp
from bot.ops.readiness import INGEST_HEARTBEAT, SENDER_HEARTBEAT
from bot.store import Store

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
INTERVAL = 60  # seconds between ingests: readiness allows three of them (180 s)
# Every pass writes the shared heartbeat row, so "fresh in the database" is certain.
QUICK = SenderConfig(poll_interval=0.02, heartbeat_every=0.0)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Process:
    """One bot process as /readyz sees it: a sender, its stamp and its endpoints."""

    sender: OutboxSender
    stamp: LoopStamp
    task: asyncio.Task[None]
    http: httpx.AsyncClient

    async def stop_sender(self) -> None:
        self.sender.stop()
        await self.task


async def until(what: str, condition: Callable[[], bool]) -> None:
    """Wait for `condition` (the sender's loop runs on its own schedule), failing after 10 s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while not condition():
        assert loop.time() < deadline, f"gave up waiting for {what}"
        await asyncio.sleep(0.01)


@asynccontextmanager
async def process(store: Store, bot: telegram.Bot, clock: Clock) -> AsyncIterator[Process]:
    stamp = LoopStamp("outbox sender")
    sender = OutboxSender(bot, store, QUICK, clock=clock, loop_stamp=stamp)
    endpoints = OperatorEndpoints(
        store, ingest_interval_seconds=INTERVAL, clock=clock, sender_last_loop=stamp.last
    )
    port = await endpoints.start(0, host="127.0.0.1")
    task = asyncio.create_task(sender.run())
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            yield Process(sender, stamp, task, http)
    finally:
        sender.stop()
        await task
        await endpoints.stop()


async def test_readyz_follows_this_process_sender(store: Store, ptb_bot: telegram.Bot) -> None:
    clock = Clock()
    async with (
        process(store, ptb_bot, clock) as stuck,
        process(store, ptb_bot, clock) as healthy,
    ):
        await until("both senders' first pass", lambda: stuck.stamp.last() == NOW)
        await until("both senders' first pass", lambda: healthy.stamp.last() == NOW)
        await stuck.stop_sender()

        clock.now = NOW + timedelta(minutes=10)
        # Only the leader ingests; neither process here does, and both read its shared row.
        store.heartbeats.beat(INGEST_HEARTBEAT, clock.now)
        await until("the healthy sender's next pass", lambda: healthy.stamp.last() == clock.now)
        # The healthy process keeps the shared sender row fresh: the row alone says "fine".
        assert store.heartbeats.get(SENDER_HEARTBEAT) == clock.now
        assert stuck.sender.last_loop == NOW

        answer = await stuck.http.get("/readyz")
        assert answer.status_code == 503
        assert answer.json() == {
            "ready": False,
            "problems": ["outbox sender (this process): last heartbeat 600s ago (limit 180s)"],
        }
        answer = await healthy.http.get("/readyz")
        assert answer.status_code == 200
        assert answer.json() == {"ready": True, "problems": []}


async def test_a_sender_that_never_ran_is_not_ready(store: Store) -> None:
    clock = Clock()
    never = LoopStamp("outbox sender")
    endpoints = OperatorEndpoints(
        store, ingest_interval_seconds=INTERVAL, clock=clock, sender_last_loop=never.last
    )
    port = await endpoints.start(0, host="127.0.0.1")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            store.heartbeats.beat(INGEST_HEARTBEAT, clock.now)
            # Just started: the sender has not had its chance yet.
            assert (await http.get("/readyz")).status_code == 200
            clock.now = NOW + timedelta(minutes=4)
            store.heartbeats.beat(INGEST_HEARTBEAT, clock.now)
            store.heartbeats.beat(SENDER_HEARTBEAT, clock.now)  # another process's sender
            answer = await http.get("/readyz")
            assert answer.status_code == 503
            assert answer.json()["problems"] == [
                "outbox sender (this process): no heartbeat since start 240s ago"
            ]
    finally:
        await endpoints.stop()
