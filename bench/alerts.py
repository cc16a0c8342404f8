"""The alert step after an ingest tick: new stories against every alert, on both stores.

Stores N synthetic new articles (English and Chinese, as bench/search.py makes them) and A
alerts spread over A/5 chats, then times one cold alert step (`run_alerts`: match in Python,
queue in one transaction). The baseline, run in the same process on the same data, is what
a /search-based design would cost: one full-text query per alert over the new stories.
Usage:

    python -m bench.alerts [--articles 2000] [--alerts 500] [--postgres URL | --no-postgres]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time
from datetime import timedelta

from bench.search import CHINESE_PHRASES, NEWS_WORDS, NOW, REGIONS, synthetic_articles
from bench.temp_databases import DEFAULT_POSTGRES, postgres_url, sqlite_url
from bot.digest.alert_tick import run_alerts
from bot.store import Region, Store, open_store


def fill(store: Store, articles: int, alerts: int, seed: int = 11) -> None:
    """New articles first seen now, and alerts set a day earlier."""
    for region in REGIONS:
        store.regions.upsert(Region(region, {"en": region.title(), "zh": region}))
    batch = [
        dataclasses.replace(a, first_seen_at=NOW, published_at=NOW)
        for a in synthetic_articles(articles)
    ]
    for start in range(0, len(batch), 1000):
        store.articles.add_many(batch[start : start + 1000])
    rng = random.Random(seed)
    earlier = NOW - timedelta(days=1)
    for n in range(alerts):
        chat_id = 1000 + n // 5
        store.chats.ensure(chat_id, timezone="Asia/Shanghai", now=earlier)
        if rng.random() < 0.25:
            words = rng.choice(CHINESE_PHRASES)
        else:
            words = " ".join(rng.sample(NEWS_WORDS, rng.choice((1, 2))))
        region = rng.choice(REGIONS) if rng.random() < 0.3 else None
        store.alerts.add(chat_id, 0, words, region, None, earlier)


def measure(url: str) -> dict[str, float]:
    """Seconds of one alert step and of the per-alert search baseline; what the step queued."""
    with open_store(url) as store:
        alerts = store.alerts.all()
        started = time.perf_counter()
        for alert in alerts:
            store.search.search(
                alert.words, region_id=alert.region_id, since=NOW - timedelta(hours=1), now=NOW
            )
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        report = run_alerts(store, NOW, per_hour=5)
        step = time.perf_counter() - started
    return {
        "step": step,
        "baseline": baseline,
        "matched": report.matched,
        "queued": report.queued,
        "capped": report.capped,
    }


def main() -> None:
    """Run on SQLite and PostgreSQL and print one line per store."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--alerts", type=int, default=500)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    stores = [("SQLite", sqlite_url())]
    if not args.no_postgres:
        stores.append(("PostgreSQL", postgres_url(args.postgres)))
    print(f"{args.articles} new articles, {args.alerts} alerts over {args.alerts // 5} chats")
    print("| store | alert step s | one /search per alert s | ratio | matched | queued | capped |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, database in stores:
        with database as url:
            with open_store(url) as store:
                fill(store, args.articles, args.alerts)
            n = measure(url)
        print(
            f"| {name} | {n['step']:.2f} | {n['baseline']:.2f} | "
            f"{n['baseline'] / n['step']:.1f}× | {n['matched']:.0f} | {n['queued']:.0f} | "
            f"{n['capped']:.0f} |"
        )


if __name__ == "__main__":
    main()
