"""A tiny model of Telegram HTML: styled spans in lines in blocks, rendered fully escaped.

A span's text is escaped when rendered, unless it is `Html` (a translated message, whose values
were escaped when it was filled in and which holds no tags).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

from bot.i18n import Html

Style = Literal["", "b", "i", "a"]
TELEGRAM_LIMIT = 4096


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# Lone surrogates cannot be sent as UTF-8 and control characters are refused by Telegram;
# each becomes one replacement character of the same width, so measured lengths still hold.
_UNSENDABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f]")


def sendable(text: str) -> str:
    """Replace what Telegram cannot take (lone surrogates, control characters) with U+FFFD."""
    return _UNSENDABLE.sub("\ufffd", text)


@dataclass(frozen=True)
class Span:
    """A run of text in one style; `href` only for links."""

    text: str
    style: Style = ""
    href: str = ""

    def html(self) -> str:
        """The span as Telegram HTML, text escaped with quote=False, the URL as an attribute."""
        text = sendable(self.text)
        body = text if isinstance(self.text, Html) else html.escape(text, quote=False)
        if self.style == "a":
            return f'<a href="{html.escape(sendable(self.href), quote=True)}">{body}</a>'
        if self.style:
            return f"<{self.style}>{body}</{self.style}>"
        return body

    def overhead(self) -> int:
        """UTF-16 units the tags add around the escaped text."""
        return utf16_len(Span("", self.style, self.href).html())

    def with_text(self, text: str) -> Span:
        """The same style around other text."""
        return Span(text, self.style, self.href)


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Block:
    """Lines that belong together (a heading, a story); parts break between blocks if they can."""

    lines: tuple[Line, ...]

    def html(self) -> str:
        """The block as Telegram HTML, lines joined by newlines."""
        return "\n".join(line_html(line) for line in self.lines)


def line_html(line: Line) -> str:
    """A line as Telegram HTML."""
    return "".join(span.html() for span in line)


def plain(text: str) -> Span:
    """An unstyled span."""
    return Span(text)


def bold(text: str) -> Span:
    """A bold span."""
    return Span(text, "b")


def italic(text: str) -> Span:
    """An italic span."""
    return Span(text, "i")


def link(text: str, href: str) -> Span:
    """A link span; a URL too long to link at all stays plain text rather than break a part."""
    if utf16_len(html.escape(href, quote=True)) > TELEGRAM_LIMIT // 2:
        return Span(text)
    return Span(text, "a", href)
