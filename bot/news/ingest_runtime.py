"""Shared machinery of one ingest tick: concurrency limits, the store lock, CPU work."""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from bot.news.fetch import Fetcher
from bot.news.ingest_report import Tally
from bot.news.page_workers import PagePool
from bot.store import Store

T = TypeVar("T")


class TickRuntime:
    """What every feed and entry of one tick shares: store, clock, fetcher, limits and tally."""

    def __init__(
        self,
        store: Store,
        now: datetime,
        fetcher: Fetcher,
        executor: Executor | None,
        *,
        global_limit: int,
        per_host_limit: int,
        pages: PagePool | None = None,
    ) -> None:
        self.store, self.now = store, now
        self.fetcher, self.executor, self.pages = fetcher, executor, pages
        self.tally = Tally()
        self._per_host_limit = per_host_limit
        self._global = asyncio.Semaphore(global_limit)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._db_lock = asyncio.Lock()

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self._per_host_limit)
        return self._hosts[host]

    async def fetch_slot(self, url: str, coro: Callable[[], Any]) -> Any:
        """Run a fetch of `url` within the global and the per-host concurrency limits."""
        async with self._host_limit(url), self._global:
            return await coro()

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store call in a worker thread, one at a time (SQLite has one writer)."""
        async with self._db_lock:
            started = time.perf_counter()  # the call itself, not the wait for the lock
            result = await asyncio.to_thread(fn, *args, **kwargs)
            self.tally.time("store", time.perf_counter() - started)
        return result

    async def cpu(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run CPU-bound work off the event loop (thread or process pool)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, functools.partial(fn, *args, **kwargs))

    async def page_work(self, fn: Callable[..., T], *args: Any) -> T:
        """Extract or summarize a page: in a page worker process when the tick has a pool.

        Without one (tests, the sandbox's first load) it runs in a thread of this process,
        which the summarizer's lock makes safe but does not isolate from native crashes.
        """
        if self.pages is not None:
            return await self.pages.run(fn, *args)
        return await self.cpu(fn, *args)
