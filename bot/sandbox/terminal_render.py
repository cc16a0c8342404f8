"""Telegram messages rendered for a terminal: styles as ANSI (or markdown-ish marks), links
as "text <url>", inline buttons as a numbered list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from bot.sandbox.records import Button, SentMessage

_ANSI = {
    "bold": ("\033[1m", "\033[22m"),
    "italic": ("\033[3m", "\033[23m"),
    "underline": ("\033[4m", "\033[24m"),
    "strikethrough": ("\033[9m", "\033[29m"),
    "code": ("\033[2m", "\033[22m"),
    "pre": ("\033[2m", "\033[22m"),
}
_PLAIN = {
    "bold": ("**", "**"),
    "italic": ("_", "_"),
    "strikethrough": ("~", "~"),
    "code": ("`", "`"),
    "pre": ("```\n", "\n```"),
}


def _utf16_index(text: str) -> dict[int, int]:
    """Map each UTF-16 offset that starts a character to its index in `text`."""
    positions: dict[int, int] = {}
    offset = 0
    for index, char in enumerate(text):
        positions[offset] = index
        offset += 2 if ord(char) > 0xFFFF else 1
    positions[offset] = len(text)
    return positions


def _marks(entity: Mapping[str, Any], text: str, color: bool) -> tuple[str, str]:
    kind = str(entity.get("type"))
    if kind == "text_link":
        url = str(entity.get("url", ""))
        return ("", "" if text == url else f" <{url}>")
    if kind in {"blockquote", "expandable_blockquote"}:
        return ("│ ", "")
    table = _ANSI if color else _PLAIN
    return table.get(kind, ("", ""))


def render_text(text: str, entities: tuple[Mapping[str, Any], ...], *, color: bool) -> str:
    """Apply entities to `text` as terminal styling."""
    positions = _utf16_index(text)
    opens: defaultdict[int, list[str]] = defaultdict(list)
    closes: defaultdict[int, list[str]] = defaultdict(list)
    for entity in entities:
        start = positions.get(int(entity.get("offset", 0)))
        end = positions.get(int(entity.get("offset", 0)) + int(entity.get("length", 0)))
        if start is None or end is None:
            continue
        before, after = _marks(entity, text[start:end], color)
        opens[start].append(before)
        closes[end].insert(0, after)
    pieces: list[str] = []
    for index in range(len(text) + 1):
        pieces.extend(closes.get(index, ()))
        pieces.extend(opens.get(index, ()))
        if index < len(text):
            pieces.append(text[index])
    return "".join(pieces)


def render_buttons(buttons: tuple[Button, ...], first_number: int = 1) -> str:
    """Buttons as "[1] Label  [2] Label"; link buttons show their URL."""
    labels = []
    for number, button in enumerate(buttons, start=first_number):
        label = f"[{number}] {button.text}"
        if button.url:
            label += f" <{button.url}>"
        labels.append(label)
    return "  ".join(labels)


def render_message(
    message: SentMessage, *, color: bool, edited: bool = False, raw_html: bool = False
) -> str:
    """A whole bot message: document line, text or caption, then its buttons row by row.

    With `raw_html` the text is shown exactly as the bot sent it (Telegram HTML), unrendered.
    """
    lines: list[str] = []
    if message.document:
        name = message.document.get("file_name", "document")
        size = message.document.get("file_size", 0)
        lines.append(f"📎 {name} ({size} bytes)")
    if raw_html and message.html:
        lines.append(message.html)
    elif message.text:
        lines.append(render_text(message.text, message.entities, color=color))
    number = 1
    for row in message.buttons:
        lines.append(render_buttons(row, number))
        number += len(row)
    body = "\n".join(lines)
    return f"(edited) {body}" if edited else body
