"""Lines that recur across documents of one site or batch: that site's boilerplate, any language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from summarizer.blocks import line_key
from summarizer.html_parse import looks_like_html, parse_html
from summarizer.plaintext import text_blocks

MIN_DOCUMENTS = 3
"""A line in this many documents is boilerplate."""
MAX_LINE_CHARS = 200
"""Longer lines are prose: boilerplate is short."""


def document_lines(text: str) -> frozenset[str]:
    """Keys of the short lines of a text or HTML page, for counting what recurs."""
    blocks = parse_html(text).blocks if looks_like_html(text) else text_blocks(text)
    return frozenset(
        key for b in blocks if len(b.text) <= MAX_LINE_CHARS and (key := line_key(b.text))
    )


class RecurringLines:
    """Counts in how many documents each line appears."""

    def __init__(self, min_documents: int = MIN_DOCUMENTS) -> None:
        self.min_documents = min_documents
        self._documents: Counter[str] = Counter()

    def add(self, keys: Iterable[str]) -> None:
        """Count one document with these line keys (repeats within it count once)."""
        self._documents.update(set(keys))

    def known(self) -> frozenset[str]:
        """Keys of the lines seen in at least ``min_documents`` documents."""
        return frozenset(k for k, n in self._documents.items() if n >= self.min_documents)
