"""Turn text into index terms: folded words, and runs of unspaced scripts as bigrams.

Chinese, Japanese, Thai, Lao, Khmer and Myanmar put no spaces between words, and Korean
glues particles to them, so a word tokenizer would see a whole phrase as one token. Indexing
every pair of adjacent characters of such a run (plus each character once) lets a 2-character
query match a bigram, a longer one match its bigrams as a phrase, and a 1-character query
match a unigram; no dictionary is needed, so a word the segmenter would not know is found too.

Everything is folded here, in Python, the same way for documents and queries: NFKC (full-width
forms), case folding beyond ASCII (Straße = strasse, İ = i), and accents off (é = e, ü = u,
ё = е, Greek tonos, Arabic and Hebrew vowel points). Both databases receive these terms
separated by spaces, so they tokenize them identically and neither needs its own folding.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Han (with extensions and compatibility ideographs), kana, Hangul syllables, and the
# Southeast Asian scripts written without spaces: Thai, Lao, Myanmar, Khmer.
_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u309f\u30a0-\u30ff\uac00-\ud7af"
    "\U00020000-\U0002ffff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
)
# Combining marks that are part of a word in their script (Indic vowel signs, viramas):
# Python's \w leaves them out, which would cut "हिन्दी" into pieces.
_WORD_MARKS = "\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u0e00-\u0eff\u3099\u309a"
_RUN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}](?:[^\W_{_CJK}]|[{_WORD_MARKS}])*")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# Marks folded away: Latin, Greek and Cyrillic diacritics (after NFD), Hebrew points, Arabic
# harakat and tatweel. Indic and Thai vowel signs stay (they change the word).
_FOLDED_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0640\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
)
# Letters with no decomposition that readers still take for their plain forms.
_PLAIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe"})
MAX_TERM_CHARS = 64
MAX_QUERY_GROUPS = 32


def fold(text: str) -> str:
    """Fold text for matching: full-width forms, case beyond ASCII, accents and vowel points."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    stripped = _FOLDED_MARKS.sub("", unicodedata.normalize("NFD", text))
    # NFC puts Hangul syllables and kana voicing back together after NFD took them apart.
    return unicodedata.normalize("NFC", stripped).translate(_PLAIN)


def _normalize(text: str) -> str:
    # Surrogates and NUL cannot reach PostgreSQL.
    text = text.encode("utf-8", "ignore").decode("utf-8").replace("\x00", " ")
    return fold(text)


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _runs(text: str) -> list[str]:
    return [run[:MAX_TERM_CHARS] for run in _RUN.findall(_normalize(text))]


def index_terms(text: str) -> str:
    """The space-separated terms to index for `text`: words, CJK bigrams, then CJK unigrams."""
    terms: list[str] = []
    unigrams: dict[str, None] = {}
    for run in _runs(text):
        if _CJK_CHAR.match(run):
            terms.extend(_bigrams(run) if len(run) > 1 else [])
            unigrams.update(dict.fromkeys(run))
        else:
            terms.append(run)
    terms.extend(unigrams)
    return " ".join(terms)


@dataclass(frozen=True)
class QueryGroup:
    """Terms that must appear next to each other (one word, or the bigrams of a CJK run)."""

    terms: tuple[str, ...]
    surface: str

    @property
    def phrase(self) -> str:
        """The terms as one space-separated string."""
        return " ".join(self.terms)


# Upper-case search-engine operators are dropped (every word is required anyway), so
# "flood OR fire" does not demand the word "or"; in lower case they are ordinary words.
_OPERATOR = re.compile(r"\b(?:AND|OR|NOT|NEAR)\b")


def query_groups(query: str) -> list[QueryGroup]:
    """Split a user query into phrase groups, all of which must match; operators are plain text."""
    groups: dict[tuple[str, ...], QueryGroup] = {}
    words = _runs(_OPERATOR.sub(" ", query)) or _runs(query)
    for run in words:
        terms = tuple(_bigrams(run)) if _CJK_CHAR.match(run) else (run,)
        groups.setdefault(terms, QueryGroup(terms=terms, surface=run))
        if len(groups) >= MAX_QUERY_GROUPS:
            break
    return list(groups.values())
