"""Shape features of single sentences that tell page debris and weak summary material apart.

News pages glue bylines, datelines, "scroll down" prompts and photo captions onto the body;
quotes and fragments rarely make a good summary line. Each detector is generic (no site's
literal strings) and lowers a sentence's score by a multiplier in (0, 1].
Each pattern scans the section once (sentences joined by newlines), not once per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

_M = re.MULTILINE
# Case spelled out ([Ss]) rather than IGNORECASE: several times faster on long sections.
_PROMPT = re.compile(
    r"[Ss](?:croll (?:down|up)|ign up|ubscribe|hare (?:this|on)|ee (?:the )?video)\b"
    r"|[Cc]lick here|[Rr]ead more|[Ff]ollow (?:us|@)|[Ww]atch (?:the )?video|[Dd]ownload the app"
    r"|点击|扫码|关注我们|长按|阅读原文|分享到"
)
_DATELINE = re.compile(
    r"(?:PUBLISHED|UPDATED|[Pp]ublished|[Uu]pdated|Last updated|Posted)\s*:"
    r"|\d[:.]\d\d\s*(?:[AaPp]\.?[Mm]\.?\s*)?(?:GMT|BST|EST|EDT|PST|PDT|UTC|CET|CEST)\b"
    r"|(?:发布时间|更新时间|来源|责任编辑|编辑)[:：]"
)
# Plain substrings one of which every match above contains: `in` is far cheaper than a scan.
_PROMPT_HINTS = (
    "croll ", "ign up", "ubscribe", "hare this", "hare on", "video", "lick here", "ead more",
    "ollow us", "ollow @", "ownload the app",
    "点击", "扫码", "关注我们", "长按", "阅读原文", "分享到",
)  # fmt: skip
_DATELINE_HINTS = (
    "UBLISHED", "PDATED", "ublished", "pdated", "Posted", "GMT", "BST", "EST", "EDT", "PST",
    "PDT", "UTC", "CET", "发布时间", "更新时间", "来源", "编辑",
)  # fmt: skip
_BYLINE = re.compile(r"^By\s+(?:[A-Z][\w'’.-]*[ \t]*){1,4}(?:[.|,]|and\b|for\b|$)", _M)
# A short label and a colon opening the sentence: how captions and kickers are written.
_LABEL = re.compile(r"^[\w'’-]+(?:[ \t][\w'’-]+){0,3}:[ \t]", _M)
_QUOTE_MARKS = "\"'‘“「『"
_QUOTED = re.compile(r"[\"“「『][^\"”」』\n]{3,}[\"”」』]|(?<!\w)['‘][^'’\n]{3,}['’](?!\w)")
_CLOSING_QUOTES = " \"'’”」』)）"
_FINAL_MARKS = frozenset(".!?。！？…;；:\"'’”)）」』")


@dataclass(frozen=True)
class ShapeWeights:
    """Multipliers for each kind of weak sentence (1.0 disables that penalty)."""

    prompt: float = 0.2
    dateline: float = 0.1
    byline: float = 0.1
    label: float = 0.6
    quote: float = 0.6
    unfinished: float = 0.5
    question: float = 0.5
    short: float = 0.4
    long: float = 0.6
    short_words: int = 7
    long_words: int = 45


def shape_multipliers(
    texts: Sequence[str], word_counts: Sequence[int], weights: ShapeWeights
) -> npt.NDArray[np.float64]:
    """Return one multiplier in (0, 1] per sentence; 1.0 means nothing looks wrong."""
    n = len(texts)
    if n == 0:
        return np.ones(0)
    flat = [t.replace("\n", " ") for t in texts]
    joined = "\n".join(flat)
    lengths = np.array([len(t) for t in flat], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
    out = np.ones(n, dtype=np.float64)
    for pattern, hints, factor in (
        (_PROMPT, _PROMPT_HINTS, weights.prompt),
        (_DATELINE, _DATELINE_HINTS, weights.dateline),
        (_BYLINE, ("By",), weights.byline),
        (_LABEL, (":",), weights.label),
    ):
        if any(hint in joined for hint in hints):
            out[_sentences_hit(pattern, joined, starts)] *= factor
    quoted = _quoted_share(joined, starts, lengths)
    opens = np.array([any(ch in _QUOTE_MARKS for ch in t[:3]) for t in flat], dtype=bool)
    out[opens | (quoted > 0.5)] *= weights.quote
    unfinished = np.array([t.rstrip()[-1:] not in _FINAL_MARKS for t in flat], dtype=bool)
    out[unfinished] *= weights.unfinished
    # News states; a question is a teaser or a quoted doubt, rarely the story itself.
    asks = np.array([t.rstrip(_CLOSING_QUOTES).endswith(("?", "？")) for t in flat], dtype=bool)
    asks[0] = False
    out[asks] *= weights.question
    words = np.asarray(word_counts, dtype=np.int64)
    short = words < weights.short_words
    # A short opening line is a headline-style lede ("X opens."), the best summary of a post.
    short[0] = False
    out[short] *= weights.short
    out[words > weights.long_words] *= weights.long
    return out


def _sentences_hit(
    pattern: re.Pattern[str], joined: str, starts: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Mark each sentence where `pattern` matches at least once."""
    hit = np.zeros(len(starts), dtype=bool)
    positions = [m.start() for m in pattern.finditer(joined)]
    if positions:
        hit[np.searchsorted(starts, positions, side="right") - 1] = True
    return hit


def _quoted_share(
    joined: str, starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Share of each sentence's characters that sit inside quotation marks."""
    spans = [(m.start(), m.end() - m.start()) for m in _QUOTED.finditer(joined)]
    if not spans:
        return np.zeros(len(starts), dtype=np.float64)
    at, size = np.array(spans, dtype=np.int64).T
    owner = np.searchsorted(starts, at, side="right") - 1
    quoted = np.bincount(owner, weights=size, minlength=len(starts))
    return quoted / np.maximum(lengths, 1)
