"""`newsbot ingest --once [--all | --feed ID|URL] [-v]`: check feeds now, store new articles."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from tqdm import tqdm

from bot.cli.region_seed import seed_regions
from bot.news.feed_service import FeedService
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.ingest_report import IngestReport
from bot.news.page_workers import PagePool, PoolConfig
from bot.settings import Settings
from bot.store import Store, StoreError, open_store

MAX_ERRORS_SHOWN = 20
NO_FEEDS_HINT = "ingest: no feeds yet: `newsbot feeds add URL` or `newsbot feeds sync`"


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
        default=None,
        help="worker processes for page extraction and summaries (default: one per core, "
        "at most 4; 0: threads in this process, without crash isolation)",
    )
    parser.set_defaults(handler=run)


@contextmanager
def _page_pool(workers: int | None) -> Iterator[PagePool | None]:
    """One pool for every tick of this command, stopped when it ends."""
    if workers is not None and workers <= 0:
        yield None
        return
    with PagePool(PoolConfig.for_machine(workers)) as pool:
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
    store: Store, settings: Settings, pages: PagePool | None, feed_ids: list[int] | None = None
) -> IngestReport:
    bar = tqdm(total=0, unit="feed", desc="ingest", disable=not sys.stderr.isatty(), leave=False)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        return asyncio.run(
            run_ingest_tick(
                store,
                IngestOptions.from_settings(settings),
                now=datetime.now(UTC),
                progress=progress,
                pages=pages,
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
        for line in report.pages_lost[:MAX_ERRORS_SHOWN]:
            print(f"  page {line}")
        return
    for line in report.errors[:MAX_ERRORS_SHOWN]:
        print(f"  failed {line}")
    if len(report.errors) > MAX_ERRORS_SHOWN:
        print(f"  ... and {len(report.errors) - MAX_ERRORS_SHOWN} more")
    for line in report.pages_lost[:MAX_ERRORS_SHOWN]:
        print(f"  page {line}")
    if len(report.pages_lost) > MAX_ERRORS_SHOWN:
        print(f"  ... and {len(report.pages_lost) - MAX_ERRORS_SHOWN} more pages")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one tick (`--once`) or one every NEWSBOT_INGEST_INTERVAL seconds until interrupted.

    `--all` and `--feed` check their feeds once, now, and exit.
    """
    try:
        with open_store(settings.database_url) as store, _page_pool(args.workers) as pages:
            store.upgrade()
            seed_regions(store, settings)
            feed_ids = selected_feeds(store, args)
            if not store.feeds.list():
                print(NO_FEEDS_HINT)
            while True:
                started = time.monotonic()
                report = _tick(store, settings, pages, feed_ids)
                _print(report, time.monotonic() - started, args.verbose)
                if pages is not None and not args.once and feed_ids is None:
                    print(f"  workers: {pages.stats().line()}")
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
