"""The region catalogue (config/regions.toml) and tagging articles with the regions they mention."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.news.errors import FeedError
from bot.store.records import Region

_REGION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


class RegionConfigError(FeedError):
    """config/regions.toml cannot be used; the message names the entry."""


@dataclass(frozen=True)
class RegionEntry:
    """One region of the catalogue file: the stored Region plus the feeds configured for it."""

    region: Region
    feeds: tuple[str, ...] = ()


def _strings(raw: object, where: str, field: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise RegionConfigError(f"{where}: {field} must be a list of strings")
    return tuple(item.strip() for item in raw if item.strip())


def _entry(raw: object, index: int) -> RegionEntry:
    where = f"region #{index + 1}"
    if not isinstance(raw, dict):
        raise RegionConfigError(f"{where}: expected a table")
    region_id = raw.get("id")
    if not isinstance(region_id, str) or not _REGION_ID.match(region_id):
        raise RegionConfigError(f"{where}: id must be lowercase letters, digits, - or _")
    where = f"region {region_id!r}"
    name_en, name_zh = raw.get("name_en"), raw.get("name_zh")
    if not isinstance(name_en, str) or not isinstance(name_zh, str):
        raise RegionConfigError(f"{where}: name_en and name_zh are required strings")
    places = _strings(raw.get("places"), where, "places")
    region = Region(id=region_id, name_en=name_en, name_zh=name_zh, places=places)
    return RegionEntry(region=region, feeds=_strings(raw.get("feeds"), where, "feeds"))


def parse_regions(text: str) -> tuple[RegionEntry, ...]:
    """Parse the catalogue's TOML text (`[[region]]` tables); ids must be unique."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegionConfigError(f"regions file is not valid TOML: {exc}") from None
    raw_regions = document.get("region", [])
    if not isinstance(raw_regions, list):
        raise RegionConfigError("regions file: use [[region]] tables")
    entries = tuple(_entry(raw, index) for index, raw in enumerate(raw_regions))
    ids = [entry.region.id for entry in entries]
    duplicates = sorted({rid for rid in ids if ids.count(rid) > 1})
    if duplicates:
        raise RegionConfigError(f"regions file: duplicate id(s) {', '.join(duplicates)}")
    return entries


def load_regions(path: Path) -> tuple[RegionEntry, ...]:
    """Read and parse a regions file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegionConfigError(f"cannot read {path}: {exc.strerror}") from None
    return parse_regions(text)


def _place_pattern(places: Iterable[str]) -> re.Pattern[str] | None:
    """One regex per region: CJK names match as substrings, Latin names on word boundaries."""
    alternatives: list[str] = []
    for place in sorted(set(places), key=len, reverse=True):
        escaped = re.escape(place)
        alternatives.append(escaped if _CJK.search(place) else rf"(?<!\w){escaped}(?!\w)")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


class RegionTagger:
    """Tags a text with every region whose place names it mentions."""

    def __init__(self, regions: Iterable[Region]) -> None:
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        for region in regions:
            pattern = _place_pattern((*region.places, region.name_en, region.name_zh))
            if pattern is not None:
                self._patterns.append((region.id, pattern))

    def tag(self, title: str, text: str, feed_region: str | None = None) -> tuple[str, ...]:
        """The feed's region first, then every region named in the title or text."""
        found: list[str] = [feed_region] if feed_region else []
        haystack = f"{title}\n{text}"
        for region_id, pattern in self._patterns:
            if region_id not in found and pattern.search(haystack):
                found.append(region_id)
        return tuple(found)
