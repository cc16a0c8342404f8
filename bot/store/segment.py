"""Turn text into index terms: lower-cased words, and CJK runs as overlapping bigrams.

Chinese has no spaces, so a word tokenizer sees a whole sentence as one token. Indexing every
pair of adjacent CJK characters (plus each character once) lets a 2-character query match a
bigram, a longer one match its bigrams as a phrase, and a 1-character query match a unigram.
Both databases receive these terms separated by spaces, so they tokenize them identically.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Han (with extensions and compatibility ideographs), kana, Hangul syllables.
_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u309f\u30a0-\u30ff\uac00-\ud7af"
    "\U00020000-\U0002ffff"
)
_RUN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
MAX_TERM_CHARS = 64
MAX_QUERY_GROUPS = 32


def _normalize(text: str) -> str:
    # Surrogates and NUL cannot reach PostgreSQL; NFKC folds full-width forms.
    text = text.encode("utf-8", "ignore").decode("utf-8").replace("\x00", " ")
    return unicodedata.normalize("NFKC", text).casefold()


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
