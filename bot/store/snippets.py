"""A short excerpt of an article around the first place a query matches."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.store.segment import fold

SNIPPET_CHARS = 160
_LEAD_CHARS = 50
_SPACE = re.compile(r"\s+")
_fold_char = lru_cache(maxsize=8192)(fold)


def _folded_with_starts(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` character by character, remembering where each folded character came from.

    Folding changes lengths (ß becomes ss, é loses its accent), so a match found in the folded
    text is mapped back to its place in the original through these positions.
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces: list[str] = []
    starts: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char)
        pieces.append(folded)
        starts.extend([index] * len(folded))
    return "".join(pieces), starts


def _first_match(text: str, surfaces: Sequence[str]) -> int | None:
    # Queries arrive folded (accents off, case folded); the text is folded the same way.
    folded, starts = _folded_with_starts(text)
    positions = []
    for surface in surfaces:
        at = folded.find(fold(surface))
        if at >= 0:
            positions.append(starts[at])
    return min(positions, default=None)


def make_snippet(
    sources: Sequence[str], surfaces: Sequence[str], width: int = SNIPPET_CHARS
) -> str:
    """Cut `width` characters around the earliest of `surfaces` in the first source holding one.

    Without any match anywhere, the start of the first source is used.
    """
    texts = [_SPACE.sub(" ", source).strip() for source in sources]
    flat, at = (texts[0] if texts else ""), 0
    for text in texts:
        found = _first_match(text, surfaces)
        if found is not None:
            flat, at = text, found
            break
    return _window(flat, at, width)


def _window(flat: str, at: int, width: int) -> str:
    start = max(0, at - _LEAD_CHARS) if at > _LEAD_CHARS else 0
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    excerpt = flat[start:end].strip()
    if start > 0:
        excerpt = "…" + excerpt
    if end < len(flat):
        excerpt += "…"
    return excerpt
