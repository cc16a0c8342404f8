"""Search latency over a large synthetic archive, on SQLite and on PostgreSQL.

Bulk-loads N synthetic articles (English and Chinese, five regions, a year of dates) into a
temporary SQLite file and a temporary PostgreSQL database, then times each query repeatedly
and prints p50/p95 per store. Usage:

    python -m bench.search [--articles 100000] [--runs 40] [--postgres URL | --no-postgres]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from bench.temp_databases import DEFAULT_POSTGRES, postgres_url, sqlite_url
from bot.store import NewArticle, Region, Store, open_store

NOW = datetime(2024, 11, 29, 12, 0, tzinfo=UTC)
REGIONS = ("shanxi", "hebei", "henan", "shaanxi", "inner-mongolia")
NEWS_WORDS = [
    "flood",
    "river",
    "bridge",
    "coal",
    "mine",
    "train",
    "airport",
    "school",
    "hospital",
    "market",
    "price",
    "rain",
    "storm",
    "factory",
    "energy",
    "solar",
    "wind",
    "farm",
    "harvest",
    "wheat",
    "corn",
    "police",
    "court",
    "museum",
    "festival",
    "road",
    "highway",
    "subway",
    "council",
    "mayor",
    "budget",
    "tax",
    "export",
    "import",
    "tourism",
    "heritage",
    "temple",
    "culture",
]
HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点"
    "从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原"
)
CHINESE_PHRASES = ("太原", "干部培训", "数字经济", "黄河", "煤炭", "高速公路", "大同", "地铁")
QUERIES = (
    ("common word", "flood", None),
    ("two words", "river bridge", None),
    ("rare words", "heritage temple", None),
    ("word + region", "coal", "shanxi"),
    ("Chinese 2 chars", "太原", None),
    ("Chinese 4 chars", "干部培训", None),
    ("hostile", '"flood" AND NEAR(*) ^river:', None),
)


# News words follow a Zipf-like law (the first is common, the last rare); the rest is filler.
_NEWS_WEIGHTS = [1 / rank for rank in range(1, len(NEWS_WORDS) + 1)]


def _english(rng: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        if rng.random() < 0.1:
            out.append(rng.choices(NEWS_WORDS, _NEWS_WEIGHTS)[0])
        else:
            out.append(f"w{rng.randrange(20000)}")
    return " ".join(out)


def _chinese(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        if rng.random() < 0.08:
            parts.append(rng.choice(CHINESE_PHRASES))
        else:
            parts.append("".join(rng.choice(HANZI) for _ in range(rng.randint(2, 6))))
    return "，".join(parts) + "。"


def synthetic_articles(count: int, seed: int = 7) -> Iterator[NewArticle]:
    """Deterministic articles: two in three English, one in three Chinese."""
    rng = random.Random(seed)
    for n in range(count):
        chinese = n % 3 == 2
        title = _chinese(rng, 14) if chinese else _english(rng, 8).capitalize()
        summary = (
            (_chinese(rng, 40), _chinese(rng, 40))
            if chinese
            else (_english(rng, 20) + ".", _english(rng, 20) + ".")
        )
        body = _chinese(rng, 300) if chinese else _english(rng, 120)
        yield NewArticle(
            url=f"https://bench.example/{n}",
            title=title,
            source=f"Outlet {n % 40}",
            # Stored roughly in publication order over a year, as ingest does, with jitter.
            published_at=NOW
            - timedelta(days=365 * (count - n) / count, minutes=rng.randrange(6 * 60)),
            language="zh" if chinese else "en",
            text=body,
            summary=summary,
            fingerprint=f"{n:016x}",
            regions=(REGIONS[n % len(REGIONS)],),
        )


def load(store: Store, count: int, batch: int = 2000) -> float:
    """Insert `count` articles in batches; returns articles per second."""
    for region in REGIONS:
        store.regions.upsert(Region(region, {"en": region.title(), "zh": region}))
    started = time.perf_counter()
    pending: list[NewArticle] = []
    for article in synthetic_articles(count):
        pending.append(article)
        if len(pending) == batch:
            store.articles.add_many(pending)
            pending = []
    store.articles.add_many(pending)
    return count / (time.perf_counter() - started)


def measure(store: Store, runs: int) -> list[tuple[str, int, float, float]]:
    """For each query: (label, total hits, p50 ms, p95 ms)."""
    results = []
    for label, query, region in QUERIES:
        store.search.search(query, region_id=region, now=NOW)  # warm caches
        timings = []
        total = 0
        for _ in range(runs):
            started = time.perf_counter()
            page = store.search.search(query, region_id=region, limit=5, now=NOW)
            timings.append((time.perf_counter() - started) * 1000)
            total = page.total
        cuts = statistics.quantiles(timings, n=20, method="inclusive")
        results.append((label, total, statistics.median(timings), cuts[18]))
    return results


def run_one(name: str, url: str, articles: int, runs: int) -> None:
    """Load, analyse and time one store, printing a small table."""
    with open_store(url) as store:
        rate = load(store, articles)
        if store.dialect == "postgresql":
            with store.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        print(f"\n{name}: {articles:,} articles loaded at {rate:,.0f} articles/s")
        print(f"  {'query':<18}{'hits':>8}{'p50 ms':>10}{'p95 ms':>10}")
        worst = 0.0
        for label, total, p50, p95 in measure(store, runs):
            worst = max(worst, p95)
            print(f"  {label:<18}{total:>8,}{p50:>10.1f}{p95:>10.1f}")
        print(f"  worst p95: {worst:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on each configured store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args(argv)
    if not args.no_sqlite:
        with sqlite_url() as url:
            run_one("SQLite (FTS5)", url, args.articles, args.runs)
    if not args.no_postgres:
        with postgres_url(args.postgres) as url:
            run_one("PostgreSQL (tsvector + GIN)", url, args.articles, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
