"""Pure parsing of `/alert` arguments: words, an optional trailing region, or `off <id|words>`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.chat.arguments import match_region
from bot.digest.alerts import alert_groups
from bot.store import Region

MAX_WORDS_CHARS = 100
OFF_WORDS = frozenset({"off", "remove", "delete", "关闭", "删除", "取消"})


@dataclass(frozen=True)
class NewAlert:
    """Set an alert for these words, in one region or (None) any."""

    words: str
    region: Region | None


@dataclass(frozen=True)
class RemoveAlert:
    """Remove an alert by its id, or every alert with these words."""

    alert_id: int | None
    words: str


@dataclass(frozen=True)
class AlertProblem:
    """The message key explaining why the arguments cannot be used."""

    key: str


AlertRequest = NewAlert | RemoveAlert | AlertProblem


def same_words(a: str, b: str) -> bool:
    """Alert words compared as a reader would: spacing and case do not matter."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse_alert(words: Sequence[str], regions: Sequence[Region]) -> AlertRequest:
    """Understand `metro`, `metro line taiyuan`, `off 3`, `off #3`, `off metro line`."""
    if not words:
        return AlertProblem("usage_alert")
    if words[0].casefold() in OFF_WORDS:
        return _removal(words[1:])
    region: Region | None = None
    body = list(words)
    # A region named at the end (one or two words: "Hong Kong") narrows the alert to it.
    for size in (2, 1):
        if len(body) > size:
            found = match_region(" ".join(body[-size:]), regions)
            if found is not None:
                region, body = found, body[:-size]
                break
    text = " ".join(body)
    if len(text) > MAX_WORDS_CHARS:
        return AlertProblem("alert_too_long")
    if not alert_groups(text):
        return AlertProblem("alert_bad_words")
    return NewAlert(text, region)


def _removal(rest: Sequence[str]) -> AlertRequest:
    if not rest:
        return AlertProblem("usage_alert_off")
    text = " ".join(rest)
    digits = text.lstrip("#")
    if len(rest) == 1 and digits.isascii() and digits.isdigit() and len(digits) <= 12:
        return RemoveAlert(int(digits), "")
    if len(text) > MAX_WORDS_CHARS:
        return AlertProblem("alert_too_long")
    return RemoveAlert(None, text)
