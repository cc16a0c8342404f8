"""The default "news" ranker: lead-aware, position-directed centrality on sumy's document model.

Scoring, per sentence of a section:
  score = (position prior + directed centrality + title overlap) x shape multiplier
then a greedy pick that discounts sentences repeating what is already chosen (MMR) and
respects a sentence count, an optional character budget and an optional word budget.
Everything is vectorized: one sparse tf-idf matrix, one similarity product per call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sumy.nlp.stemmers import null_stemmer
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.utils import ItemsCount

from summarizer.rank_features import ShapeWeights, shape_multipliers
from summarizer.rank_vectors import (
    FloatArray,
    TfIdf,
    centroid_similarity,
    similarity_matrix,
    tfidf,
)


@dataclass(frozen=True)
class NewsWeights:
    """Tunable weights of the news ranker; the defaults are what the dev-set bench supports."""

    position: float = 1.0
    position_decay: float = 1.0
    centrality: float = 0.2
    centroid: float = 0.0
    forward: float = 1.0
    backward: float = -0.3
    edge_beta: float = 0.3
    title: float = 0.5
    redundancy: float = 0.15
    duplicate: float = 0.9
    words_per_sentence: int | None = 30
    shape: ShapeWeights = field(default_factory=ShapeWeights)


@dataclass(frozen=True)
class SentenceData:
    """What the ranker needs of one section: texts, stemmed content terms and word counts."""

    texts: tuple[str, ...]
    terms: tuple[tuple[str, ...], ...]
    word_counts: tuple[int, ...]


MIN_SENTENCE_WORDS = 6
"""Sentences with fewer words are fragments, picked only when nothing longer exists."""
_CJK_WORD_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


_LETTERED_TOKEN = re.compile(r"\S*[^\W\d_]\S*")
_FINAL_MARKS = frozenset(".!?。！？…;；:")
_CLOSING_MARKS = " \"'’”」』)）]】"


def _fragment_size(text: str) -> int:
    """Spaced words plus CJK characters: a six-character Chinese sentence is no fragment.

    Numbers and marks are not words: "發表時間： 2012-01-12 11:40" is a label, not a sentence.
    """
    cjk = len(_CJK_WORD_CHAR.findall(text))
    return len(_LETTERED_TOKEN.findall(_CJK_WORD_CHAR.sub(" ", text))) + cjk


def is_full_sentence(text: str, size: int | None = None) -> bool:
    """Whether a sentence is long enough to be picked while others are: six words, or twice
    that when no final mark ends it (a label run into the text, "網購超商年菜", "Photo gallery")."""
    size = _fragment_size(text) if size is None else size
    if text.rstrip(_CLOSING_MARKS)[-1:] in _FINAL_MARKS:
        return size >= MIN_SENTENCE_WORDS
    return size >= 2 * MIN_SENTENCE_WORDS


def rank(
    data: SentenceData,
    count: int,
    *,
    title_terms: frozenset[str] = frozenset(),
    max_chars: int | None = None,
    weights: NewsWeights | None = None,
) -> list[int]:
    """Pick at most `count` sentences and return their indexes in document order."""
    w = weights or NewsWeights()
    n = len(data.texts)
    if n == 0 or count <= 0:
        return []
    vectors = tfidf(data.terms)
    similarity = similarity_matrix(vectors)
    scores = _scores(data, vectors, similarity, title_terms, w)
    return _choose(data, scores, similarity, count, max_chars, w)


def _scores(
    data: SentenceData,
    vectors: TfIdf,
    similarity: FloatArray,
    title_terms: frozenset[str],
    w: NewsWeights,
) -> FloatArray:
    n = len(data.texts)
    position = 1.0 / np.power(np.arange(1, n + 1, dtype=np.float64), w.position_decay)
    score = w.position * position + w.centrality * _directed_centrality(similarity, w)
    if w.centroid:
        score = score + w.centroid * centroid_similarity(vectors)
    if title_terms and w.title:
        score = score + w.title * _title_overlap(data.terms, title_terms)
    return score * shape_multipliers(data.texts, data.word_counts, w.shape)


def _directed_centrality(similarity: FloatArray, w: NewsWeights) -> FloatArray:
    """PacSum-style centrality: edges to later sentences count for, to earlier ones against.

    A sentence that later sentences elaborate on introduces the story; one that repeats what
    came before is a recap. Edges below a relative threshold are dropped as noise.
    """
    n = similarity.shape[0]
    if n < 2:
        return np.zeros(n)
    low, high = float(similarity.min()), float(similarity.max())
    if high <= 0.0:
        return np.zeros(n)
    edges = np.clip(similarity - (low + w.edge_beta * (high - low)), 0.0, None)
    later = np.triu(edges, 1).sum(axis=1)
    earlier = np.tril(edges, -1).sum(axis=1)
    raw = w.forward * later + w.backward * earlier
    spread = float(raw.max() - raw.min())
    return (raw - raw.min()) / spread if spread > 0 else np.zeros(n)


def _title_overlap(terms: Sequence[Sequence[str]], title_terms: frozenset[str]) -> FloatArray:
    """Share of the title's terms each sentence mentions."""
    size = len(title_terms)
    return np.array([len(title_terms.intersection(t)) / size for t in terms], dtype=np.float64)


