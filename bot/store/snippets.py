"""A short excerpt of an article around the first place a query matches."""

from __future__ import annotations

import re
from collections.abc import Sequence

SNIPPET_CHARS = 160
_LEAD_CHARS = 50
_SPACE = re.compile(r"\s+")


def _first_match(text: str, surfaces: Sequence[str]) -> int | None:
    positions = []
    for surface in surfaces:
        match = re.search(re.escape(surface), text, flags=re.IGNORECASE)
        if match:
            positions.append(match.start())
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
