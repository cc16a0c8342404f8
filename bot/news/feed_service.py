"""Feed administration shared by the CLI and the bot: add (with discovery), remove, health, OPML."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from bot.i18n import DEFAULT_LANGUAGE, region_name
from bot.news.discover import discover_feeds
from bot.news.errors import FeedError, FeedNotFoundError, NotAFeedError
from bot.news.feeds import ParsedFeed, parse_feed
from bot.news.fetch import Fetcher, FetchResult
from bot.news.opml import OpmlFeed, export_opml, parse_opml
from bot.news.regions import RegionEntry, unknown_region_message
from bot.news.safety import check_scheme
from bot.store import Feed, Region, Store

MAX_DISCOVERED_TRIES = 3


@dataclass(frozen=True)
class AddedFeed:
    """The result of adding a feed: the stored feed, and the page it was discovered from."""

    feed: Feed
    created: bool
    discovered_from: str | None = None
    entries: int = 0


@dataclass(frozen=True)
class ImportReport:
    """What an OPML import did."""

    added: int
    existing: int
    rejected: tuple[str, ...]


@dataclass(frozen=True)
class SyncReport:
    """What loading the region catalogue did."""

    regions: int
    feeds_added: int


def normalize_input_url(raw: str) -> str:
    """Accept what admins type: trim, and assume https:// when no scheme is given."""
    url = raw.strip().strip("<>")
    if url and "://" not in url:
        url = "https://" + url
    check_scheme(url)
    return url


def describe_health(feed: Feed) -> str:
    """One line on a feed's health, in words."""
    if feed.state == "paused":
        return f"paused after {feed.error_count} failures: {feed.last_error or 'unknown error'}"
    if feed.error_count:
        return f"failing ({feed.error_count} in a row): {feed.last_error or 'unknown error'}"
    if feed.last_success_at is None:
        return "not checked yet"
    return f"ok, last success {feed.last_success_at:%Y-%m-%d %H:%M} UTC"


def region_for_category(category: str | None, regions: Iterable[Region]) -> str | None:
    """Match an OPML folder or category to a region by id or its name in any language."""
    if not category:
        return None
    wanted = category.strip().casefold()
    for region in regions:
        if wanted in {region.id.casefold(), *(name.casefold() for name in region.names.values())}:
            return region.id
    return None


