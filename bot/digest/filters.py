"""Keyword filters: case-insensitive, whole words for alphabetic scripts, substrings for CJK."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

# Scripts written without spaces between words: a keyword in them matches as a plain substring.
_NO_SPACE_SCRIPTS = re.compile(
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)


def normalize(text: str) -> str:
    """Fold width and case so "ＣＯＡＬ", "Coal" and "coal" compare equal."""
    return unicodedata.normalize("NFKC", text).casefold()


def parse_keywords(raw: str) -> tuple[str, ...]:
    """Split user input on commas (ASCII or full-width), semicolons or newlines; drop blanks."""
    parts = re.split(r"[,，;；、\n]+", raw)
    seen: dict[str, None] = {}
    for part in parts:
        cleaned = " ".join(part.split())
        if cleaned and normalize(cleaned) not in {normalize(k) for k in seen}:
            seen[cleaned] = None
    return tuple(seen)


@dataclass(frozen=True)
class KeywordFilter:
    """Keep a text when it matches any include keyword (if any) and no exclude keyword."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    _include: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _exclude: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compiled once per filter; frozen, hence object.__setattr__.
        object.__setattr__(self, "_include", tuple(_pattern(k) for k in self.include if k.strip()))
        object.__setattr__(self, "_exclude", tuple(_pattern(k) for k in self.exclude if k.strip()))

    def accepts(self, texts: Iterable[str]) -> bool:
        """Decide for a story given the texts a reader sees (title, headings, sentences)."""
        haystack = normalize("\n".join(texts))
        include: tuple[re.Pattern[str], ...] = self._include
        exclude: tuple[re.Pattern[str], ...] = self._exclude
        if include and not any(p.search(haystack) for p in include):
            return False
        return not any(p.search(haystack) for p in exclude)


def _pattern(keyword: str) -> re.Pattern[str]:
    folded = normalize(keyword.strip())
    body = r"\s+".join(re.escape(word) for word in folded.split())
    if _NO_SPACE_SCRIPTS.search(folded):
        return re.compile(body)
    # Whole words for spaced scripts, so "coal" does not match "coalition"; a trailing plural
    # "s"/"es" still matches, so "mine" finds "mines".
    return re.compile(rf"(?<![^\W_]){body}(?:e?s)?(?![^\W_])")
