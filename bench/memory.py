"""Resident memory of a process holding a large store while it builds digests and searches.

Fills a throw-away store with N articles (a year of them) and S subscribed chats, then starts
a fresh process that opens the store, builds every subscriber's digest (`send_now`, which
queues one outbox row per message), serves searches, and reports its resident set size
(VmRSS) after each step and its peak (VmHWM), from /proc/self/status. Usage:

    python -m bench.memory [--articles 100000] [--subscribers 10000] [--store sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from bench.search import NOW, REGIONS, synthetic_articles
from bench.temp_databases import DEFAULT_POSTGRES, database_url
from bot.store import Region, Store, open_store
from bot.store import chats_table as chats
from bot.store import subscriptions_table as subscriptions

LANGUAGES = ("en", "en", "en", "zh")
ZONES = ("Asia/Shanghai", "UTC", "Europe/Berlin")
_RSS_KEYS = ("imported", "opened", "after_digests", "after_search")


def status_kib(field: str) -> int:
    """One `kB` field of /proc/self/status (VmRSS, VmHWM ...)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def fill(store: Store, articles: int, subscribers: int) -> None:
    """Articles first seen when published (so a day's window holds a day's news) and chats."""
    for region in REGIONS:
        store.regions.upsert(Region(region, {"en": region.title(), "zh": region}))
    batch = []
    for article in synthetic_articles(articles):
        batch.append(dataclasses.replace(article, first_seen_at=article.published_at))
        if len(batch) == 2000:
            store.articles.add_many(batch)
            batch = []
    store.articles.add_many(batch)
    at = NOW - timedelta(days=2)
    rows = [
        {
            "chat_id": 10_000_000 + n,
            "thread_id": 0,
            "language": LANGUAGES[n % len(LANGUAGES)],
            "timezone": ZONES[n % len(ZONES)],
            "created_at": at,
            "updated_at": at,
        }
        for n in range(subscribers)
    ]
    subscribed = [
        {"chat_id": r["chat_id"], "thread_id": 0, "region_id": REGIONS[i % 5], "created_at": at}
        for i, r in enumerate(rows)
    ]
    # Every fifth chat follows a second region, so keys (and digests) vary as in real use.
    subscribed += [
        {
            "chat_id": r["chat_id"],
            "thread_id": 0,
            "region_id": REGIONS[(i + 1) % 5],
            "created_at": at,
        }
        for i, r in enumerate(rows)
        if i % 5 == 0
    ]
    with store.engine.begin() as conn:
        conn.execute(chats.insert(), rows)
        conn.execute(subscriptions.insert(), subscribed)


def measure(url: str) -> dict[str, float]:
    """In this (fresh) process: open, build every digest, search; RSS after each step in MiB."""
    from bot.digest.build import send_now

    out: dict[str, float] = {"imported": status_kib("VmRSS") / 1024}
    with open_store(url) as store:
        out["opened"] = status_kib("VmRSS") / 1024
        started = time.perf_counter()
        report = send_now(store, NOW)
        out["build_seconds"] = time.perf_counter() - started
        out["digests"], out["messages"] = report.digests, report.messages
        out["after_digests"] = status_kib("VmRSS") / 1024
        for query in ("flood", "river bridge", "heritage temple", "太原"):
            store.search.search(query, now=NOW)
        out["after_search"] = status_kib("VmRSS") / 1024
    # The kernel updates VmHWM lazily; it can trail the latest VmRSS by a few pages.
    out["peak"] = max(status_kib("VmHWM") / 1024, *(out[k] for k in _RSS_KEYS))
    return out


def main(argv: list[str] | None = None) -> int:
    """Fill a store, then measure a separate process working on it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--store", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    with database_url(args.store, args.postgres) as url:
        started = time.perf_counter()
        with open_store(url) as store:
            fill(store, args.articles, args.subscribers)
        filled = time.perf_counter() - started
        child = subprocess.run(
            [sys.executable, "-m", "bench.memory", "--measure", url], capture_output=True, text=True
        )
    if child.returncode != 0:
        print(child.stderr, file=sys.stderr)
        return 1
    numbers = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"Memory ({args.store}): {args.articles:,} articles, {args.subscribers:,} subscribers "
        f"(filled in {filled:.0f} s)"
    )
    for label, key in (
        ("after imports", "imported"),
        ("store opened", "opened"),
        ("digests built", "after_digests"),
        ("searches served", "after_search"),
        ("peak (VmHWM)", "peak"),
    ):
        print(f"  RSS {label:<16}{numbers[key]:>8.1f} MiB")
    print(
        f"  built {int(numbers['digests'])} digests, queued {int(numbers['messages']):,} "
        f"messages in {numbers['build_seconds']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