class FeedService:
    """Feed commands over a store; network access through a (test-injectable) Fetcher."""

    def __init__(self, store: Store, fetcher: Fetcher | None = None) -> None:
        self.store = store
        self._fetcher = fetcher

    @property
    def fetcher(self) -> Fetcher:
        """The fetcher for commands that go to the network (add)."""
        if self._fetcher is None:
            raise FeedError("this feed service was created without network access")
        return self._fetcher

    def _check_region(self, region_id: str | None) -> None:
        if region_id is None or self.store.regions.get(region_id) is not None:
            return
        known = [region.id for region in self.store.regions.list()]
        raise FeedError(unknown_region_message(region_id, known))

    async def _try_feed(self, url: str) -> tuple[FetchResult, ParsedFeed]:
        result = await self.fetcher.get(url)
        parsed = await asyncio.to_thread(
            parse_feed, result.body, url=result.url, content_type=result.content_type
        )
        return result, parsed

    async def _discover(self, page: FetchResult) -> tuple[str, ParsedFeed]:
        candidates = discover_feeds(page.text(), page.url)
        if not candidates:
            raise FeedNotFoundError("no feed found: the page is HTML and links to no RSS or Atom")
        last_error: FeedError | None = None
        for candidate in candidates[:MAX_DISCOVERED_TRIES]:
            try:
                _, parsed = await self._try_feed(candidate)
            except FeedError as exc:
                last_error = exc
                continue
            return candidate, parsed
        raise FeedNotFoundError(f"the page links to a feed, but it failed: {last_error}")

    async def add(self, raw_url: str, region_id: str | None = None) -> AddedFeed:
        """Add a feed after checking it parses; a web page is searched for the feed it links to.

        Every store call runs in a worker thread: a slow or locked database never stalls the
        event loop that serves the other chats.
        """
        url = normalize_input_url(raw_url)
        await asyncio.to_thread(self._check_region, region_id)
        existing = await asyncio.to_thread(self.store.feeds.get_by_url, url)
        if existing is not None:
            return AddedFeed(feed=existing, created=False)
        discovered_from: str | None = None
        result = await self.fetcher.get(url)
        try:
            parsed = await asyncio.to_thread(
                parse_feed, result.body, url=result.url, content_type=result.content_type
            )
        except NotAFeedError:
            discovered_from = url
            url, parsed = await self._discover(result)
            existing = await asyncio.to_thread(self.store.feeds.get_by_url, url)
            if existing is not None:
                return AddedFeed(feed=existing, created=False, discovered_from=discovered_from)
        feed = await asyncio.to_thread(
            self.store.feeds.add, url, region_id=region_id, title=parsed.title
        )
        return AddedFeed(feed, True, discovered_from, entries=len(parsed.entries))

    def find(self, id_or_url: str) -> Feed | None:
        """A feed by numeric id or by URL."""
        key = id_or_url.strip()
        if key.isdigit():
            return self.store.feeds.get(int(key))
        feed = self.store.feeds.get_by_url(key)
        if feed is None and "://" not in key:
            feed = self.store.feeds.get_by_url("https://" + key)
        return feed

    def remove(self, id_or_url: str) -> Feed | None:
        """Remove a feed (its stored articles stay); returns the removed feed, None if unknown."""
        feed = self.find(id_or_url)
        if feed is None or not self.store.feeds.remove(feed.id):
            return None
        return feed

    def resume(self, id_or_url: str) -> Feed | None:
        """Un-pause a feed and check it at the next tick."""
        feed = self.find(id_or_url)
        if feed is None:
            return None
        return self.store.feeds.resume(feed.id)

    def health(self) -> list[tuple[Feed, str]]:
        """Every feed with a line describing its health."""
        return [(feed, describe_health(feed)) for feed in self.store.feeds.list()]

    def import_opml(
        self, data: bytes, progress: Callable[[int, int], None] | None = None
    ) -> ImportReport:
        """Add every feed of an OPML file; folders/categories naming a region tag its feeds."""
        outlines = parse_opml(data)
        regions = self.store.regions.list()
        added = existing = 0
        rejected: list[str] = []
        for done, outline in enumerate(outlines, start=1):
            try:
                url = normalize_input_url(outline.url)
            except FeedError as exc:
                rejected.append(f"{outline.url[:200]}: {exc}")
                continue
            if self.store.feeds.get_by_url(url) is not None:
                existing += 1
            else:
                region_id = region_for_category(outline.category, regions)
                self.store.feeds.add(url, region_id=region_id, title=outline.title)
                added += 1
            if progress is not None:
                progress(done, len(outlines))
        return ImportReport(added=added, existing=existing, rejected=tuple(rejected))

    def export_opml(self, now: datetime) -> str:
        """Every feed as OPML 2.0, one folder per region."""
        regions = self.store.regions.list()
        names = {region.id: region_name(region.names, DEFAULT_LANGUAGE) for region in regions}
        outlines = [
            OpmlFeed(url=feed.url, title=feed.title, category=feed.region_id)
            for feed in self.store.feeds.list()
        ]
        return export_opml(outlines, folder_names=names, now=now)

    def sync_regions(self, entries: Iterable[RegionEntry]) -> SyncReport:
        """Load the region catalogue into the store and add its feeds (existing ones untouched)."""
        count = added = 0
        for entry in entries:
            self.store.regions.upsert(entry.region)
            count += 1
            for url in entry.feeds:
                if self.store.feeds.get_by_url(url) is None:
                    self.store.feeds.add(url, region_id=entry.region.id)
                    added += 1
        return SyncReport(regions=count, feeds_added=added)
