"""Compact, validated callback data for inline buttons (Telegram allows at most 64 bytes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_REGION_ID = r"[a-z0-9][a-z0-9_-]{0,39}"
_SETTINGS_ACTIONS = ("lang", "len", "pause", "resume", "time", "tz", "kw", "sched", "quiet")


@dataclass(frozen=True)
class Subscribe:
    """Follow a region."""

    region_id: str


@dataclass(frozen=True)
class Unsubscribe:
    """Stop following a region."""

    region_id: str


@dataclass(frozen=True)
class SettingsAction:
    """One of the /settings buttons."""

    action: str


@dataclass(frozen=True)
class SearchPage:
    """Show page `page` (0-based) of the remembered search `search_id`."""

    search_id: str
    page: int


@dataclass(frozen=True)
class SummaryOf:
    """Summarize the stored article `article_id`."""

    article_id: int


@dataclass(frozen=True)
class RemoveRegion:
    """An admin confirms removing a region that chats follow."""

    region_id: str


@dataclass(frozen=True)
class KeepRegion:
    """An admin cancels removing a region."""

    region_id: str


@dataclass(frozen=True)
class RemoveAlert:
    """Remove alert `alert_id` of the chat the button is in."""

    alert_id: int


Callback = (
    Subscribe
    | Unsubscribe
    | SettingsAction
    | SearchPage
    | SummaryOf
    | RemoveRegion
    | KeepRegion
    | RemoveAlert
)

_PATTERNS: tuple[tuple[re.Pattern[str], type], ...] = (
    (re.compile(rf"sub:({_REGION_ID})"), Subscribe),
    (re.compile(rf"uns:({_REGION_ID})"), Unsubscribe),
    (re.compile(rf"set:({'|'.join(_SETTINGS_ACTIONS)})"), SettingsAction),
    (re.compile(r"sp:([0-9a-f]{8}):(\d{1,4})"), SearchPage),
    (re.compile(r"sum:(\d{1,12})"), SummaryOf),
    (re.compile(rf"rmr:({_REGION_ID})"), RemoveRegion),
    (re.compile(rf"kpr:({_REGION_ID})"), KeepRegion),
    (re.compile(r"alr:rm:(\d{1,12})"), RemoveAlert),
)


def encode(callback: Callback) -> str:
    """Serialize a callback for an inline button."""
    match callback:
        case Subscribe(region_id):
            return f"sub:{region_id}"
        case Unsubscribe(region_id):
            return f"uns:{region_id}"
        case SettingsAction(action):
            return f"set:{action}"
        case SearchPage(search_id, page):
            return f"sp:{search_id}:{page}"
        case SummaryOf(article_id):
            return f"sum:{article_id}"
        case RemoveRegion(region_id):
            return f"rmr:{region_id}"
        case KeepRegion(region_id):
            return f"kpr:{region_id}"
        case RemoveAlert(alert_id):
            return f"alr:rm:{alert_id}"
    raise TypeError(f"not a callback: {callback!r}")  # pragma: no cover


def decode(data: str | None) -> Callback | None:
    """Parse callback data; anything not produced by `encode` gives None."""
    if not data or len(data) > 64:
        return None
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(data)
        if match is None:
            continue
        if kind is SearchPage:
            return SearchPage(match.group(1), int(match.group(2)))
        if kind is SummaryOf:
            return SummaryOf(int(match.group(1)))
        if kind is RemoveAlert:
            return RemoveAlert(int(match.group(1)))
        result: Callback = kind(match.group(1))
        return result
    return None


def region_id_is_encodable(region_id: str) -> bool:
    """True when a region id fits the callback grammar (so it can get a button)."""
    return re.fullmatch(_REGION_ID, region_id) is not None
