"""Heading detection: marked headings, numbered headings, and short unpunctuated lines."""

from __future__ import annotations

import re

from summarizer.blocks import Block

_CN_NUMBER = "一二三四五六七八九十百零〇"
_NUMBERED = re.compile(
    rf"^(?:\d{{1,2}}(?:\.\d{{1,2}})*[.、)）]|[{_CN_NUMBER}]+[、.．]|[（(][{_CN_NUMBER}\d]+[）)]"
    rf"|第[{_CN_NUMBER}\d]+(?:部分|章|节|篇|条|单元|讲))\s*(?=\S)"
)
_NO_HEADING_END = tuple(".!?;:,…。！？；：，、")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_CLOSERS = ")）]】\"”’」』'"
_DIGIT = re.compile(r"\d")
_ADDRESS = re.compile(r"https?://|www\.\w", re.IGNORECASE)
_MAX_WORDS = 12
_MAX_CJK_CHARS = 30
_MAX_BOLD_WORDS = 20


def _size(text: str) -> tuple[int, int]:
    """Return (words, CJK characters) of a line."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()), cjk


def is_short_line(text: str, words: int = _MAX_WORDS, cjk_chars: int = _MAX_CJK_CHARS) -> bool:
    """Tell whether a line is short enough to be a heading or a title."""
    word_count, cjk = _size(text)
    return word_count + cjk / 2 <= words if cjk == 0 else cjk + word_count * 2 <= cjk_chars


def _is_headline_shaped(text: str) -> bool:
    stripped = text.strip()
    # "(A sentence in brackets.)" and '"A quoted one?"' end as sentences do.
    if not stripped or stripped.rstrip(_CLOSERS).endswith(_NO_HEADING_END):
        return False
    if _ADDRESS.search(stripped):
        return False  # a line holding a web address points somewhere; it heads nothing
    tokens = _NUMBERED.sub("", stripped).split()  # "1. Background" is numbered, not figures
    if 2 * sum(1 for t in tokens if _DIGIT.search(t)) >= len(tokens) > 1:
        return False  # figures with a word or two ("4.000% $822.57 Details") are a table row
    if not _HAS_LETTER.search(stripped):
        return False
    first_letter = _HAS_LETTER.search(stripped)
    return not (first_letter and first_letter.group().islower())


def is_paragraph_like(block: Block) -> bool:
    """Tell whether a block reads like body text rather than another heading."""
    if block.marked:
        return False
    text = block.text.strip()
    return (
        text.endswith(_NO_HEADING_END)
        or text.endswith(('"', "”", "’", ")", "）"))
        or (not is_short_line(text))
    )


def is_numbered_heading(text: str) -> bool:
    """Tell whether a line is a short numbered heading: "1. Scope", "一、", "（二）", "第三部分"."""
    return bool(_NUMBERED.match(text)) and is_short_line(text, 16, 40) and _is_headline_shaped(text)


def is_heading(block: Block, following: Block | None, previous: Block | None = None) -> bool:
    """Decide whether ``block`` is a heading, given its neighbours (None at either end).

    An unmarked short line is a heading only between body text (or a heading, or the
    start) and a paragraph; a run of short lines is a list, not headings.
    """
    text = block.text.strip()
    if block.marked:
        if block.level <= 6:
            return bool(text)
        # A bold-only paragraph is a heading only when it is short and not a sentence.
        return is_short_line(text, _MAX_BOLD_WORDS, 40) and _is_headline_shaped(text)
    if following is None:
        return False
    if is_numbered_heading(text):
        return True
    if previous is not None and not previous.marked and not is_paragraph_like(previous):
        return False
    return _is_headline_shaped(text) and is_short_line(text) and is_paragraph_like(following)
