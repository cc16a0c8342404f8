"""The outbox sender: claims due digest messages and delivers them through the Bot API.

It runs as its own asyncio task beside command handling, with its own `telegram.Bot` (own
connection pool, see `sender_bot`) and no PTB rate limiter on it: it must see each 429 itself
to put off only the row and the chat concerned. Its pace comes from the process's `Traffic`,
which the replying Bot's limiter shares: one overall budget in which command replies go first
(on PostgreSQL shared by every process through time slots in the database, see
`bot.digest.send_budget`), and per-chat lanes, on top of the per-chat spacing kept in the
outbox rows. Database calls run in a small private thread pool, so neither the event loop nor
the default executor (used for summarizing) is held up by them.
Each pass of the loop is stamped in memory (`loop_stamp`): that stamp, not the database
heartbeat row every process shares, is what this process's readiness reads.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import telegram
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bot.digest.pacing import Pacing
from bot.digest.send_budget import Priority
from bot.digest.traffic import Traffic
from bot.ops.liveness import LoopStamp
from bot.ops.metrics import MESSAGES_FAILED, MESSAGES_SENT, TELEGRAM_429
from bot.ops.readiness import SENDER_HEARTBEAT
from bot.settings import Settings
from bot.store import Delivery, Store

log = logging.getLogger(__name__)
T = TypeVar("T")
_NO_PREVIEW = telegram.LinkPreviewOptions(is_disabled=True)
_GONE = ("chat not found", "user not found", "peer_id_invalid", "group chat was deactivated")
_TOPIC_GONE = ("message thread not found", "topic_deleted", "topic_closed")


@dataclass(frozen=True)
class SenderConfig:
    """Knobs of one sender process; `pacing.global_rate` comes from Settings.global_rate."""

    pacing: Pacing = field(default_factory=Pacing)
    concurrency: int = 8
    lease: timedelta = timedelta(seconds=60)
    poll_interval: float = 1.0
    heartbeat_every: float = 10.0


def sender_bot(settings: Settings, concurrency: int = 8) -> telegram.Bot:
    """A Bot for broadcasting with its own connection pool, apart from the one replying."""
    if not settings.bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    request = HTTPXRequest(connection_pool_size=concurrency + 2, read_timeout=15.0)
    return telegram.Bot(
        settings.bot_token,
        base_url=f"{settings.api_url}/bot",
        base_file_url=f"{settings.api_url}/file/bot",
        request=request,
    )


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter's delay in seconds, whichever type this PTB version hands back."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def inline_markup(data: dict[str, Any] | None) -> telegram.InlineKeyboardMarkup | None:
    """The stored Bot API JSON of inline buttons as PTB's markup (None when there is none)."""
    if not data or not isinstance(data.get("inline_keyboard"), list):
        return None
    rows = [
        [
            telegram.InlineKeyboardButton(str(b["text"]), callback_data=str(b["callback_data"]))
            for b in row
            if isinstance(b, dict) and "text" in b and "callback_data" in b
        ]
        for row in data["inline_keyboard"]
        if isinstance(row, list)
    ]
    rows = [row for row in rows if row]
    return telegram.InlineKeyboardMarkup(rows) if rows else None


class OutboxSender:
    """Deliver outbox rows with bounded concurrency; every outcome is written back at once."""

    def __init__(
        self,
        bot: telegram.Bot,
        store: Store,
        config: SenderConfig | None = None,
        *,
        worker_id: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        loop_stamp: LoopStamp | None = None,
        traffic: Traffic | None = None,
    ) -> None:
        self._bot = bot
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
        self._wake.clear()
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
                message = await self._bot.send_message(
                    chat_id=row.chat_id,
                    text=row.text,
                    parse_mode=ParseMode.HTML,
                    message_thread_id=row.thread_id or None,
                    link_preview_options=_NO_PREVIEW,
                    reply_markup=inline_markup(row.reply_markup),
                )
        except TelegramError as exc:
            await self._failed(row, exc)
            return
        except Exception:
            log.exception("outbox sender: unexpected error sending row %s", row.id)
            await self._retry(row, "unexpected error", "error")
            return
        now = self._clock()
        free_at = now + timedelta(seconds=self._config.pacing.chat_interval(row.chat_id))
        await self._db(self._store.outbox.mark_sent, row.id, message.message_id, now, free_at)
        self._count("sent")

    async def _failed(self, row: Delivery, exc: TelegramError) -> None:
        outbox, chats = self._store.outbox, self._store.chats
        text = str(exc.message)
        lowered = text.lower()
        if isinstance(exc, RetryAfter):
            # Flood control names this chat: only its queue waits, the others go on.
            wait = retry_seconds(exc)
            after = self._clock() + timedelta(seconds=wait)
            await self._traffic.flood_wait(row.chat_id, wait)
            await self._db(outbox.mark_retry, row.id, after, text)
            self._count("retry_after")
            TELEGRAM_429.inc()
        elif isinstance(exc, ChatMigrated):
            await self._db(chats.migrate, row.chat_id, exc.new_chat_id)
            log.info("chat %s moved to %s; its digest follows", row.chat_id, exc.new_chat_id)
            self._count("migrated")
        elif isinstance(exc, Forbidden) or (
            isinstance(exc, BadRequest) and any(s in lowered for s in _GONE)
        ):
            await self._db(chats.deactivate, row.chat_id)
            await self._db(outbox.kill_chat, row.chat_id, text)
            self._count("chat_gone", "blocked" if isinstance(exc, Forbidden) else "chat_not_found")
        elif isinstance(exc, BadRequest) and any(s in lowered for s in _TOPIC_GONE):
            await self._db(chats.deactivate, row.chat_id, row.thread_id)
            await self._db(outbox.kill_chat, row.chat_id, text, row.thread_id)
            self._count("chat_gone", "topic_not_found")
        elif isinstance(exc, BadRequest):
            log.error("outbox row %s refused for good: %s", row.id, text)
            await self._db(outbox.mark_failed, row.id, text)
            self._count("bad_request")
        elif isinstance(exc, TimedOut):
            await self._retry(row, text, "network", "timeout")
        elif isinstance(exc, NetworkError):  # 5xx, connection trouble
            await self._retry(row, text, "network", "server_error")
        else:
            await self._retry(row, text, "error")

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
