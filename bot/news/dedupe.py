"""Exact duplicates by content fingerprint; near-duplicate stories by shingle Jaccard."""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")
LEAD_CHARS = 400
NEAR_DUPLICATE_THRESHOLD = 0.5
MAX_POSTINGS = 200
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "by",
        "with",
        "from",
        "as",
        "that",
        "this",
        "it",
        "its",
        "has",
        "have",
        "had",
        "will",
        "would",
        "said",
        "says",
    ]
)


def normalize_text(text: str) -> str:
    """NFKC, case-folded, punctuation dropped, whitespace collapsed: what fingerprints hash."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_TOKEN.findall(folded))


def fingerprint(text: str) -> str:
    """A stable hash of the normalized text (hex SHA-256, 32 chars)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:32]


def shingles(text: str) -> frozenset[str]:
    """Word bigrams for Latin script and character bigrams for CJK, stopwords dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    tokens = [t for t in _TOKEN.findall(folded) if t not in _STOPWORDS]
    if len(tokens) < 2:
        return frozenset(tokens)
    grams = {f"{a} {b}" for a, b in itertools.pairwise(tokens)}
    # Single words carry the story when titles are reworded; weight them in for Latin text.
    grams.update(t for t in tokens if len(t) > 3 and not _IS_CJK.match(t))
    return frozenset(grams)


def story_key(title: str, lead: str) -> frozenset[str]:
    """The shingle set describing a story: its title and the start of its text."""
    return shingles(f"{title}\n{lead[:LEAD_CHARS]}")


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|, 0.0 for two empty sets."""
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


class StoryIndex:
    """Recent stories, indexed by shingle so a new story is compared only with overlapping ones."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.threshold = threshold
        self._keys: list[tuple[int, frozenset[str]]] = []
        self._postings: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, cluster_id: int, title: str, lead: str) -> None:
        """Remember a story under its cluster id."""
        key = story_key(title, lead)
        position = len(self._keys)
        self._keys.append((cluster_id, key))
        for gram in key:
            self._postings.setdefault(gram, []).append(position)

    def match(self, title: str, lead: str) -> int | None:
        """The cluster id of the most similar remembered story at or above the threshold."""
        key = story_key(title, lead)
        overlapping: set[int] = set()
        for gram in key:
            postings = self._postings.get(gram, ())
            if len(postings) <= MAX_POSTINGS:  # grams shared by everything tell nothing apart
                overlapping.update(postings)
        best_id: int | None = None
        best_score = self.threshold
        for position in sorted(overlapping):
            cluster_id, other = self._keys[position]
            score = jaccard(key, other)
            if score >= best_score:
                best_id, best_score = cluster_id, score
        return best_id
