"""`newsbot feeds ...`: add (with discovery), list, remove, resume, OPML import/export, sync."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bot.cli.region_seed import seed_regions
from bot.news.errors import FeedError
from bot.news.feed_service import FeedService
from bot.news.fetch import Fetcher
from bot.news.regions import load_regions
from bot.settings import Settings
from bot.store import Feed, Store, StoreError, open_store

Handler = Callable[[argparse.Namespace, Settings], int]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `feeds` subcommand and its actions."""
    parser = subparsers.add_parser("feeds", help="manage feeds and the region catalogue")
    actions = parser.add_subparsers(dest="feeds_action", metavar="ACTION")
    add = actions.add_parser("add", help="add a feed (a web page is searched for its feed)")
    add.add_argument("url")
    add.add_argument("--region", help="region id, e.g. taiyuan")
    add.set_defaults(handler=_guard("add", _add))
    actions.add_parser("list", help="every feed with its health").set_defaults(
        handler=_guard("list", _list)
    )
    for name, fn, text in (
        ("remove", _remove, "remove a feed (its articles stay)"),
        ("resume", _resume, "un-pause a paused feed"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("feed", metavar="ID|URL")
        action.set_defaults(handler=_guard(name, fn))
    imp = actions.add_parser("import", help="add every feed of an OPML file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_guard("import", _import))
    exp = actions.add_parser("export", help="write every feed as OPML 2.0 (stdout by default)")
    exp.add_argument("file", type=Path, nargs="?")
    exp.set_defaults(handler=_guard("export", _export))
    sync = actions.add_parser("sync", help="load config/regions.toml (regions and their feeds)")
    sync.add_argument("--file", type=Path, help="regions file (default: config/regions.toml)")
    sync.set_defaults(handler=_guard("sync", _sync))
    parser.set_defaults(handler=_usage(parser))


def _usage(parser: argparse.ArgumentParser) -> Handler:
    def handler(_args: argparse.Namespace, _settings: Settings) -> int:
        parser.print_usage(sys.stderr)
        print(
            "newsbot feeds: choose an action: add, list, remove, resume, import, export, sync",
            file=sys.stderr,
        )
        return 2

    return handler


@contextmanager
def opened_store(settings: Settings) -> Iterator[Store]:
    """The configured store, migrated to the newest schema (and its regions loaded) first."""
    with open_store(settings.database_url) as store:
        store.upgrade()
        seed_regions(store, settings)
        yield store


def _guard(action: str, fn: Handler) -> Handler:
    """Turn our error families into one stderr line and exit status 2."""

    def handler(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return fn(args, settings)
        except (FeedError, StoreError) as exc:
            print(f"newsbot feeds {action}: {exc}", file=sys.stderr)
            return 2

    return handler


async def _with_service(settings: Settings, store: Store, url: str, region: str | None) -> str:
    async with Fetcher(allow_private_urls=settings.allow_private_urls) as fetcher:
        added = await FeedService(store, fetcher).add(url, region)
    feed = added.feed
    label = f"#{feed.id} {feed.title or '(untitled)'} <{feed.url}>"
    if not added.created:
        return f"already present: {label}"
    where = f" (found on {added.discovered_from})" if added.discovered_from else ""
    region_text = f", region {feed.region_id}" if feed.region_id else ""
    return f"added feed {label}{where}{region_text}; {added.entries} entries now"


def _add(args: argparse.Namespace, settings: Settings) -> int:
    with opened_store(settings) as store:
        print(asyncio.run(_with_service(settings, store, args.url, args.region)))
    return 0


def _service(store: Store) -> FeedService:
    """The service for offline actions (no fetcher: they never touch the network)."""
    return FeedService(store)


def _list(_args: argparse.Namespace, settings: Settings) -> int:
    with opened_store(settings) as store:
        rows = _service(store).health()
    if not rows:
        print("no feeds yet: `newsbot feeds add URL` or `newsbot feeds sync`")
        return 0
    for feed, health in rows:
        region = feed.region_id or "-"
        print(f"#{feed.id:<4} {region:<10} {feed.url}")
        print(f"      {feed.title or '(untitled)'} — {health}")
    return 0


def _on_one_feed(
    args: argparse.Namespace,
    settings: Settings,
    action: str,
    apply: Callable[[FeedService, str], Feed | None],
    done: Callable[[Feed], str],
) -> int:
    """Apply `apply` to the feed named by id or URL; an unknown feed is exit status 2."""
    with opened_store(settings) as store:
        feed = apply(_service(store), args.feed)
    if feed is None:
        print(f"newsbot feeds {action}: no feed {args.feed!r}", file=sys.stderr)
        return 2
    print(done(feed))
    return 0


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    return _on_one_feed(
        args,
        settings,
        "remove",
        FeedService.remove,
        lambda feed: f"removed feed #{feed.id} <{feed.url}> (its articles stay)",
    )


def _resume(args: argparse.Namespace, settings: Settings) -> int:
    return _on_one_feed(
        args,
        settings,
        "resume",
        FeedService.resume,
        lambda feed: f"feed #{feed.id} is active again and will be checked at the next tick",
    )


def _import(args: argparse.Namespace, settings: Settings) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"newsbot feeds import: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    with opened_store(settings) as store:
        report = _service(store).import_opml(data)
    print(
        f"imported {args.file}: {report.added} added, {report.existing} already present, "
        f"{len(report.rejected)} rejected"
    )
    for line in report.rejected:
        print(f"  rejected {line}")
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    with opened_store(settings) as store:
        document = _service(store).export_opml(datetime.now(UTC))
    if args.file is None:
        sys.stdout.write(document)
        return 0
    try:
        args.file.write_text(document, encoding="utf-8")
    except OSError as exc:
        print(f"newsbot feeds export: cannot write {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {document.count('xmlUrl=')} feeds to {args.file}")
    return 0


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    path = args.file or settings.config_dir / "regions.toml"
    entries = load_regions(path)
    with opened_store(settings) as store:
        report = _service(store).sync_regions(entries)
    print(f"loaded {report.regions} regions from {path}; {report.feeds_added} feeds added")
    return 0
