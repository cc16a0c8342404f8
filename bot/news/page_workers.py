"""Page extraction and summaries in worker processes: a crash, hang or bloat costs one page.

lxml and trafilatura run native code that can corrupt memory when driven from several threads
(see README, "Worker isolation"), and any native crash kills the whole process. So pages are
handled by worker processes started from a fork server (never `fork` of the threaded bot), one
page at a time per worker. The pool knows which page each worker holds: when a worker dies
(a signal), overruns the per-page time limit or runs out of its memory cap, only that page fails
with a `PageWorkerError` saying why; the worker is replaced and the other pages go on. Workers
are recycled after a number of pages, or sooner when their resident size grows too large.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from bot.news.articles import ArticleError
from bot.news.page_worker_main import WorkerLimits, serve

log = logging.getLogger(__name__)
T = TypeVar("T")
PRELOAD = "bot.news.page_worker_preload"
KIB_PER_MIB = 1024


class PageWorkerError(ArticleError):
    """The worker holding a page died, timed out or ran out of memory; only that page is lost."""


@dataclass(frozen=True)
class PoolConfig:
    """Size and limits of the page worker pool.

    `memory_mib` caps each worker's address space; `recycle_rss_mib` retires a worker whose
    resident size passed it after a page. `fault_marker` is for tests only: a page holding
    `<marker>:segv`, `:hang` or `:hog` makes its worker crash, stall or exhaust its memory.
    """

    workers: int = 2
    tasks_per_worker: int = 200
    page_seconds: float = 60.0
    memory_mib: int = 2048
    recycle_rss_mib: int = 800
    start_method: str = "forkserver"
    fault_marker: str | None = None

    @classmethod
    def for_machine(cls, workers: int | None = None) -> PoolConfig:
        """Defaults sized to this machine's cores (at most 4 workers) unless given."""
        return cls(workers=workers if workers else max(1, min(4, os.cpu_count() or 1)))


@dataclass(frozen=True)
class PoolStats:
    """What the pool did so far: pages, workers started, and why workers were replaced."""

    pages: int = 0
    workers_started: int = 0
    crashes: int = 0
    timeouts: int = 0
    out_of_memory: int = 0
    recycled: int = 0
    peak_rss_mib: float = 0.0

    @property
    def restarts(self) -> int:
        """Workers replaced for any reason but the first start of each slot."""
        return self.crashes + self.timeouts + self.out_of_memory + self.recycled

    def line(self) -> str:
        """One line for logs and reports."""
        return (
            f"{self.pages} pages in workers, {self.workers_started} workers started, "
            f"{self.crashes} crashed, {self.timeouts} timed out, {self.out_of_memory} out of "
            f"memory, {self.recycled} recycled, peak worker RSS {self.peak_rss_mib:.0f} MiB"
        )


def exit_reason(exitcode: int | None) -> str:
    """A worker's end in words: the signal that killed it, or its exit status."""
    if exitcode is None:
        return "no exit status"
    if exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-exitcode).name}"
        return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


@dataclass(eq=False)  # identity: workers live in a set
class _Worker:
    process: BaseProcess
    conn: Connection
    tasks: int = 0
    retire: bool = False

    def stop(self, *, kill: bool) -> None:
        """Close the pipe (the worker then exits); kill it if asked or if it lingers."""
        if kill:
            self.process.kill()
        self.conn.close()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


