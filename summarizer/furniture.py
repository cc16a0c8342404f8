"""Page furniture in the text: date and time lines, member statistics, lines repeated by template.

Forums, comment threads and portals put the same furniture around every post: a date line
("17. März 2020", "V.I.P. 17.03.2020, 21:44"), a timestamp ("Posted by X on Aug 10, 2014,
10:31 AM"), member statistics ("Beiträge: 5.539", "Activity: 2226 Merit: 3414"), and lines
that recur with only their numbers changed. They are told by their shape in any language
(calendar names come from CLDR, see `summarizer.dates`), never by their words; they are never
headings, titles or text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from summarizer.blocks import Block
from summarizer.dates import CLOCK, calendar, calendar_share

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = tuple('.!?。！？…"”’」』।؟')
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_COLON = re.compile(r"\s*[:：]\s*")
_KEY_WORD = re.compile(r"[^\W\d_][^\W\d_.'’&/-]*\.?(?:[-'’][^\W\d_]+)*")
_VALUE_TRIM = " ,;()[]（）#%+*×x~≈"
MAX_FURNITURE_WORDS = 20
"""Longer lines are text, whatever their shape."""
_MAX_FURNITURE_CHARS = 300  # twenty words of any script fit well within this
MIN_REPEATS = 3
"""A template on this many lines of one page is furniture."""
_MAX_KEY_WORDS = 3


def _words(text: str) -> int:
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def _is_sentence(text: str) -> bool:
    return text.rstrip(")）]】").endswith(_SENTENCE_END)


def is_date_line(text: str, code: str = "en") -> bool:
    """A line that is a date or time, with at most a short label: "27. September 2017",
    "V.I.P. 17.03.2020, 21:44", "2020年3月17日（火）15:30", "Zuletzt bearbeitet: 17. März 2020".
    """
    text = text.strip()
    if not text or _words(text) > MAX_FURNITURE_WORDS or not _DIGIT.search(text):
        return False
    share = calendar_share(text, code)
    if not share.anchors:
        return False
    rest = len(share.rest)
    if rest <= max(1, share.parts // 2):
        return True
    # A timestamp with its poster and a few controls ("Posted by X on Aug 10, 2014, 10:31 AM
    # Quote"): a clock and a date together, and not a sentence.
    return not _is_sentence(text) and CLOCK.search(text) is not None and share.anchors >= 2


def is_stat_line(text: str, code: str = "en") -> bool:
    """A line of "key: number" pairs (member statistics, counters): "Beiträge: 5.539",
    "Activity: 2226 Merit: 3414", "Joined: Mar 2012", "回复：12".
    """
    text = CLOCK.sub(" 0 ", text.strip())
    if not text or _words(text) > MAX_FURNITURE_WORDS:
        return False
    parts = _COLON.split(text)
    if len(parts) < 2 or not _is_key(parts[0]):
        return False
    names = calendar(code)
    for middle in parts[1:-1]:
        tokens = middle.split()
        values = 0
        while values < len(tokens) and _is_value(tokens[values], names.is_name):
            values += 1
        if values == 0 or not _is_key(" ".join(tokens[values:])):
            return False
    last = parts[-1].split()
    return bool(last) and all(_is_value(t, names.is_name) for t in last)


def _is_key(text: str) -> bool:
    text = text.strip()
    if not text or _DIGIT.search(text):
        return False
    if _CJK.search(text):
        return len(text) <= 6 and " " not in text
    words = text.split()
    return len(words) <= _MAX_KEY_WORDS and all(_KEY_WORD.fullmatch(w) for w in words)


def _is_value(token: str, is_name: object) -> bool:
    core = token.strip(_VALUE_TRIM)
    if not core:
        return True
    if _DIGIT.search(core):
        return len(_LETTER.findall(core)) <= 2  # "1,234", "5.539", "17.", "2nd", "3.2k"
    return bool(callable(is_name) and is_name(core))


def template(text: str) -> str:
    """A line's shape for spotting repeats: case-folded, every run of digits one "0"."""
    return _DIGITS.sub("0", " ".join(text.casefold().split()))


def repeated_templates(blocks: Sequence[Block]) -> frozenset[str]:
    """Templates of short non-sentence lines that recur on 3+ lines of the page.

    An enumeration ("Step 1", "Step 2", "Step 3") is not furniture: its numbers count up.
    """
    lines: dict[str, list[str]] = {}
    for block in blocks:
        text = block.text.strip()
        if not text or (block.marked and block.level <= 2) or _is_sentence(text):
            continue
        if len(text) > _MAX_FURNITURE_CHARS or _words(text) > MAX_FURNITURE_WORDS:
            continue
        lines.setdefault(template(text), []).append(text)
    counts = Counter({key: len(found) for key, found in lines.items()})
    return frozenset(
        key for key, n in counts.items() if n >= MIN_REPEATS and not _counts_up(lines[key])
    )


def _counts_up(lines: list[str]) -> bool:
    """Whether the numbers of repeated lines are 1, 2, 3... (or any run counting by one)."""
    firsts: list[int] = []
    for line in lines:
        found = _DIGITS.search(line)
        if found is None:
            return False
        firsts.append(int(found.group()))
    return all(b == a + 1 for a, b in pairwise(firsts))


def is_furniture(block: Block, code: str, repeated: frozenset[str]) -> bool:
    """Whether a block is page furniture (never a level-1 heading: that is the headline)."""
    if block.marked and block.level == 1:
        return False
    text = block.text.strip()
    if len(text) > _MAX_FURNITURE_CHARS or _words(text) > MAX_FURNITURE_WORDS:
        return False  # the common case, a paragraph, settled before any pattern runs
    if template(text) in repeated:
        return True
    if not _DIGIT.search(text):
        return False
    return is_date_line(text, code) or is_stat_line(text, code)


def drop_furniture(blocks: Sequence[Block], code: str) -> list[Block]:
    """The blocks without date lines, statistics and lines repeated by template."""
    repeated = repeated_templates(blocks)
    return [b for b in blocks if not is_furniture(b, code, repeated)]
