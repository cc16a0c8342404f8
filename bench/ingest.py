"""Ingest throughput: feeds/s and articles/s against a local server, cost split per article.

Serves FEEDS feeds of PER_FEED distinct generated articles each on 127.0.0.1, runs one
ingest tick into a fresh SQLite and a fresh PostgreSQL store, and prints wall-clock rates plus
the summed time per article spent in each phase (fetch, extract, summarize, store). Then it
times search over --search-articles stored articles on each store (bench/search.py).
Phases overlap in wall-clock time (pages download while others are summarized), so their
sum exceeds the wall time; they show where the work goes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import bench.search as search_bench
from bench.temp_databases import DEFAULT_POSTGRES, database_url
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.page_workers import PagePool, PoolConfig
from bot.store import open_store
from tests.feedserver import FeedServer

ROOT = Path(__file__).resolve().parents[1]


SAMPLES = ROOT / "config" / "sample_feeds" / "articles"


def vocabulary() -> list[str]:
    """English words of the sample articles, to write plausible generated text with."""
    words: set[str] = set()
    for page in SAMPLES.glob("*.html"):
        if page.stem.endswith("-zh"):
            continue
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        words.update(w for w in re.findall(r"[A-Za-z]{3,}", text))
    return sorted(words)


def sentence(rng: random.Random, words: list[str]) -> str:
    """One generated sentence."""
    picked = rng.sample(words, rng.randint(10, 18))
    return " ".join(picked).capitalize() + "."


def article_html(rng: random.Random, words: list[str], n: int) -> tuple[str, str]:
    """A distinct article page with a lead and three headed sections."""
    title = f"{' '.join(rng.sample(words, 6)).capitalize()} {n}"
    parts = [f"<h1>{title}</h1>", f"<p>{' '.join(sentence(rng, words) for _ in range(3))}</p>"]
    for _ in range(3):
        parts.append(f"<h2>{' '.join(rng.sample(words, 3)).capitalize()}</h2>")
        parts.extend(f"<p>{' '.join(sentence(rng, words) for _ in range(3))}</p>" for _ in range(2))
    body = "".join(parts)
    page = (
        f"<html><head><title>{title}</title></head><body><nav>Home | News</nav>"
        f"<main><article>{body}</article></main><footer>Copyright</footer></body></html>"
    )
    return title, page


def build(server: FeedServer, feeds: int, per_feed: int) -> list[str]:
    """Register every feed and page; returns the feed URLs."""
    rng = random.Random(7)
    words = vocabulary()
    urls = []
    n = 0
    for f in range(feeds):
        items = []
        for _ in range(per_feed):
            n += 1
            title, page = article_html(rng, words, n)
            link = server.add(f"/a/{n}.html", page)
            items.append(
                f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid></item>"
            )
        head = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {f}</title>'
        rss = f"{head}{''.join(items)}</channel></rss>"
        urls.append(server.add(f"/f/{f}.rss", rss, content_type="application/rss+xml"))
    return urls


def ingest_once(url: str, server: FeedServer, feed_urls: list[str], workers: int) -> None:
    """Run one ingest tick of every feed into the store at `url` and print its rates."""
    store = open_store(url)
    for feed_url in feed_urls:
        store.feeds.add(feed_url)
    options = IngestOptions(allow_private_urls=True, global_limit=16, per_host_limit=16)
    pool = PagePool(PoolConfig(workers=workers)) if workers > 0 else None
    try:
        if pool is not None:
            pool.start()  # a running bot's workers are up long before a tick
        started = time.perf_counter()
        report = asyncio.run(run_ingest_tick(store, options, now=datetime.now(UTC), pages=pool))
        wall = time.perf_counter() - started
    finally:
        if pool is not None:
            pool.close()
        store.close()
    count = max(report.new_articles, 1)
    print(
        f"\nstore: {url.split(':', 1)[0]}  cores: {os.cpu_count()}  workers: {workers or 'threads'}"
    )
    print(
        f"feeds: {report.feeds_checked} ({report.feeds_failed} failed)  "
        f"articles stored: {report.new_articles}  wall: {wall:.1f} s"
    )
    print(
        f"feeds/s: {report.feeds_checked / wall:.1f}  articles/s: {report.new_articles / wall:.1f}"
    )
    print("per-article cost (summed over concurrent tasks, ms):")
    for phase, seconds in report.timings:
        print(f"  {phase:<11} {1000 * seconds / count:8.1f}")


def main() -> int:
    """Run the benchmark on each store and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--per-feed", type=int, default=25)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="page workers (0: threads)"
    )
    parser.add_argument("--stores", default="sqlite,postgresql", help="comma-separated")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument(
        "--search-articles",
        type=int,
        default=100_000,
        help="also time search over this many stored articles on each store (0: skip)",
    )
    args = parser.parse_args()
    stores = [name.strip() for name in args.stores.split(",") if name.strip()]
    server = FeedServer()
    urls = build(server, args.feeds, args.per_feed)
    server.start()
    try:
        for kind in stores:
            with database_url(kind, args.postgres) as url:
                ingest_once(url, server, urls, args.workers)
    finally:
        server.stop()
    if args.search_articles > 0:
        for kind in stores:
            with database_url(kind, args.postgres) as url:
                search_bench.run_one(f"search, {kind}", url, args.search_articles, runs=40)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
