"""`newsbot ingest --once [--all | --feed ID|URL] [-v]`: check feeds now, store new articles."""

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

from bot.cli.region_seed import seed_regions
from bot.news.feed_service import FeedService
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.ingest_report import IngestReport
from bot.settings import Settings
from bot.store import Store, StoreError, open_store

MAX_ERRORS_SHOWN = 20


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `ingest` subcommand."""
    parser = subparsers.add_parser("ingest", help="fetch due feeds and store new articles")
    parser.add_argument("--once", action="store_true", help="run one tick and exit")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--all",
        action="store_true",
        help="check every feed now, due or not (still conditional: ETag / Last-Modified); "
        "implies --once",
    )
    which.add_argument(
        "--feed", metavar="ID|URL", help="check this one feed now, even if paused; implies --once"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="print what was done for each feed"
    )
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


class UnknownFeedError(StoreError):
    """`--feed` named no stored feed."""


def selected_feeds(store: Store, args: argparse.Namespace) -> list[int] | None:
    """The feed ids `--all` or `--feed` ask for; None means the feeds that are due."""
    if args.all:
        return [feed.id for feed in store.feeds.list()]
    if args.feed is not None:
        feed = FeedService(store).find(args.feed)
        if feed is None:
            raise UnknownFeedError(f"no feed {args.feed!r} (see `newsbot feeds list`)")
        return [feed.id]
    return None


def _tick(
    store: Store, settings: Settings, workers: int, feed_ids: list[int] | None = None
) -> IngestReport:
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
                    feed_ids=feed_ids,
                )
            )
    finally:
        bar.close()


def _print(report: IngestReport, seconds: float, verbose: bool = False) -> None:
    print(f"ingest: {report.summary_line()} in {seconds:.1f} s")
    if verbose:
        for outcome in report.feeds:
            print(f"  {outcome.line()}")
        for line in report.article_errors[:MAX_ERRORS_SHOWN]:
            print(f"  article {line}")
        return
    for line in report.errors[:MAX_ERRORS_SHOWN]:
        print(f"  failed {line}")
    if len(report.errors) > MAX_ERRORS_SHOWN:
        print(f"  ... and {len(report.errors) - MAX_ERRORS_SHOWN} more")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one tick (`--once`) or one every NEWSBOT_INGEST_INTERVAL seconds until interrupted.

    `--all` and `--feed` check their feeds once, now, and exit.
    """
    try:
        with open_store(settings.database_url) as store:
            store.upgrade()
            seed_regions(store, settings)
            feed_ids = selected_feeds(store, args)
            while True:
                started = time.monotonic()
                report = _tick(store, settings, args.workers, feed_ids)
                _print(report, time.monotonic() - started, args.verbose)
                if args.once or feed_ids is not None:
                    return 0
                time.sleep(
                    max(1.0, settings.ingest_interval_seconds - (time.monotonic() - started))
                )
    except UnknownFeedError as exc:
        print(f"newsbot ingest: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"newsbot ingest: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
