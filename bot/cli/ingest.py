"""`newsbot ingest --once`: check due feeds now and store their new articles."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime

from tqdm import tqdm

from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.ingest_report import IngestReport
from bot.settings import Settings
from bot.store import Store, StoreError, open_store

MAX_ERRORS_SHOWN = 20


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `ingest` subcommand."""
    parser = subparsers.add_parser("ingest", help="fetch due feeds and store new articles")
    parser.add_argument("--once", action="store_true", help="run one tick and exit")
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="processes for extraction and summaries (0: threads in this process)",
    )
    parser.set_defaults(handler=run)


@contextmanager
def _executor(workers: int) -> Iterator[Executor | None]:
    if workers <= 0:
        yield None
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool


def _tick(store: Store, settings: Settings, workers: int) -> IngestReport:
    bar = tqdm(total=0, unit="feed", desc="ingest", disable=not sys.stderr.isatty(), leave=False)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        with _executor(workers) as executor:
            return asyncio.run(
                run_ingest_tick(
                    store,
                    IngestOptions.from_settings(settings),
                    now=datetime.now(UTC),
                    progress=progress,
                    executor=executor,
                )
            )
    finally:
        bar.close()


def _print(report: IngestReport, seconds: float) -> None:
    print(f"ingest: {report.summary_line()} in {seconds:.1f} s")
    for line in report.errors[:MAX_ERRORS_SHOWN]:
        print(f"  failed {line}")
    if len(report.errors) > MAX_ERRORS_SHOWN:
        print(f"  ... and {len(report.errors) - MAX_ERRORS_SHOWN} more")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one tick (`--once`) or one every NEWSBOT_INGEST_INTERVAL seconds until interrupted."""
    try:
        with open_store(settings.database_url) as store:
            store.upgrade()
            while True:
                started = time.monotonic()
                report = _tick(store, settings, args.workers)
                _print(report, time.monotonic() - started)
                if args.once:
                    return 0
                time.sleep(
                    max(1.0, settings.ingest_interval_seconds - (time.monotonic() - started))
                )
    except StoreError as exc:
        print(f"newsbot ingest: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
