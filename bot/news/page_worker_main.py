"""The inside of a page worker process: its limits, then one page task at a time.

`bot.news.page_worker_preload` warms it up in the pool's fork server, so every worker forked
from there starts with trafilatura, lxml, numpy and jieba's dictionary loaded.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from bot.news import articles

_WARM_PAGES = (
    "<html><head><title>Warm up</title></head><body><article><h1>Warm up</h1>"
    + "<p>The city opened a new metro line on Monday. Tickets cost two yuan.</p>" * 4
    + "</article></body></html>",
    "<html><head><title>预热</title></head><body><article><h1>预热</h1>"
    + "<p>太原地铁二号线周一开通运营。票价为二至六元。</p>" * 4
    + "</article></body></html>",
)


def warm_up() -> None:
    """Extract and summarize two tiny pages, so lazy loads (jieba's dictionary) happen once."""
    for page in _WARM_PAGES:
        # Only a warm-up: a real task reports its own failure.
        with contextlib.suppress(Exception):
            articles.summarize_page(page, "http://warm.invalid/")


@dataclass(frozen=True)
class WorkerLimits:
    """What a worker may use: address space in MiB (0: no cap) and tasks before it exits."""

    memory_mib: int
    tasks: int
    fault_marker: str | None = None


def rss_kib() -> int:
    """This process's resident set size now, in KiB (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * (os.sysconf("SC_PAGE_SIZE") // 1024)


def _apply_memory_cap(memory_mib: int) -> None:
    if memory_mib <= 0:
        return
    cap = memory_mib * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _trip_fault(marker: str | None, args: tuple[Any, ...]) -> None:
    """Test-only: a page holding `<marker>:segv|hang|hog` kills, stalls or bloats its worker."""
    if not marker:
        return
    text = " ".join(arg for arg in args if isinstance(arg, str))
    if f"{marker}:segv" in text:
        os.kill(os.getpid(), signal.SIGSEGV)
    if f"{marker}:hang" in text:
        time.sleep(3600)
    if f"{marker}:hog" in text:
        hoard = []
        while True:  # until the address-space cap says no
            hoard.append(bytearray(64 * 1024 * 1024))


def serve(conn: Connection, limits: WorkerLimits) -> None:
    """Answer tasks `(function, args)` with `(status, value, rss_kib)` until recycled."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _apply_memory_cap(limits.memory_mib)
    for _ in range(limits.tasks):
        try:
            task: tuple[Callable[..., Any], tuple[Any, ...]] = conn.recv()
        except (EOFError, OSError):
            return  # the parent went away or closed the pool
        fn, args = task
        try:
            _trip_fault(limits.fault_marker, args)
            reply: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            reply = ("failed", f"out of memory (cap {limits.memory_mib} MiB)")
        except Exception as exc:  # sent back to the caller, who decides
            reply = ("raised", exc)
        try:
            conn.send((*reply, rss_kib()))
        except Exception as exc:  # an unpicklable result or exception
            conn.send(("failed", f"{type(exc).__name__}: {exc}", rss_kib()))
    conn.close()
