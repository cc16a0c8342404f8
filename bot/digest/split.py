"""Pack blocks into messages below Telegram's limit, splitting oversized ones at safe points.

Parts break between blocks when possible; a block too long for one message breaks between
lines, a line between spans, a span between sentences, then words, then characters. Every
piece keeps its style, so each message's tags stay balanced and no text is ever dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.digest.markup import Block, Line, Span, line_html, utf16_len
from bot.i18n import Html

_SENTENCE = re.compile(r".+?(?:[.!?…]+[\"'”’)\]]*\s+|[。！？；]+[”’」』）]*\s*|\Z)", re.DOTALL)
_WORD = re.compile(r"\S+\s*|\s+")


def pack(blocks: Sequence[Block], limit: int, gap: str = "\n\n") -> list[str]:
    """Join blocks with `gap` into messages of at most `limit` UTF-16 units each.

    A block that fits in no message by itself continues the current one line by line.
    """
    parts: list[str] = []
    current = ""
    for block in blocks:
        text = block.html()
        if utf16_len(text) <= limit:
            pieces, joiner = [text], gap
        else:
            pieces, joiner = split_block(block, limit), "\n"
        for index, piece in enumerate(pieces):
            separator = gap if index == 0 else joiner
            joined = f"{current}{separator}{piece}" if current else piece
            if utf16_len(joined) <= limit:
                current = joined
                continue
            if current:
                parts.append(current)
            current = piece
    if current:
        parts.append(current)
    return parts


def split_block(block: Block, limit: int) -> list[str]:
    """An oversized block as HTML lines of at most `limit` units, long lines broken safely."""
    lines: list[str] = []
    for line in block.lines:
        text = line_html(line)
        if utf16_len(text) <= limit:
            lines.append(text)
        else:
            lines.extend(line_html(piece) for piece in split_line(line, limit))
    return lines


def split_line(line: Line, limit: int) -> list[Line]:
    """Break a line into lines of at most `limit` units, never inside a tag or an entity."""
    result: list[Line] = []
    current: list[Span] = []
    size = 0
    for span in line:
        for piece in _split_span(span, limit):
            width = utf16_len(piece.html())
            if current and size + width > limit:
                result.append(tuple(current))
                current, size = [], 0
            current.append(piece)
            size += width
    if current:
        result.append(tuple(current))
    return result


def _split_span(span: Span, limit: int) -> list[Span]:
    if utf16_len(span.html()) <= limit:
        return [span]
    if isinstance(span.text, Html):  # escaped already and free of tags: cut it as plain text
        span = span.with_text(html.unescape(span.text))
    budget = limit - span.overhead()
    if budget < 16:  # absurdly long link target: keep the words, drop the styling
        return _split_span(Span(span.text), limit)
    return [span.with_text(chunk) for chunk in chunk_text(span.text, budget)]


def chunk_text(text: str, budget: int) -> list[str]:
    """Cut text into chunks whose escaped width fits `budget`; the chunks join back to `text`."""
    chunks: list[str] = []
    current = ""
    for token in _tokens(text, budget):
        if current and _width(current + token) > budget:
            chunks.append(current)
            current = ""
        current += token
    if current:
        chunks.append(current)
    return chunks


def _tokens(text: str, budget: int) -> list[str]:
    tokens: list[str] = []
    for sentence in _SENTENCE.findall(text):
        if _width(sentence) <= budget:
            tokens.append(sentence)
            continue
        for word in _WORD.findall(sentence):
            if _width(word) <= budget:
                tokens.append(word)
            else:
                tokens.extend(word)  # single characters: the last resort
    return [t for t in tokens if t]


def _width(text: str) -> int:
    return utf16_len(html.escape(text, quote=False))
