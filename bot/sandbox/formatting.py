"""Message text as Telegram stores it: parsed, trimmed, measured, with detected entities."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.telegram_html import HtmlParseError, parse_html, utf16_len

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
_TRIMMED = " \t\r\n"

# What Telegram highlights by itself in a user's message; PTB's CommandHandler needs the
# bot_command entity, and link handlers usually filter on the url entity.
_DETECTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "bot_command",
        re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])"),
    ),
    (
        "url",
        re.compile(
            r"(?<![\w@/.])(?:https?://[^\s<>\"]+|(?:[\w-]+\.)+[a-z]{2,}(?:/[^\s<>\"]*)?)",
            re.IGNORECASE,
        ),
    ),
    ("mention", re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,32}(?!\w)")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d_]\w*")),
)
_TRAILING_PUNCTUATION = ".,;:!?)]}'\""


@dataclass(frozen=True)
class FormattedText:
    """A text after Telegram's parsing: what clients display plus its entities."""

    text: str
    entities: tuple[dict[str, Any], ...]
    source: str
    parse_mode: str | None


def format_outgoing(
    source: str | None,
    parse_mode: str | None,
    entities: Sequence[dict[str, Any]] | None,
    *,
    caption: bool = False,
) -> FormattedText:
    """Validate a text the bot sends; raise Telegram's 400 for bad markup, length or emptiness."""
    raw = source or ""
    mode = (parse_mode or "").strip()
    parsed: list[dict[str, Any]] = [dict(e) for e in entities or ()]
    if mode.lower() == "html":
        try:
            raw_text, parsed = parse_html(raw)
        except HtmlParseError as err:
            raise bad_request(f"can't parse entities: {err}") from None
    elif mode.lower() in {"", "markdown", "markdownv2"}:
        # Markdown is accepted verbatim; this project sends HTML only.
        raw_text = raw
    else:
        raise bad_request("unsupported parse_mode")
    text, kept = _trim(raw_text, parsed)
    limit = CAPTION_LIMIT if caption else MESSAGE_LIMIT
    if not caption and not text:
        raise bad_request("message text is empty")
    if utf16_len(text) > limit:
        raise bad_request("message caption is too long" if caption else "message is too long")
    return FormattedText(text, tuple(kept), raw, mode or None)


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    stripped = text.strip(_TRIMMED)
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip(_TRIMMED))])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


def detect_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram itself adds to a user's message: commands, links, mentions, tags."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DETECTORS:
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if kind == "url":
                end = start + len(match.group().rstrip(_TRAILING_PUNCTUATION))
            if end <= start or any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]
