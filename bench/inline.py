"""Inline-mode latency as a user meets it, over a large archive, on SQLite and on PostgreSQL.

Loads N synthetic articles (bench/search.py's generator: English and Chinese, five regions, a
year of dates), starts the real bot against the Bot API emulator, and times each inline query
from the `inline_query` update to the bot's answerInlineQuery arriving at the emulator. Every
input is asked once, cold: words common and rare, word pairs, Chinese phrases, hostile
strings, empty queries of readers following one to three regions (or none), and later pages
through next_offset. The baseline, run afterwards in the same process, is the store's own
search call for the same words (what /search costs without Telegram). Usage:

    python -m bench.inline [--articles 100000] [--postgres URL | --no-postgres] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text

import bench.search as search_bench
from bench.temp_databases import DEFAULT_POSTGRES, postgres_url, sqlite_url
from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator, User
from bot.settings import Settings
from bot.store import Store, open_store

TARGET_P95_MS = 300.0


@dataclass(frozen=True)
class Ask:
    """One inline query to time: who asks, what, from which offset."""

    kind: str
    query: str
    reader: int = 0
    offset: str = ""


def search_inputs() -> list[Ask]:
    """Every news word alone, word pairs, Chinese phrases, hostile and empty-result strings."""
    words = search_bench.NEWS_WORDS
    asks = [Ask("one word", word) for word in words]
    pairs = list(itertools.combinations(words[:12], 2))[:24]
    asks += [Ask("two words", f"{a} {b}") for a, b in pairs]
    asks += [Ask("Chinese", phrase) for phrase in search_bench.CHINESE_PHRASES]
    asks += [
        Ask("hostile", q)
        for q in ('"flood" AND NEAR(*)', "river OR 1=1; --", "^coal:* -mine", "<b>tax</b>")
    ]
    asks += [Ask("no match", q) for q in ("zebra", "xylophone quartz", "飞船")]
    return asks


def reader_regions() -> list[tuple[str, ...]]:
    """The regions of each bench reader: one, two, three regions, and none."""
    regions = search_bench.REGIONS
    picks: list[tuple[str, ...]] = [(r,) for r in regions]
    picks += [tuple(pair) for pair in itertools.combinations(regions, 2)][:5]
    picks += [regions[:3], ()]
    return picks


async def _time_one(api: BotApiEmulator, user: User, ask: Ask) -> tuple[float, int, str]:
    started = time.perf_counter()
    query_id = api.inline_query(user, ask.query, offset=ask.offset)
    answer = await asyncio.to_thread(api.wait_for_inline_answer, query_id, timeout=60)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(answer.results), answer.next_offset


def _subscribe(store: Store, users: Sequence[User], picks: Sequence[tuple[str, ...]]) -> None:
    now = datetime.now(UTC)
    for user, regions in zip(users, picks, strict=True):
        if not regions:
            continue
        store.chats.ensure(user.id, now=now, timezone="Asia/Shanghai")
        for region in regions:
            store.chats.subscribe(user.id, 0, region)


async def measure(api: BotApiEmulator, store: Store, url: str) -> dict[str, list[float]]:
    """Time every input once through the running bot; returns milliseconds per kind."""
    picks = reader_regions()
    users = [api.create_user(f"Reader {n}") for n in range(len(picks))]
    _subscribe(store, users, picks)
    settings = Settings(bot_token=api.token, api_url=api.root, database_url=url)
    application = build_bot(settings, store, background=Background.none())
    timings: dict[str, list[float]] = {}
    async with serving(application):
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        pages: list[Ask] = []
        for ask in search_inputs():
            ms, _count, next_offset = await _time_one(api, users[-1], ask)
            timings.setdefault(ask.kind, []).append(ms)
            if next_offset and len(pages) < 20:
                pages.append(Ask("next page", ask.query, offset=next_offset))
        for index in range(len(users)):
            ms, _count, next_offset = await _time_one(api, users[index], Ask("newest", ""))
            timings.setdefault("empty query", []).append(ms)
            if next_offset:
                pages.append(Ask("next page", "", reader=index, offset=next_offset))
        for ask in pages:
            ms, _count, _next = await _time_one(api, users[ask.reader], ask)
            timings.setdefault("next page", []).append(ms)
    return timings


def baseline(store: Store) -> list[float]:
    """The store's search alone for the same words (10 hits), milliseconds each."""
    found = []
    for ask in search_inputs():
        started = time.perf_counter()
        store.search.search(ask.query, limit=10)
        found.append((time.perf_counter() - started) * 1000)
    return found


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (inclusive method; the maximum for fewer than two values)."""
    if len(values) < 2:
        return max(values)
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def run_one(name: str, url: str, articles: int) -> float:
    """Load, then time the inline queries on one store; prints a table, returns overall p95."""
    with open_store(url) as store:
        rate = search_bench.load(store, articles)
        if store.dialect == "postgresql":
            with store.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        with BotApiEmulator() as api:
            api.set_inline_mode()
            timings = asyncio.run(measure(api, store, url))
        base = baseline(store)
    print(f"\n{name}: {articles:,} articles loaded at {rate:,.0f} articles/s")
    print(f"  {'inline query':<14}{'asked':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    everything: list[float] = []
    for kind, values in timings.items():
        everything += values
        line = f"  {kind:<14}{len(values):>7}{statistics.median(values):>9.1f}"
        print(f"{line}{p95(values):>9.1f}{max(values):>9.1f}")
    overall = p95(everything)
    searched = [
        ms for kind, vs in timings.items() if kind not in {"empty query", "next page"} for ms in vs
    ]
    print(
        f"  all {len(everything)} inline queries: p95 {overall:.1f} ms (target {TARGET_P95_MS:.0f})"
    )
    print(
        f"  baseline store.search, same words: p95 {p95(base):.1f} ms; "
        f"inline/search p95 ratio {p95(searched) / max(p95(base), 0.001):.2f}"
    )
    return overall


def main(argv: list[str] | None = None) -> int:
    """Run on each configured store; exit 1 when a p95 misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    worst = 0.0
    if not args.no_sqlite:
        with sqlite_url() as url:
            worst = max(worst, run_one("SQLite (FTS5)", url, args.articles))
    if not args.no_postgres:
        with postgres_url(args.postgres) as url:
            worst = max(worst, run_one("PostgreSQL (tsvector + GIN)", url, args.articles))
    return 0 if worst <= TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
