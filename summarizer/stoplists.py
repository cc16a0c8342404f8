"""Stop words for judging paragraphs: sumy's curated list, else jusText's whole list."""

from __future__ import annotations

import sys
from functools import cache

from summarizer.stopwords import SUMY_LISTS, justext_head, stop_words


@cache
def paragraph_stop_words(code: str) -> frozenset[str]:
    """Lower-case stop words of a language for stop-word density; empty when none is known.

    Density is judged against jusText's whole frequency list (what its thresholds assume),
    not the head of it that ranking uses as stop words.
    """
    code = code.lower()
    if code in SUMY_LISTS:
        return stop_words(code)
    return frozenset(justext_head(code, sys.maxsize)) or stop_words(code)
