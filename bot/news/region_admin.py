"""Regions that admins own: add, edit, remove (telling subscribers), and the first load."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.news.regions import (
    InvalidRegionError,
    UnknownRegionError,
    build_region,
    check_timezone,
    load_regions,
)
from bot.store import Region, Store

log = logging.getLogger(__name__)

NoticeText = Callable[[str, Region], str]
"""The notice for subscribers of a removed region, in an interface language."""


@dataclass(frozen=True)
class RegionEdit:
    """Fields to change on a region; None leaves a field as it is.

    `names` renames the region in the languages it lists; an empty name removes a language's
    own name (the English one is then shown), except English's, which is required.
    """

    names: Mapping[str, str] = field(default_factory=dict)
    places: tuple[str, ...] | None = None
    timezone: str | None = None

    def is_empty(self) -> bool:
        """True when nothing would change."""
        return not self.names and self.places is None and self.timezone is None


@dataclass(frozen=True)
class RemovedRegion:
    """A removed region and how many subscriber destinations were told."""

    region: Region
    notified: int


class RegionAdmin:
    """Region commands over a store, shared by `newsbot regions` and the admin bot commands."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def known_ids(self) -> list[str]:
        """Every region id, sorted."""
        return [region.id for region in self.store.regions.list()]

    def require(self, region_id: str) -> Region:
        """The region with this id, or an error listing the known ones and how to add one."""
        region = self.store.regions.get(region_id)
        if region is None:
            raise UnknownRegionError(region_id, self.known_ids())
        return region

    def add(
        self,
        region_id: str,
        names: Mapping[str, str],
        places: Iterable[str] = (),
        timezone: str | None = None,
    ) -> Region:
        """Add a new region (checked like the catalogue file); an existing id is refused."""
        region = build_region(region_id, names, places, timezone)
        if self.store.regions.get(region.id) is not None:
            raise InvalidRegionError(
                f"region {region.id!r} exists already; change it with `regions edit` or /editregion"
            )
        return self.store.regions.upsert(region)

    def edit(self, region_id: str, change: RegionEdit) -> Region:
        """Change some fields of a region; the result is checked like a new one."""
        current = self.require(region_id)
        if change.is_empty():
            raise InvalidRegionError("nothing to change: give a name, places or a time zone")
        region = build_region(
            current.id,
            {**current.names, **change.names},
            change.places if change.places is not None else current.places,
            check_timezone(change.timezone) if change.timezone is not None else current.timezone,
        )
        return self.store.regions.upsert(region)

    def subscriber_count(self, region_id: str) -> int:
        """How many destinations (chats, forum topics) follow the region."""
        return len(self.store.chats.subscribers(region_id))

    def remove(self, region_id: str, notice: NoticeText, now: datetime) -> RemovedRegion:
        """Remove a region and queue a notice to each destination that followed it.

        Feeds of the region stay (without a region); articles lose the tag.
        """
        region = self.require(region_id)
        followers = self.store.chats.subscribers(region.id)
        by_language: dict[str, list[tuple[int, int]]] = {}
        for chat in followers:
            by_language.setdefault(chat.language, []).append((chat.chat_id, chat.thread_id))
        self.store.regions.remove(region.id)
        notified = 0
        for language, destinations in sorted(by_language.items()):
            key = f"notice:region-removed:{region.id}:{language}:{now.isoformat()}"
            notified += self.store.outbox.queue_notice(
                key, notice(language, region), destinations, now
            )
        log.info("region %s removed; %d subscriber destinations told", region.id, notified)
        return RemovedRegion(region=region, notified=notified)


def seed_regions(store: Store, catalogue: Path) -> int:
    """Load the catalogue's regions into a store that has none yet; returns how many.

    Regions only: the feeds the file lists are added by `newsbot feeds sync`, deliberately.
    A store that has regions is left alone, so admins' changes are never overwritten.
    """
    if store.regions.count() or not catalogue.is_file():
        return 0
    entries = load_regions(catalogue)
    for entry in entries:
        store.regions.upsert(entry.region)
    return len(entries)
