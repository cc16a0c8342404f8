"""Pure parsing of command arguments: regions by name, summary targets, links, channels."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.store import Region

MAX_ARGUMENT_CHARS = 1000
_URL = re.compile(r"https?://[^\s<>\"'`\x00-\x1f\x7f]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}>»”’。，；：！？）】"


@dataclass(frozen=True)
class LinkTarget:
    """Summarize the page at this URL."""

    url: str


@dataclass(frozen=True)
class ArticleTarget:
    """Summarize the stored article with this id."""

    article_id: int


@dataclass(frozen=True)
class RegionTarget:
    """Show today's top stories of this region."""

    region: Region


SummaryTarget = LinkTarget | ArticleTarget | RegionTarget


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_region(query: str, regions: Iterable[Region]) -> Region | None:
    """Find a region by id or its name in any language, ignoring case and spacing."""
    key = _fold(query)
    if not key:
        return None
    for region in regions:
        if key in {_fold(region.id), *(_fold(name) for name in region.names.values())}:
            return region
    return None


def find_url(text: str | None) -> str | None:
    """Return the first http(s) link in `text`, without trailing punctuation."""
    if not text:
        return None
    match = _URL.search(text)
    if match is None:
        return None
    return match.group(0).rstrip(_TRAILING) or None


def summary_target(text: str, regions: Sequence[Region]) -> SummaryTarget | None:
    """Decide what `/summary <text>` asks for: a link, a stored article id or a region."""
    stripped = text.strip()
    if not stripped:
        return None
    url = find_url(stripped)
    if url is not None:
        return LinkTarget(url)
    digits = stripped.lstrip("#")
    if digits.isascii() and digits.isdigit() and len(digits) <= 12:
        return ArticleTarget(int(digits))
    region = match_region(stripped, regions)
    if region is not None:
        return RegionTarget(region)
    return None


def channel_handle(text: str) -> str | None:
    """Accept "@name" or a numeric channel id ("-100..."); anything else is not a channel."""
    value = text.strip()
    if re.fullmatch(r"@[A-Za-z][A-Za-z0-9_]{3,31}", value):
        return value
    if re.fullmatch(r"-100\d{5,15}", value):
        return value
    return None
