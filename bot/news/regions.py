"""The region catalogue (config/regions.toml) and tagging articles with the regions they mention."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bot.news.errors import FeedError
from bot.store import Region

_REGION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


MAX_NAME_CHARS = 200
MAX_PLACES = 200
MAX_PLACE_CHARS = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
HOW_TO_ADD = "add it with `newsbot regions add ID --name-en NAME --name-zh NAME` or /addregion"
NAME_FIELD = "name_{language}"
"""How a name in one language is called in the catalogue file, the CLI and /editregion."""
HOW_TO_LOAD = "`newsbot db upgrade` loads config/regions.toml into an empty catalogue"


class InvalidRegionError(FeedError):
    """A region's fields break a rule (id, names, places, time zone); the message says which."""


class RegionConfigError(InvalidRegionError):
    """config/regions.toml cannot be used; the message names the entry."""


class UnknownRegionError(InvalidRegionError):
    """A region id that is not in the catalogue; keeps the id and the known ones for a chat."""

    def __init__(self, region_id: str, known: Sequence[str]) -> None:
        super().__init__(unknown_region_message(region_id, known))
        self.region_id = region_id
        self.known = tuple(known)


def unknown_region_message(region_id: str, known: Sequence[str]) -> str:
    """The error for a region id that is not in the catalogue: the known ids, how to add one."""
    if not known:
        return f"unknown region {region_id!r} (known: none yet); {HOW_TO_LOAD}, or {HOW_TO_ADD}"
    return f"unknown region {region_id!r} (known: {', '.join(known)}); {HOW_TO_ADD}"


def _name(value: object, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRegionError(f"{field} is required")
    name = value.strip()
    if len(name) > MAX_NAME_CHARS or _CONTROL.search(name):
        raise InvalidRegionError(f"{field} must be one line of at most {MAX_NAME_CHARS} characters")
    return name


def check_timezone(value: str | None) -> str | None:
    """An IANA time zone name as given (None stays None); anything else is refused."""
    if value is None or not value.strip():
        return None
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidRegionError(
            f"timezone {name!r} is not an IANA time zone (for example Asia/Shanghai)"
        ) from None
    return name


def check_names(names: Mapping[str, object]) -> dict[str, str]:
    """Names per interface language, each one line; English is required, empty ones dropped."""
    unknown = sorted(language for language in names if language not in LANGUAGES)
    if unknown:
        raise InvalidRegionError(
            f"no interface language {', '.join(unknown)} (known: {', '.join(LANGUAGES)})"
        )
    checked = {DEFAULT_LANGUAGE: _name(names.get(DEFAULT_LANGUAGE), f"name_{DEFAULT_LANGUAGE}")}
    for language, value in names.items():
        if language != DEFAULT_LANGUAGE and not (isinstance(value, str) and not value.strip()):
            checked[language] = _name(value, NAME_FIELD.format(language=language))
    return checked


def build_region(
    region_id: object,
    names: Mapping[str, object],
    places: Iterable[str] = (),
    timezone: str | None = None,
) -> Region:
    """A region checked by the rules of the catalogue file, for every way of making one.

    A language without a name shows the English one.
    """
    if not isinstance(region_id, str) or not _REGION_ID.match(region_id):
        raise InvalidRegionError(
            "id must be 1-64 lowercase letters, digits, - or _, starting with a letter or digit"
        )
    cleaned = tuple(dict.fromkeys(place.strip() for place in places if place.strip()))
    if len(cleaned) > MAX_PLACES:
        raise InvalidRegionError(f"at most {MAX_PLACES} place names")
    for place in cleaned:
        if len(place) > MAX_PLACE_CHARS or _CONTROL.search(place):
            raise InvalidRegionError(
                f"place {place[:40]!r} must be one line of at most {MAX_PLACE_CHARS} characters"
            )
    return Region(
        id=region_id,
        names=check_names({k: v for k, v in names.items() if v is not None}),
        places=cleaned,
        timezone=check_timezone(timezone),
    )


def split_places(text: str) -> tuple[str, ...]:
    """Place names typed as one line: separated by commas (`,` or `，`) or semicolons."""
    return tuple(part.strip() for part in re.split(r"[,，;；]", text) if part.strip())


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


def _names(raw: dict[str, object], where: str) -> dict[str, object]:
    """`names = { en = "...", zh = "..." }`, or one `name_<language>` key per language."""
    table = raw.get("names", {})
    if not isinstance(table, dict):
        raise RegionConfigError(f'{where}: names must be a table such as {{ en = "Taiyuan" }}')
    names: dict[str, object] = dict(table)
    for key, value in raw.items():
        if key.startswith("name_"):
            names.setdefault(key.removeprefix("name_"), value)
    return names


def _entry(raw: object, index: int) -> RegionEntry:
    where = f"region #{index + 1}"
    if not isinstance(raw, dict):
        raise RegionConfigError(f"{where}: expected a table")
    region_id = raw.get("id")
    if isinstance(region_id, str) and _REGION_ID.match(region_id):
        where = f"region {region_id!r}"
    places = _strings(raw.get("places"), where, "places")
    timezone = raw.get("timezone")
    if timezone is not None and not isinstance(timezone, str):
        raise RegionConfigError(f"{where}: timezone must be a string")
    try:
        region = build_region(region_id, _names(raw, where), places, timezone)
    except RegionConfigError:
        raise
    except InvalidRegionError as exc:
        raise RegionConfigError(f"{where}: {exc}") from None
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
            pattern = _place_pattern((*region.places, *region.names.values()))
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
