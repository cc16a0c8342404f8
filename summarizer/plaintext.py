"""Plain text and Markdown-ish text to blocks: lines, blank lines, '#' and '**' headings."""

from __future__ import annotations

import re

from summarizer.blocks import Block

_BLANK = re.compile(r"\n[ \t\u3000\xa0]*\n")
_ATX_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^(=+|-+)\s*$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)$")
_BULLET = re.compile(r"^(?:[-*+•·]\s+)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_TERMINAL = tuple('.!?。！？…"”’)）:：')
_WRAP_MIN = 40
_WRAP_MAX = 110
_LONG_LINE_WORDS = 12


def _inline(text: str) -> str:
    """Strip Markdown inline markup, keeping the visible text."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    return _EMPHASIS.sub(r"\2", text).strip()


def _width(line: str) -> int:
    """Display width: CJK characters take two columns."""
    return len(line) + sum(1 for ch in line if "\u2e80" <= ch <= "\u9fff")


def _continues(line: str, following: str) -> bool:
    """Tell whether ``following`` is the wrapped continuation of ``line`` (as in e-mail)."""
    if _width(line) < _WRAP_MIN or line.endswith(_TERMINAL):
        return False
    if _ATX_HEADING.match(following) or _SETEXT_RULE.match(following):
        return False
    first = following[:1]
    return first.islower() or len(line.split()) > _LONG_LINE_WORDS or _width(line) > _WRAP_MAX


def _join_wrapped(lines: list[str]) -> list[str]:
    joined: list[str] = []
    for line in lines:
        if joined and _continues(joined[-1].rsplit("\n", 1)[-1], line):
            joined[-1] += "\n" + line
        else:
            joined.append(line)
    return [_unwrap(item) for item in joined]


def _unwrap(text: str) -> str:
    """Join wrapped lines with a space, or with nothing between CJK characters."""
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        cjk_seam = _width(out[-1:]) == 2 and _width(part[:1]) == 2
        out += part if cjk_seam else " " + part
    return out


def _chunk_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for index, line in enumerate(_join_wrapped(lines)):
        heading = _ATX_HEADING.match(line)
        if heading:
            blocks.append(
                Block(_inline(heading.group(2)), marked=True, level=len(heading.group(1)))
            )
            continue
        if _SETEXT_RULE.match(line) and index > 0 and blocks and not blocks[-1].marked:
            # "Title\n=====" underlines the line before; "---" alone is a rule, dropped.
            level = 1 if line.startswith("=") else 2
            blocks[-1] = Block(blocks[-1].text, marked=True, level=level)
            continue
        if _SETEXT_RULE.match(line):
            continue
        bold = _BOLD_LINE.match(line)
        if bold:
            blocks.append(Block(_inline(bold.group(1)), marked=True, level=7))
            continue
        text = _inline(_BULLET.sub("", line))
        if text:
            blocks.append(Block(text))
    return blocks


def text_blocks(text: str) -> list[Block]:
    """Split text into blocks: one per line, except that wrapped lines are joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    for chunk in _BLANK.split(text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.extend(_chunk_blocks(lines))
    return blocks
