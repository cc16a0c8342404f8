"""The outbox sender's lifecycle in a running bot: built, started as a task, woken, stopped."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import telegram

from bot.delivery.telegram_transport import OutboxSender, SenderConfig, sender_bot
from bot.digest.pacing import Pacing
from bot.digest.traffic import Traffic
from bot.ops.liveness import SENDER_LOOP
from bot.settings import Settings
from bot.store import Store


class SenderHandle:
    """One running outbox sender with its own Bot; the only way the rest of the runtime sees it."""

    def __init__(self, sender: OutboxSender, bot: telegram.Bot) -> None:
        self._sender = sender
        self._bot = bot
        self._task: asyncio.Task[None] | None = None

    @classmethod
    def for_settings(cls, settings: Settings, store: Store, traffic: Traffic) -> SenderHandle:
        """The sender `newsbot run` uses, not started yet.

        The replies' limiter and this sender take turns from one budget (`traffic`, replies
        first). This process's /readyz reads SENDER_LOOP: the stamp of its own sender, not the
        shared database row another process's sender keeps fresh.
        """
        config = SenderConfig(
            pacing=Pacing(global_rate=settings.global_rate),
            lease=timedelta(seconds=settings.outbox_lease_seconds),
            # The shared row is for fleet monitoring, whose alerts think in ingest intervals.
            heartbeat_every=min(SenderConfig.heartbeat_every, settings.ingest_interval_seconds),
        )
        bot = sender_bot(settings, config.concurrency)
        sender = OutboxSender(bot, store, config, loop_stamp=SENDER_LOOP, traffic=traffic)
        return cls(sender, bot)

    @property
    def running(self) -> bool:
        """Whether the sender's task was started and has not finished."""
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Run the sender as its own task on the running event loop (once)."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="outbox-sender")

    def wake(self) -> None:
        """Have the sender look at the outbox now rather than at its next poll."""
        self._sender.wake()

    async def stop(self) -> None:
        """Finish the messages in flight, end the task and close the sender's Bot."""
        if self._task is not None:
            self._sender.stop()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._bot.shutdown()

    async def _run(self) -> None:
        # The sender's Bot is initialised in its own task, apart from the replying one.
        await self._bot.initialize()
        await self._sender.run()
