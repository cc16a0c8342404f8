"""The block: one paragraph-level unit of a document before it is grouped into sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Block:
    """A paragraph or a line of a document; ``marked`` when markup declares it a heading.

    ``level`` is the heading level of marked headings (1 for <h1> or "#", 7 for a
    bold-only paragraph, which is weaker evidence than any real heading). ``link_share`` is
    the share of the block's text inside links, when the block comes from HTML.
    """

    text: str
    marked: bool = False
    level: int = 0
    link_share: float = 0.0


def line_key(text: str) -> str:
    """A line's identity across pages and extractors: letters and digits only, case-folded."""
    return "".join(_KEY.findall(text.casefold()))
