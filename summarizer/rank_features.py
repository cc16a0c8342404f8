"""Shape features of single sentences that tell page debris and weak summary material apart.

News pages glue bylines, datelines, "scroll down" prompts and photo captions onto the body;
quotes and fragments rarely make a good summary line. Each detector is generic (no site's
literal strings) and returns a multiplier in (0, 1] applied to a sentence's score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

_PROMPT = re.compile(
    r"\b(?:scroll (?:down|up)|click here|read more|sign up|subscribe|follow (?:us|@)"
    r"|share (?:this|on)|watch (?:the )?video|see (?:the )?video|download the app)\b"
    r"|(?:点击|扫码|关注我们|长按|阅读原文|分享到)",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"\b(?:PUBLISHED|UPDATED|Last updated|Posted)\s*:"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[AP]M\s*)?(?:GMT|BST|EST|EDT|PST|PDT|UTC|CET|CEST)\b"
    r"|(?:发布时间|更新时间|来源|责任编辑|记者|编辑)[:：]",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^By\s+(?:[A-Z][\w'’.-]*\s*){1,4}(?:[.|,]|and\b|for\b|$)")
# A short label and a colon opening the sentence: how captions and kickers are written.
_LABEL = re.compile(r"^[\w'’-]+(?:\s[\w'’-]+){0,3}:\s")
_QUOTE_OPEN = re.compile(r"^\W{0,2}[\"'‘“「『]")
_QUOTED = re.compile(r"[\"“「『][^\"”」』]{3,}[\"”」』]|(?:^|\s)['‘][^'’]{3,}['’](?=\W|$)")
_FINAL = re.compile(r"[.!?。！？…;；:\"'’”)）」』]\s*$")


@dataclass(frozen=True)
class ShapeWeights:
    """Multipliers for each kind of weak sentence (1.0 disables that penalty)."""

    prompt: float = 0.2
    dateline: float = 0.1
    byline: float = 0.1
    label: float = 0.6
    quote: float = 0.6
    unfinished: float = 0.5
    short: float = 0.4
    long: float = 0.6
    short_words: int = 7
    long_words: int = 45


def shape_multipliers(
    texts: Sequence[str], word_counts: Sequence[int], weights: ShapeWeights
) -> npt.NDArray[np.float64]:
    """Return one multiplier in (0, 1] per sentence; 1.0 means nothing looks wrong."""
    out = np.ones(len(texts), dtype=np.float64)
    for i, (text, words) in enumerate(zip(texts, word_counts, strict=True)):
        out[i] = _multiplier(text, words, weights)
    return out


def _multiplier(text: str, words: int, w: ShapeWeights) -> float:
    factor = 1.0
    if _PROMPT.search(text):
        factor *= w.prompt
    if _DATELINE.search(text):
        factor *= w.dateline
    if _BYLINE.match(text):
        factor *= w.byline
    if _LABEL.match(text):
        factor *= w.label
    if _QUOTE_OPEN.match(text) or _quoted_share(text) > 0.5:
        factor *= w.quote
    if not _FINAL.search(text):
        factor *= w.unfinished
    if words < w.short_words:
        factor *= w.short
    elif words > w.long_words:
        factor *= w.long
    return factor


def _quoted_share(text: str) -> float:
    """Share of the sentence's characters that sit inside quotation marks."""
    if not text:
        return 0.0
    quoted = sum(len(m.group(0)) for m in _QUOTED.finditer(text))
    return quoted / len(text)
