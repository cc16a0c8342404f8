"""Budgets for stock sumy summarizers: a sentence count plus an optional character cap.

sumy's summarizers hand their rating-sorted candidates to a "count" callable; giving them
this one makes every stock algorithm honour `max_chars` with no change to sumy.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from sumy.summarizers.random import RandomSummarizer


class BudgetCount:
    """Keep the best-rated sentences while they fit `count` and `max_chars` (one always)."""

    def __init__(self, count: int, max_chars: int | None) -> None:
        self.count = count
        self.max_chars = max_chars

    def __call__(self, infos: Sequence[Any]) -> list[Any]:
        """Filter sumy's SentenceInfo list, sorted best first."""
        if self.max_chars is None:
            return list(infos[: self.count])
        kept: list[Any] = []
        used = 0
        for info in infos:
            if len(kept) >= self.count:
                break
            size = len(str(info.sentence)) + (1 if kept else 0)
            if not kept or used + size <= self.max_chars:
                kept.append(info)
                used += size
        return kept


class SeededRandomSummarizer(RandomSummarizer):  # type: ignore[misc]
    """sumy's random baseline with a fixed seed, so benches and tests are repeatable."""

    seed = 20240601

    def _get_random_ratings(self, sentences: Sequence[Any]) -> dict[Any, int]:
        ratings = list(range(len(sentences)))
        random.Random(self.seed + len(sentences)).shuffle(ratings)
        return dict(zip(sentences, ratings, strict=True))
