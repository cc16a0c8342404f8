"""Soak: many ingest rounds, or `newsbot run` for minutes, counting crashes, lost pages, memory.

`rounds`: ROUNDS ingest rounds, each of fresh generated feeds on several loopback hosts (pages
in every charset, long and nested pages, tables, redirects, slow and failing links, POISON
pages that kill their worker) into a fresh SQLite database. The rounds run in an ingesting
child process; when it dies the death is counted and a new one takes the next round.

`run`: the real `newsbot run` against the Bot API emulator (no token needed) with ingest ticks
every INTERVAL seconds for DURATION seconds; each time the last batch is in, a new one of
PAGES pages arrives. A user sends a command every 10 s and the answer must come. Reports the
bot's peak memory and its page workers'.

    python -m bench.soak rounds --rounds 200
    python -m bench.soak run --duration 600
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bench import soak_run
from bench.processes import describe_exit, peak_rss_mib
from bench.soak_site import FAULT_MARKER, FEED_TEXT, SoakSites
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.page_workers import PagePool, PoolConfig
from bot.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def one_round(
    sites: SoakSites, pool: PagePool | None, number: int, args: argparse.Namespace, directory: Path
) -> dict[str, object]:
    """Ingest one fresh batch into a fresh SQLite database; what happened, as a dict."""
    batch = sites.batch(args.pages_per_host, poison=args.poison, tag=f"r{number}")
    path = directory / f"round-{number}.db"
    store = open_store(f"sqlite:///{path}")
    try:
        store.upgrade()
        for url in batch.feed_urls:
            store.feeds.add(url)
        options = IngestOptions(allow_private_urls=True, global_limit=16, per_host_limit=4)
        started = time.monotonic()
        report = asyncio.run(run_ingest_tick(store, options, now=datetime.now(UTC), pages=pool))
        seconds = time.monotonic() - started
        stored = store.articles.latest(limit=batch.pages + 10)
    finally:
        store.close()
        for leftover in directory.glob(f"round-{number}.db*"):
            leftover.unlink()
        sites.forget()
    expected_from_feed = set(batch.poisoned) | set(batch.failing)
    from_feed = sum(1 for a in stored if a.text.startswith(FEED_TEXT))
    return {
        "round": number,
        "pages": batch.pages,
        "stored": report.new_articles,
        "from_feed": from_feed,
        "expected_from_feed": len(expected_from_feed),
        "poisoned": len(batch.poisoned),
        "pages_lost": list(report.pages_lost),
        "feeds_failed": report.feeds_failed,
        "seconds": round(seconds, 2),
        "rss_mib": round(peak_rss_mib(os.getpid()), 1),
        "pool": pool.stats().__dict__ if pool is not None else None,
    }


def rounds_child(args: argparse.Namespace) -> int:
    """The ingesting process: rounds `--first` .. `--rounds`-1, one JSON line each."""
    sites = SoakSites(args.hosts, seed=args.first)
    marker = FAULT_MARKER if args.poison else None
    config = replace(PoolConfig.for_machine(args.workers or None), fault_marker=marker)
    pool = None if args.threads else PagePool(config)
    try:
        with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
            for number in range(args.first, args.rounds):
                line = one_round(sites, pool, number, args, Path(tmp))
                print(json.dumps(line), flush=True)
    finally:
        if pool is not None:
            pool.close()
        sites.close()
    return 0


def rounds(args: argparse.Namespace) -> int:
    """Run the rounds in child processes, restarting after a crash; print the totals."""
    results: list[dict[str, object]] = []
    crashes: list[str] = []
    started = time.monotonic()
    while len(results) + len(crashes) < args.rounds:
        first = len(results) + len(crashes)
        command = [
            sys.executable,
            "-m",
            "bench.soak",
            "rounds",
            "--child",
            "--first",
            str(first),
            *_pass_on(args),
        ]
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, text=True, stderr=subprocess.DEVNULL
        ) as child:
            assert child.stdout is not None
            for line in child.stdout:
                result = json.loads(line)
                results.append(result)
                if args.verbose or len(results) % 10 == 0:
                    print(
                        f"round {len(results) + len(crashes)}/{args.rounds}: "
                        f"{result['stored']}/{result['pages']} stored, "
                        f"{len(result['pages_lost'])} lost their worker, "  # type: ignore[arg-type]
                        f"{result['seconds']} s",
                        flush=True,
                    )
            code = child.wait()
        if code != 0:
            crashes.append(f"round {len(results) + len(crashes)}: {describe_exit(code)}")
            print(f"the ingesting process died: {describe_exit(code)}", flush=True)
    _print_rounds(results, crashes, time.monotonic() - started, args)
    return 1 if crashes else 0


def _pass_on(args: argparse.Namespace) -> list[str]:
    out = [
        "--rounds",
        str(args.rounds),
        "--hosts",
        str(args.hosts),
        "--pages-per-host",
        str(args.pages_per_host),
        "--poison",
        str(args.poison),
    ]
    if args.workers:
        out += ["--workers", str(args.workers)]
    if args.threads:
        out.append("--threads")
    return out


def _print_rounds(
    results: list[dict[str, object]], crashes: list[str], wall: float, args: argparse.Namespace
) -> None:
    pages = sum(int(r["pages"]) for r in results)  # type: ignore[call-overload]
    stored = sum(int(r["stored"]) for r in results)  # type: ignore[call-overload]
    lost = [line for r in results for line in r["pages_lost"]]  # type: ignore[attr-defined]
    poisoned = sum(int(r["poisoned"]) for r in results)  # type: ignore[call-overload]
    unexpected = sum(
        max(0, int(r["from_feed"]) - int(r["expected_from_feed"]))  # type: ignore[call-overload]
        for r in results
    )
    last_pool = next((r["pool"] for r in reversed(results) if r["pool"]), None)
    rss = max((float(r["rss_mib"]) for r in results), default=0.0)  # type: ignore[arg-type]
    mode = "threads in the ingesting process" if args.threads else "page worker processes"
    print(
        f"\nsoak rounds ({mode}, {args.hosts} hosts, {args.pages_per_host} pages per host, "
        f"{args.poison} poisoned page(s) per round):"
    )
    print(
        f"  rounds completed: {len(results)} of {args.rounds}; crashes of the ingesting "
        f"process: {len(crashes)} {crashes}"
    )
    print(
        f"  pages: {pages}, articles stored: {stored}, pages lost to a dead worker: "
        f"{len(lost)} (poisoned on purpose: {poisoned}), pages that fell back to feed text "
        f"unexpectedly: {unexpected}"
    )
    if last_pool:
        print(f"  workers (last child): {json.dumps(last_pool)}")
    print(f"  peak RSS of the ingesting process: {rss:.0f} MiB; wall {wall:.0f} s")


def main() -> int:
    """Parse the command line and run the chosen soak."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="mode", required=True)
    r = sub.add_parser("rounds", help="N ingest rounds into fresh SQLite databases")
    r.add_argument("--rounds", type=int, default=200)
    r.add_argument("--hosts", type=int, default=3)
    r.add_argument("--pages-per-host", type=int, default=20)
    r.add_argument("--poison", type=int, default=1, help="pages per round that kill their worker")
    r.add_argument("--workers", type=int, default=0, help="page workers (default: per core)")
    r.add_argument("--threads", action="store_true", help="pages in threads, no workers")
    r.add_argument("--verbose", action="store_true")
    r.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    r.add_argument("--first", type=int, default=0, help=argparse.SUPPRESS)
    soak_run.add_arguments(sub.add_parser("run", help="newsbot run with frequent ingest ticks"))
    args = parser.parse_args()
    if args.mode == "run":
        return soak_run.run(args)
    return rounds_child(args) if args.child else rounds(args)


if __name__ == "__main__":
    raise SystemExit(main())
