"""Every ranking algorithm by name: the project's "news" default and each stock sumy summarizer.

`select` is the single entry point the rest of the package uses. For a stock algorithm it
builds a sumy document from already split sentences, runs the summarizer and maps its picks
back to indexes; the default ranks the sentences directly (ranking.NewsSummarizer is the same
ranker as a sumy summarizer, for code that holds a sumy document).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from summarizer.errors import UnknownAlgorithmError
from summarizer.languages import Language
from summarizer.rank_budget import BudgetCount, SeededRandomSummarizer
from summarizer.ranking import rank, sentence_data

DEFAULT_ALGORITHM = "news"

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


def select(
    sentences: Sequence[str],
    count: int,
    *,
    language: Language,
    algorithm: str | None = None,
    title: str | None = None,
    max_chars: int | None = None,
) -> list[int]:
    """Return the ascending indexes of at most `count` sentences chosen by `algorithm`.

    With `max_chars`, the chosen sentences joined by spaces stay within it, except that
    one sentence is always returned even when it alone is longer. ``language`` (from
    :func:`summarizer.languages.get_language`) splits words and supplies stems and stop words.
    """
    name = (algorithm or DEFAULT_ALGORITHM).strip().lower()
    if name not in ALGORITHMS:
        valid = ", ".join(ALGORITHMS)
        raise UnknownAlgorithmError(f"unknown algorithm {algorithm!r}; choose one of: {valid}")
    if not sentences or count <= 0:
        return []
    if name == DEFAULT_ALGORITHM:
        return _select_news(sentences, count, language, title, max_chars)
    tokenizer = language.tokenizer
    heading = Sentence(title, tokenizer, is_heading=True) if title and title.strip() else None
    body = [Sentence(text, tokenizer) for text in sentences]
    document = ObjectDocumentModel([Paragraph([heading, *body] if heading else body)])
    summarizer = _build(name, language, document)
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
    language: Language,
    title: str | None,
    max_chars: int | None,
) -> list[int]:
    """The default's direct path: the same ranking NewsSummarizer runs, minus sumy's objects.

    Building sumy's document model costs more than ranking itself, so the default skips it.
    """
    to_words = language.tokenizer.to_words
    words = [to_words(s) for s in sentences]
    language.learn(word for group in words for word in group)
    data = sentence_data(sentences, words, language.terms)
    title_terms = frozenset(language.terms(to_words(title))) if title else frozenset()
    return rank(data, count, title_terms=title_terms, max_chars=max_chars) or [0]


def _build(name: str, language: Language, document: ObjectDocumentModel) -> Any:
    """A stock sumy summarizer on the language's stemmer and stop words."""
    if name == "edmundson":
        return _edmundson(language, document)
    summarizer = _STOCK[name](language.stem)
    if hasattr(summarizer, "stop_words"):
        summarizer.stop_words = language.stop_words
    return summarizer


def _edmundson(language: Language, document: ObjectDocumentModel) -> Any:
    """Use Edmundson's key, title and location methods; the cue method needs curated lists."""
    stop_words = language.stop_words
    summarizer = EdmundsonSummarizer(language.stem, cue_weight=0.0, key_weight=1.0)
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
