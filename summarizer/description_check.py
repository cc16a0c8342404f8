"""Whether an extractor's text agrees with the page's own description of its article.

A news page's meta description is, most of the time, its lede or a paraphrase of it. When an
extractor's text shares almost nothing with a substantial description while another
extractor's text holds it and shares little with the first one, the first took another part of
the page (the comment stream, a list of other stories) and the second is the better reading.
A paraphrase is found by neither, and the first reading stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.blocks import Block

_KEEP = re.compile(r"[^\W_]+")
_GRAM = 10
MIN_DESCRIPTION_CHARS = 80
"""Shorter descriptions ("News from the region") say too little to judge by."""
STRAYED_BELOW = 0.1
"""An extraction holding less of the description than this took another part of the page."""
AGREES_FROM = 0.6
"""An extraction holding this much of the description found the article."""
SAME_PART_SHARE = 0.5


def _grams(text: str) -> set[str]:
    flat = "".join(_KEEP.findall(text.casefold()))
    return {flat[i : i + _GRAM] for i in range(max(0, len(flat) - _GRAM + 1))}


def agreement(description: str | None, blocks: Sequence[Block]) -> float | None:
    """Share of the description's character 10-grams found in the blocks' text.

    None when there is no description long enough to judge by.
    """
    if not description or len(description.strip()) < MIN_DESCRIPTION_CHARS:
        return None
    wanted = _grams(description)
    if not wanted:
        return None
    found = _grams(" ".join(b.text for b in blocks))
    return len(wanted & found) / len(wanted)


def strayed(description: str | None, blocks: Sequence[Block]) -> bool:
    """Whether the blocks share almost nothing with a substantial description."""
    share = agreement(description, blocks)
    return share is not None and share < STRAYED_BELOW


def agrees(description: str | None, blocks: Sequence[Block]) -> bool:
    """Whether the blocks hold most of a substantial description."""
    share = agreement(description, blocks)
    return share is not None and share >= AGREES_FROM


def same_part(first: Sequence[Block], second: Sequence[Block]) -> bool:
    """Whether most of the first reading's text is also in the second: the two extractors
    took the same part of the page, one of them with more or less around it."""
    wanted = _grams(" ".join(b.text for b in first))
    if not wanted:
        return False
    found = _grams(" ".join(b.text for b in second))
    return len(wanted & found) >= SAME_PART_SHARE * len(wanted)
