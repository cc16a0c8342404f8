"""When a feed is checked next: a steady interval on success, exponential backoff on failure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


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

    def after_success(self, now: datetime) -> dict[str, Any]:
        """Feed fields to write after a successful check (200 or 304)."""
        return {
            "next_check_at": now + self.interval,
            "error_count": 0,
            "last_error": None,
            "last_success_at": now,
            "state": "active",
        }

    def after_failure(self, now: datetime, previous_errors: int, message: str) -> dict[str, Any]:
        """Feed fields to write after a failure; pauses the feed after `pause_after` in a row."""
        count = previous_errors + 1
        fields: dict[str, Any] = {
            "next_check_at": now + self.backoff(count),
            "error_count": count,
            "last_error": message[:500],
        }
        if count >= self.pause_after:
            fields["state"] = "paused"
        return fields
