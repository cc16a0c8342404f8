"""Which periodic work a process runs, and the pieces of it that live between ticks."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from bot.digest.traffic import Traffic
from bot.news.page_workers import PagePool, PoolConfig
from bot.ops.leader import Leadership, leadership_for
from bot.runtime.sender_handle import SenderHandle
from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)


@dataclass
class Background:
    """Which periodic work this process runs, and the running pieces once started."""

    ingest: bool = True
    digests: bool = True
    sender: bool = True
    retention: bool = True
    leadership: Leadership | None = None
    # Worker processes for page extraction (ingest ticks and /summary of a link); None runs
    # pages in threads of this process. Started on first use, stopped with the rest.
    pages: PagePool | None = None
    first_tick_seconds: float = 5.0
    # Not at start-up: a bot restarted often (deploys) still prunes, without slowing its start.
    first_retention_seconds: float = 600.0
    _sender: SenderHandle | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Background:
        """Everything on, with leader election fitting the database.

        The first tick comes after five seconds, or after one interval when that is shorter.
        """
        return cls(
            leadership=leadership_for(settings.database_url),
            pages=PagePool(PoolConfig.for_machine()),
            first_tick_seconds=min(5.0, settings.ingest_interval_seconds),
        )

    @classmethod
    def none(cls) -> Background:
        """Handlers only (for tests that drive the ticks themselves)."""
        return cls(ingest=False, digests=False, sender=False, retention=False)

    async def is_leader(self) -> bool:
        """Whether this process leads now (always, without leader election)."""
        if self.leadership is None:
            return True
        return await asyncio.to_thread(self.leadership.check)

    async def pages_ready(self) -> None:
        """Start the page workers unless they run already; a failure shows in the tick instead."""
        if self.pages is None:
            return
        try:
            await asyncio.to_thread(self.pages.start)
        except Exception:
            log.exception("the page workers could not be started")

    def start_sender(self, settings: Settings, store: Store, traffic: Traffic) -> None:
        """Start this process's outbox sender, if it is to run one and has none yet."""
        if not self.sender or self._sender is not None:
            return
        handle = SenderHandle.for_settings(settings, store, traffic)
        handle.start()
        self._sender = handle

    def wake_sender(self) -> None:
        """Have this process's sender, if it runs one, deliver newly queued messages now."""
        if self._sender is not None:
            self._sender.wake()

    async def stop(self) -> None:
        """Finish the sender's messages in flight, stop the page workers, release leadership."""
        if self.pages is not None:
            log.info("page workers: %s", self.pages.stats().line())
            await asyncio.to_thread(self.pages.close)
        if self._sender is not None:
            await self._sender.stop()
            self._sender = None
        if self.leadership is not None:
            await asyncio.to_thread(self.leadership.release)
