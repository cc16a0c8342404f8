"""Whether an extractor's text agrees with the page's own description of its article.

A news page's meta description is, most of the time, its lede or a paraphrase of it. When an
extractor's text shares almost nothing with a substantial description while another
extractor's text holds it and shares little with the first one, the first took another part of
the page (the comment stream, a list of other stories) and the second is the better reading.
A paraphrase is found by neither, and the first reading stays.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.blocks import Block, line_key

_GRAM = 10
_SAMPLE = 200
MIN_DESCRIPTION_CHARS = 80
"""Shorter descriptions ("News from the region") say too little to judge by."""
STRAYED_BELOW = 0.1
"""An extraction holding less of the description than this took another part of the page."""
AGREES_FROM = 0.6
"""An extraction holding this much of the description found the article."""
SAME_PART_SHARE = 0.5


def _sample(flat: str) -> list[str]:
    """Up to `_SAMPLE` 10-grams spread evenly over a text: enough to measure how much of it
    another text holds, without holding every gram of a long page in memory."""
    count = max(0, len(flat) - _GRAM + 1)
    step = max(1, count // _SAMPLE)
    return [flat[i : i + _GRAM] for i in range(0, count, step)][:_SAMPLE]


def _share_found(grams: list[str], blocks: Sequence[Block]) -> float:
    haystack = line_key(" ".join(b.text for b in blocks))
    return sum(1 for gram in grams if gram in haystack) / len(grams)


def agreement(description: str | None, blocks: Sequence[Block]) -> float | None:
    """Share of the description's character 10-grams found in the blocks' text.

    None when there is no description long enough to judge by.
    """
    if not description or len(description.strip()) < MIN_DESCRIPTION_CHARS:
        return None
    grams = _sample(line_key(description))
    return _share_found(grams, blocks) if grams else None


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
    grams = _sample(line_key(" ".join(b.text for b in first)))
    return bool(grams) and _share_found(grams, second) >= SAME_PART_SHARE
