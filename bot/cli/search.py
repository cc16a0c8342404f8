"""`newsbot search QUERY`: full-text search over stored articles, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from bot.news.regions import unknown_region_message
from bot.settings import Settings
from bot.store import SearchHit, Store, StoreError, open_store

MAX_LIMIT = 100


class _UsageError(ValueError):
    """A bad command-line value; the message is the whole explanation."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `search` subcommand."""
    parser = subparsers.add_parser("search", help="search stored articles")
    parser.add_argument("query", help="words to look for (any text; operators are not special)")
    parser.add_argument("--region", metavar="ID", help="only articles tagged with this region")
    parser.add_argument("--since", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    parser.add_argument("--until", metavar="DATE", help="published before (YYYY-MM-DD)")
    parser.add_argument("--limit", metavar="N", default="10", help="hits to show (default 10)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of hits")
    parser.set_defaults(handler=run)


def parse_when(raw: str, option: str) -> datetime:
    """Parse a date or an ISO 8601 date-time; naive values are UTC."""
    try:
        parsed = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise _UsageError(f"{option} must be a date like 2024-11-29, not {raw!r}") from None
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        return parsed.astimezone(UTC)
    return parsed.replace(tzinfo=UTC)


def _limit(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise _UsageError(f"--limit must be a whole number, not {raw!r}") from None
    if not 1 <= value <= MAX_LIMIT:
        raise _UsageError(f"--limit must be between 1 and {MAX_LIMIT}, not {value}")
    return value


def hit_json(hit: SearchHit) -> dict[str, Any]:
    """The JSON form of one hit."""
    article = hit.article
    return {
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published_at.isoformat(),
        "regions": list(article.regions),
        "summary": list(article.summary),
    }


def _print_text(hits: list[SearchHit], total: int, query: str) -> None:
    if not hits:
        print(f"no articles match {query!r}")
        return
    for number, hit in enumerate(hits, start=1):
        article = hit.article
        when = article.published_at.strftime("%Y-%m-%d %H:%M UTC")
        facts = " · ".join(
            part for part in (article.source, when, ", ".join(article.regions)) if part
        )
        print(f"{number}. {article.title}\n   {facts}\n   {article.url}")
        if hit.snippet:
            print(f"   {hit.snippet}")
    print(f"{len(hits)} of {total} matching articles")


def _search(store: Store, args: argparse.Namespace) -> tuple[list[SearchHit], int]:
    if not store.is_up_to_date():
        raise StoreError("the database is not migrated: run `newsbot db upgrade` first")
    if args.region is not None and store.regions.get(args.region) is None:
        known = [region.id for region in store.regions.list()]
        raise _UsageError(unknown_region_message(args.region, known))
    page = store.search.search(
        args.query,
        region_id=args.region,
        since=parse_when(args.since, "--since") if args.since else None,
        until=parse_when(args.until, "--until") if args.until else None,
        limit=_limit(args.limit),
    )
    return page.hits, page.total


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Search and print the hits; exit status 2 on bad arguments, 1 on database trouble."""
    try:
        with open_store(settings.database_url) as store:
            hits, total = _search(store, args)
    except _UsageError as exc:
        print(f"newsbot search: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"newsbot search: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([hit_json(hit) for hit in hits], ensure_ascii=False, indent=2))
    else:
        _print_text(hits, total, args.query)
    return 0