@dataclass
class _Counters:
    pages: int = 0
    started: int = 0
    crashes: int = 0
    timeouts: int = 0
    out_of_memory: int = 0
    recycled: int = 0
    peak_rss_kib: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class PagePool:
    """A fixed number of worker slots; each runs one page task at a time in its own process.

    Safe to share between event loops and threads: callers wait in the pool's own threads.
    Workers start on first use; `close()` stops them all.
    """

    def __init__(self, config: PoolConfig | None = None) -> None:
        self.config = config or PoolConfig.for_machine()
        self._ctx = multiprocessing.get_context(self.config.start_method)
        if self.config.start_method == "forkserver":
            # Imported and warmed once in the fork server, inherited by every worker.
            self._ctx.set_forkserver_preload([PRELOAD])
        self._limits = WorkerLimits(
            memory_mib=self.config.memory_mib,
            tasks=self.config.tasks_per_worker,
            fault_marker=self.config.fault_marker,
        )
        self._slots: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(self.config.workers):
            self._slots.put(None)
        self._waiters = ThreadPoolExecutor(self.config.workers, thread_name_prefix="page-pool")
        self._live: set[_Worker] = set()
        self._counters = _Counters()
        self._closed = False
        self._started = False

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` in a worker; raises what `fn` raised, or `PageWorkerError`."""
        if self._closed:
            raise PageWorkerError("the page workers are shut down")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._waiters, self.call, fn, *args)

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Blocking form of `run` (for callers without an event loop)."""
        if self._closed:
            raise PageWorkerError("the page workers are shut down")
        worker = self._slots.get()
        try:
            if worker is not None and not worker.process.is_alive():
                self._discard(worker, kill=True)  # died while idle: not this page's fault
                worker = None
            if worker is None:
                worker = self._start()
            return self._ask(worker, fn, args)
        finally:
            self._slots.put(None if worker is None else self._after_task(worker))

    def start(self) -> None:
        """Start every worker now instead of on first use; at once if that was done before."""
        if self._started:
            return
        for _ in range(self.config.workers):
            worker = self._slots.get()
            try:
                if worker is None and not self._closed:
                    worker = self._start()
            finally:
                self._slots.put(worker)
        self._started = True

    def stats(self) -> PoolStats:
        """Counters so far."""
        c = self._counters
        with c.lock:
            return PoolStats(
                pages=c.pages,
                workers_started=c.started,
                crashes=c.crashes,
                timeouts=c.timeouts,
                out_of_memory=c.out_of_memory,
                recycled=c.recycled,
                peak_rss_mib=c.peak_rss_kib / KIB_PER_MIB,
            )

    def close(self) -> None:
        """Stop every worker; later calls fail with `PageWorkerError`."""
        self._closed = True
        self._waiters.shutdown(wait=False, cancel_futures=True)
        for worker in list(self._live):
            self._discard(worker, kill=False)

    def _count(self, name: str, amount: int = 1) -> None:
        with self._counters.lock:
            setattr(self._counters, name, getattr(self._counters, name) + amount)

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(  # type: ignore[attr-defined]
            target=serve, args=(child, self._limits), name="newsbot-page-worker", daemon=True
        )
        try:
            process.start()
        except Exception as exc:  # the page falls back like any other worker failure
            parent.close()
            log.exception("a page worker could not be started")
            raise PageWorkerError(f"no page worker could be started ({exc})") from None
        finally:
            child.close()
        worker = _Worker(process, parent)
        self._live.add(worker)
        self._count("started")
        return worker

    def _discard(self, worker: _Worker, *, kill: bool) -> None:
        self._live.discard(worker)
        worker.stop(kill=kill)

    def _ask(self, worker: _Worker, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        self._count("pages")
        try:
            worker.conn.send((fn, args))
        except (OSError, ValueError) as exc:
            worker.retire = True
            raise PageWorkerError(
                f"the extraction worker could not take the page ({exc})"
            ) from None
        if not worker.conn.poll(self.config.page_seconds):
            self._count("timeouts")
            self._discard(worker, kill=True)
            worker.retire = True
            limit = self.config.page_seconds
            raise PageWorkerError(
                f"extraction took longer than {limit:g} s; its worker was stopped"
            )
        try:
            status, value, rss = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(5)
            reason = exit_reason(worker.process.exitcode)
            self._count("crashes")
            self._discard(worker, kill=True)
            worker.retire = True
            raise PageWorkerError(f"the extraction worker crashed ({reason})") from None
        except Exception as exc:  # an answer that cannot be unpickled here
            worker.retire = True
            raise PageWorkerError(f"the worker's answer could not be read ({exc})") from None
        worker.tasks += 1
        with self._counters.lock:
            self._counters.peak_rss_kib = max(self._counters.peak_rss_kib, int(rss))
        if rss > self.config.recycle_rss_mib * KIB_PER_MIB and not worker.retire:
            self._count("recycled")
            worker.retire = True
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if status == "raised":
            raise value
        self._count("out_of_memory")
        worker.retire = True  # after a MemoryError its state is not to be trusted
        raise PageWorkerError(str(value))

    def _after_task(self, worker: _Worker) -> _Worker | None:
        """The worker back in its slot, or None (a new one starts on next use) once retired."""
        done = worker.tasks >= self.config.tasks_per_worker
        if not (worker.retire or done):
            return worker
        if done and not worker.retire:
            self._count("recycled")
        if worker in self._live:
            self._discard(worker, kill=False)
        return None
