"""Every ranking algorithm by name: the project's "news" default and each stock sumy summarizer.

`select` is the single entry point the rest of the package uses. For a stock algorithm it
builds a sumy document from already split sentences, runs the summarizer and maps its picks
back to indexes; the default ranks the sentences directly (ranking.NewsSummarizer is the same
ranker as a sumy summarizer, for code that holds a sumy document).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Protocol

from Stemmer import Stemmer as SnowballStemmer  # PyStemmer
from Stemmer import algorithms as snowball_algorithms
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from summarizer import languages
from summarizer.errors import UnknownAlgorithmError
from summarizer.rank_budget import BudgetCount, SeededRandomSummarizer
from summarizer.ranking import TermExtractor, rank, sentence_data
from summarizer.stemmers import SUMY_SPECIAL

DEFAULT_ALGORITHM = "news"
_SNOWBALL = frozenset(snowball_algorithms()) - {"porter", "dutch_porter"}

_STOCK: dict[str, Callable[..., Any]] = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "edmundson": EdmundsonSummarizer,
    "reduction": ReductionSummarizer,
    "random": SeededRandomSummarizer,
}
ALGORITHMS: tuple[str, ...] = (DEFAULT_ALGORITHM, *_STOCK)


class Tokenizer(Protocol):
    """What `select` needs of a tokenizer: a sumy language name and a word splitter."""

    @property
    def language(self) -> str:
        """The sumy language name, such as "english" or "chinese"."""

    def to_words(self, sentence: str) -> Sequence[str]:
        """Split one sentence into words."""


class CachedStemmer:
    """A stemmer that remembers its answers: news repeats the same words all day."""

    _LIMIT = 200_000

    def __init__(self, stem: Callable[[str], str]) -> None:
        self._stem = stem
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        """Return the stem of `word`, computing it once."""
        stem = self._cache.get(word)
        if stem is None:
            if len(self._cache) >= self._LIMIT:
                self._cache.clear()
            stem = self._cache[word] = self._stem(word)
        return stem


@lru_cache(maxsize=64)
def language_tools(language: str) -> tuple[CachedStemmer, frozenset[str]]:
    """Return a cached stemmer and the stop words for a language (empty if none).

    ``language`` is a tokenizer's language: sumy's name ("english") or an ISO code ("vi").
    Our own tables decide, not sumy's constructors, which raise for languages whose optional
    packages are missing (Polish, Greek).
    """
    code = languages.code_for_name(language)
    return CachedStemmer(languages.stemmer(code)), languages.stop_words(code)


@lru_cache(maxsize=64)
def language_terms(language: str) -> TermExtractor:
    """Return the shared, caching word-to-term mapping of a sumy language name."""
    stemmer, stop_words = language_tools(language)
    stem_many = None
    if language in _SNOWBALL and language not in SUMY_SPECIAL.values():
        # Stemming a whole text's new words in one call to C skips a Python call per word.
        stem_words = SnowballStemmer(language).stemWords
        stem_many = lambda words: list(stem_words(words))  # noqa: E731
    return TermExtractor(stemmer, stop_words, stem_many)


def select(
    sentences: Sequence[str],
    count: int,
    *,
    tokenizer: Tokenizer,
    algorithm: str | None = None,
    title: str | None = None,
    max_chars: int | None = None,
) -> list[int]:
    """Return the ascending indexes of at most `count` sentences chosen by `algorithm`.

    With `max_chars`, the chosen sentences joined by spaces stay within it, except that
    one sentence is always returned even when it alone is longer.
    """
    name = (algorithm or DEFAULT_ALGORITHM).strip().lower()
    if name not in ALGORITHMS:
        valid = ", ".join(ALGORITHMS)
        raise UnknownAlgorithmError(f"unknown algorithm {algorithm!r}; choose one of: {valid}")
    if not sentences or count <= 0:
        return []
    if name == DEFAULT_ALGORITHM:
        return _select_news(sentences, count, tokenizer, title, max_chars)
    stemmer, stop_words = language_tools(tokenizer.language)
    heading = Sentence(title, tokenizer, is_heading=True) if title and title.strip() else None
    body = [Sentence(text, tokenizer) for text in sentences]
    document = ObjectDocumentModel([Paragraph([heading, *body] if heading else body)])
    summarizer = _build(name, stemmer, stop_words, document, max_chars)
    budget = BudgetCount(count, max_chars)
    with warnings.catch_warnings():
        # Stock summarizers warn on tiny inputs (LSA: fewer words than sentences).
        warnings.simplefilter("ignore")
        picked = summarizer(document, budget)
    # Some stock summarizers (LSA) return nothing when no sentence has words; one is promised.
    return _indexes(body, picked) or [0]


def _select_news(
    sentences: Sequence[str],
    count: int,
    tokenizer: Tokenizer,
    title: str | None,
    max_chars: int | None,
) -> list[int]:
    """The default's direct path: the same ranking NewsSummarizer runs, minus sumy's objects.

    Building sumy's document model costs more than ranking itself, so the default skips it.
    """
    terms = language_terms(tokenizer.language)
    words = [tokenizer.to_words(s) for s in sentences]
    terms.prime(word for group in words for word in group)
    data = sentence_data(sentences, words, terms)
    title_terms = frozenset(terms(tokenizer.to_words(title))) if title else frozenset()
    return rank(data, count, title_terms=title_terms, max_chars=max_chars) or [0]


def _build(
    name: str,
    stemmer: CachedStemmer,
    stop_words: frozenset[str],
    document: ObjectDocumentModel,
    max_chars: int | None,
) -> Any:
    if name == "edmundson":
        return _edmundson(stemmer, stop_words, document)
    summarizer = _STOCK[name](stemmer)
    if hasattr(summarizer, "stop_words"):
        summarizer.stop_words = stop_words
    return summarizer


def _edmundson(
    stemmer: CachedStemmer, stop_words: frozenset[str], document: ObjectDocumentModel
) -> Any:
    """Use Edmundson's key, title and location methods; the cue method needs curated lists."""
    summarizer = EdmundsonSummarizer(stemmer, cue_weight=0.0, key_weight=1.0)
    # sumy refuses empty word sets; a word that cannot occur keeps them non-empty.
    summarizer.null_words = stop_words or {"\x00"}
    content = {w.lower() for w in document.words} - stop_words
    summarizer.bonus_words = content or {"\x00"}
    return summarizer


def _indexes(body: Sequence[Sentence], picked: Sequence[Sentence]) -> list[int]:
    """Map picked Sentence objects back to positions; equal texts map to distinct slots."""
    by_identity = {id(sentence): i for i, sentence in enumerate(body)}
    chosen: set[int] = set()
    for sentence in picked:
        index = by_identity.get(id(sentence))
        if index is None or index in chosen:
            index = next((i for i, s in enumerate(body) if s == sentence and i not in chosen), None)
        if index is not None:
            chosen.add(index)
    return sorted(chosen)
