"""ROUGE over characters for Chinese: every Han character is one token.

rouge-score's own tokenizer keeps only ``[a-z0-9]`` runs, so a Chinese summary would score on
its digits and Latin words alone. `CharTokenizer` (rouge-score's tokenizer interface, one
`tokenize` method) first folds full-width forms with NFKC, then emits each CJK character
(Han, kana, hangul) as a token and each run of letters or digits as one lower-cased token;
punctuation and spaces are not tokens. No stemming: it has no meaning for characters.
"""

from __future__ import annotations

import re
import unicodedata

from rouge_score import rouge_scorer

# Han (with extension A and compatibility ideographs), kana and hangul: one token per character.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")

SCORES = ("rouge1", "rouge2", "rougeLsum")


class CharTokenizer:
    """Tokens for ROUGE: CJK characters one by one, other letter or digit runs whole."""

    def tokenize(self, text: str) -> list[str]:
        """Split `text` into ROUGE tokens (punctuation and spaces dropped)."""
        folded = unicodedata.normalize("NFKC", text).lower()
        return _TOKEN.findall(folded)


def char_scorer() -> rouge_scorer.RougeScorer:
    """A rouge-score scorer of ROUGE-1, ROUGE-2 and ROUGE-Lsum over characters.

    ROUGE-Lsum still splits summary and reference into sentences on newlines.
    """
    return rouge_scorer.RougeScorer(list(SCORES), tokenizer=CharTokenizer())
