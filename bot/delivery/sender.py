"""The outbox sender: claims due messages, hands each to a `Transport`, records the outcome.

It runs as its own asyncio task beside command handling. Its pace comes from the process's
`Traffic`, which the replying Bot's limiter shares: one overall budget in which command replies
go first (on PostgreSQL shared by every process through time slots in the database, see
`bot.digest.send_budget`), and per-chat lanes, on top of the per-chat spacing kept in the
outbox rows. Database calls run in a small private thread pool, so neither the event loop nor
the default executor (used for summarizing) is held up by them.
Each pass of the loop is stamped in memory (`loop_stamp`): that stamp, not the database
heartbeat row every process shares, is what this process's readiness reads.

Nothing here speaks Telegram: the transport reports `Sent`, `RetryAt`, `ChatGone` or `Failed`
(`bot.delivery.transport`) and this module decides what each means for the outbox.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from bot.delivery.transport import ChatGone, Failed, Outcome, Part, RetryAt, Sent, Transport
from bot.digest.pacing import Pacing
from bot.digest.send_budget import Priority
from bot.digest.traffic import Traffic
from bot.ops.liveness import LoopStamp
from bot.ops.metrics import MESSAGES_FAILED, MESSAGES_SENT, TELEGRAM_429
from bot.ops.readiness import SENDER_HEARTBEAT
from bot.store import Delivery, Store

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class SenderConfig:
    """Knobs of one sender process; `pacing.global_rate` comes from Settings.global_rate."""

    pacing: Pacing = field(default_factory=Pacing)
    concurrency: int = 8
    lease: timedelta = timedelta(seconds=60)
    poll_interval: float = 1.0
    heartbeat_every: float = 10.0


def part_of(row: Delivery) -> Part:
    """What the transport needs of an outbox row."""
    return Part(row.chat_id, row.text, row.thread_id, row.reply_markup)


class Sender:
    """Deliver outbox rows through a transport, several in parallel; outcomes recorded at once."""

    def __init__(
        self,
        transport: Transport,
        store: Store,
        config: SenderConfig | None = None,
        *,
        worker_id: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        loop_stamp: LoopStamp | None = None,
        traffic: Traffic | None = None,
    ) -> None:
        self._transport = transport
        self._store = store
        self._config = config or SenderConfig()
        self._worker = worker_id or f"sender-{uuid.uuid4().hex[:12]}"
        self._clock = clock
        # SQLite has one writer at a time: threads would only queue on its lock (and its busy
        # handler sleeps); PostgreSQL takes a few writers at once.
        writers = 1 if store.dialect == "sqlite" else 4
        self._pool = ThreadPoolExecutor(max_workers=writers, thread_name_prefix="outbox")
        self._traffic = traffic or Traffic.for_store(store, self._config.pacing.global_rate)
        self._wake = asyncio.Event()
        self._stopping = False
        self._last_beat = 0.0
        self._stamp = loop_stamp or LoopStamp("outbox sender")
        self.counts: dict[str, int] = {}

    @property
    def worker_id(self) -> str:
        """The name under which this sender leases rows."""
        return self._worker

    @property
    def last_loop(self) -> datetime | None:
        """When the run loop last completed a pass (claimed and beat), or None."""
        return self._stamp.last()

    def wake(self) -> None:
        """Look for work now instead of at the next poll (after queueing a digest)."""
        self._wake.set()

    async def run(self) -> None:
        """Claim and send until `stop()`; database trouble is logged and waited out."""
        running: set[asyncio.Task[None]] = set()
        try:
            while not self._stopping:
                # Cleared before the pass, not after it: a wake() that arrives while this pass
                # claims rows must make the next wait return at once, not be lost.
                self._wake.clear()
                try:
                    await self._fill(running)
                    await self._beat()
                    # Only a pass that reached the database counts as the loop being alive.
                    self._stamp.mark(self._clock())
                except Exception:  # the sender must outlive a database hiccup
                    log.exception("outbox sender: claiming failed; retrying shortly")
                    await asyncio.sleep(self._config.poll_interval)
                    continue
                await self._wait(running)
        finally:
            if running:
                await asyncio.gather(*running, return_exceptions=True)
            await self._db(self._store.outbox.release, self._worker)
            self._pool.shutdown(wait=False)

    def stop(self) -> None:
        """Ask `run()` to finish the messages in flight and return."""
        self._stopping = True
        self._wake.set()

    async def drain(self) -> int:
        """Send everything that is due now, then return how many rows were handled."""
        handled = 0
        while rows := await self._claim(self._config.concurrency):
            handled += len(rows)
            await asyncio.gather(*(self._deliver(row) for row in rows))
        return handled

    async def _fill(self, running: set[asyncio.Task[None]]) -> None:
        free = self._config.concurrency - len(running)
        # Claim in halves of the window, not one row at a time: fewer write transactions.
        if free >= max(1, self._config.concurrency // 2):
            for row in await self._claim(free):
                task = asyncio.create_task(self._deliver(row), name=f"outbox-{row.id}")
                running.add(task)
                task.add_done_callback(running.discard)

    async def _wait(self, running: set[asyncio.Task[None]]) -> None:
        waiters: set[asyncio.Future[Any]] = set(running)
        waiters.add(asyncio.ensure_future(self._wake.wait()))
        done, pending = await asyncio.wait(
            waiters, timeout=self._config.poll_interval, return_when=asyncio.FIRST_COMPLETED
        )
        for future in pending | done:
            if future not in running:
                future.cancel()

    async def _claim(self, limit: int) -> list[Delivery]:
        outbox = self._store.outbox
        return await self._db(outbox.claim, self._worker, self._clock(), limit, self._config.lease)

    async def _deliver(self, row: Delivery) -> None:
        try:
            # The overall slot first: a broadcast holding a chat's lane while replies go first
            # would hold up that chat's own replies.
            await self._traffic.budget.acquire(Priority.BROADCAST)
            async with self._traffic.lanes.turn(row.chat_id):
                # A lease near its end may soon be someone else's: leave the row to them.
                margin = self._config.lease / 4
                if row.claimed_until is not None and self._clock() >= row.claimed_until - margin:
                    return
                outcome = await self._transport.send(part_of(row))
        except Exception:
            log.exception("outbox sender: unexpected error sending row %s", row.id)
            await self._retry(row, "unexpected error", "error")
            return
        await self._record(row, outcome)

    async def _record(self, row: Delivery, outcome: Outcome) -> None:
        outbox, chats = self._store.outbox, self._store.chats
        match outcome:
            case Sent(message_id=message_id):
                now = self._clock()
                free_at = now + timedelta(seconds=self._config.pacing.chat_interval(row.chat_id))
                await self._db(outbox.mark_sent, row.id, message_id, now, free_at)
                self._count("sent")
            case RetryAt(retry_after=wait, reason=reason):
                # Flood control names this chat: only its queue waits, the others go on.
                after = self._clock() + timedelta(seconds=wait)
                await self._traffic.flood_wait(row.chat_id, wait)
                await self._db(outbox.mark_retry, row.id, after, reason)
                self._count("retry_after")
                TELEGRAM_429.inc()
            case ChatGone(kind="migrated", moved_to=int(new_chat_id)):
                # The pending rows, this one included, follow the chat to its new id.
                await self._db(chats.migrate, row.chat_id, new_chat_id)
                log.info("chat %s moved to %s; its digest follows", row.chat_id, new_chat_id)
                self._count("migrated")
            case ChatGone(kind="topic_not_found", reason=reason):
                await self._db(chats.deactivate, row.chat_id, row.thread_id)
                await self._db(outbox.kill_chat, row.chat_id, reason, row.thread_id)
                self._count("chat_gone", "topic_not_found")
            case ChatGone(kind=kind, reason=reason):
                await self._db(chats.deactivate, row.chat_id)
                await self._db(outbox.kill_chat, row.chat_id, reason)
                self._count("chat_gone", kind)
            case Failed(permanent=True, reason=reason, kind=kind):
                log.error("outbox row %s refused for good: %s", row.id, reason)
                await self._db(outbox.mark_failed, row.id, reason)
                self._count(kind)
            case Failed(reason=reason, kind=kind):
                network = kind in ("timeout", "server_error")
                await self._retry(row, reason, "network" if network else kind, kind)

    async def _retry(self, row: Delivery, error: str, outcome: str, reason: str = "") -> None:
        pacing = self._config.pacing
        if row.attempts >= pacing.max_attempts:
            await self._db(self._store.outbox.mark_failed, row.id, f"gave up: {error}")
            self._count("gave_up")
            return
        after = self._clock() + timedelta(seconds=pacing.backoff(row.attempts))
        await self._db(self._store.outbox.mark_retry, row.id, after, error)
        self._count(outcome, reason or outcome)

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        if loop.time() - self._last_beat >= self._config.heartbeat_every:
            self._last_beat = loop.time()
            await self._db(self._store.heartbeats.beat, SENDER_HEARTBEAT, self._clock())

    async def _db(self, fn: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, lambda: fn(*args))

    def _count(self, outcome: str, reason: str = "") -> None:
        """Tally an outcome here and in the process metrics (`reason` names a failure)."""
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        if outcome == "sent":
            MESSAGES_SENT.inc()
        else:
            MESSAGES_FAILED.labels(reason=reason or outcome).inc()