def _choose(
    data: SentenceData,
    scores: FloatArray,
    similarity: FloatArray,
    count: int,
    max_chars: int | None,
    w: NewsWeights,
) -> list[int]:
    """Greedy MMR pick within the sentence, character and word budgets."""
    chars = np.array([len(t) for t in data.texts], dtype=np.int64)
    words = np.array(data.word_counts, dtype=np.int64)
    # A fragment ("... testified.") is never picked while the text has full sentences, nor
    # while it has long unfinished ones; a sentence without a word carries nothing and is
    # only picked when nothing else exists.
    sizes = [_fragment_size(t) for t in data.texts]
    full = np.array([is_full_sentence(t, n) for t, n in zip(data.texts, sizes, strict=True)])
    long_enough = np.array([n >= MIN_SENTENCE_WORDS for n in sizes], dtype=bool)
    if full.any():
        available = full
    elif long_enough.any():
        available = long_enough
    else:
        available = words > 0 if words.any() else np.ones(len(scores), dtype=bool)
    chosen: list[int] = []
    used_chars = used_words = 0
    # The word budget trims long, run-on picks; a section that fits the count is kept whole.
    word_budget = None
    if w.words_per_sentence is not None and len(scores) > count:
        word_budget = w.words_per_sentence * count
    while len(chosen) < count and available.any():
        adjusted = scores.copy()
        candidates = available
        if chosen:
            closest = similarity[:, chosen].max(axis=1)
            adjusted -= w.redundancy * closest
            if max_chars is not None:
                # Joined with one space between sentences.
                available &= used_chars + 1 + chars <= max_chars
            if word_budget is not None:
                available &= used_words + words <= word_budget
            # Near-copies (a lede repeated as a caption) only when nothing else is left.
            fresh = available & (closest < w.duplicate)
            candidates = fresh if fresh.any() else available
            if not candidates.any():
                break
        best = int(np.argmax(np.where(candidates, adjusted, -np.inf)))
        chosen.append(best)
        available[best] = False
        used_chars += int(chars[best]) + (1 if len(chosen) > 1 else 0)
        used_words += int(words[best])
    return sorted(chosen)


def sentence_data(
    texts: Sequence[str],
    words: Sequence[Sequence[str]],
    terms: Callable[[Sequence[str]], tuple[str, ...]],
) -> SentenceData:
    """Bundle sentences with their words' content terms and word counts."""
    return SentenceData(
        texts=tuple(texts),
        terms=tuple([terms(w) for w in words]),
        word_counts=tuple([len(w) for w in words]),
    )


class NewsSummarizer(AbstractSummarizer):  # type: ignore[misc]
    """Drop-in sumy summarizer wrapping `rank`; headings of the document serve as its title."""

    def __init__(
        self,
        stemmer: Callable[[str], str] = null_stemmer,
        *,
        weights: NewsWeights | None = None,
        max_chars: int | None = None,
        title_words: Iterable[str] = (),
    ) -> None:
        super().__init__(stemmer)
        self.weights = weights or NewsWeights()
        self.max_chars = max_chars
        self.title_words = tuple(title_words)
        self._stop_words: frozenset[str] = frozenset()

    @property
    def stop_words(self) -> frozenset[str]:
        """Lower-case words ignored when comparing sentences."""
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Iterable[str]) -> None:
        self._stop_words = frozenset(word.lower() for word in words)

    def _terms(self, words: Sequence[str]) -> tuple[str, ...]:
        """Stems of the words that are not stop words, in order (as Language.terms gives)."""
        stops, stem = self._stop_words, self._stemmer
        stems = [stem(low) for low in (word.lower() for word in words) if low not in stops]
        return tuple([term for term in stems if term])

    def __call__(self, document: Any, sentences_count: Any) -> tuple[Any, ...]:
        """Return the chosen sumy Sentence objects in document order."""
        sentences = document.sentences
        data = sentence_data([str(s) for s in sentences], [s.words for s in sentences], self._terms)
        title = list(self.title_words)
        for heading in document.headings:
            title.extend(heading.words)
        count = _resolve_count(sentences_count, len(sentences))
        picked = rank(
            data,
            count,
            title_terms=frozenset(self._terms(title)),
            max_chars=self.max_chars,
            weights=self.weights,
        )
        return tuple(sentences[i] for i in picked)


def _resolve_count(sentences_count: Any, total: int) -> int:
    """Accept sumy's count forms: an int, a float, or a percentage string like "20%"."""
    if isinstance(sentences_count, int | float):
        return int(sentences_count)
    return len(ItemsCount(sentences_count)(list(range(total))))
