"""When a feed is checked next: a steady interval on success, exponential backoff on failure.

`FeedsRepository.record_check` applies this policy to a check's outcome, so counting failures,
backing off and pausing happen in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

MAX_REASON_CHARS = 500
"""How much of a failure's reason is kept on the feed."""


@dataclass(frozen=True)
class FeedSchedule:
    """Polling and backoff policy for feeds."""

    interval: timedelta = timedelta(minutes=15)
    backoff_base: timedelta = timedelta(minutes=1)
    backoff_cap: timedelta = timedelta(hours=6)
    pause_after: int = 8

    def backoff(self, error_count: int) -> timedelta:
        """2^(n-1) base units after the n-th consecutive failure, capped."""
        exponent = max(0, min(error_count - 1, 30))
        delay: timedelta = self.backoff_base * (2**exponent)
        return min(delay, self.backoff_cap)

    def pauses(self, error_count: int) -> bool:
        """True when this many failures in a row pause the feed."""
        return error_count >= self.pause_after
