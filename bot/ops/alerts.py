"""Throttling of admin alerts: each subject (a feed, a kind of error) at most once per window.

Pure logic on an injected clock; the chat layer formats and sends what this lets through.
State is per process, which matches who raises alerts: only the leader ingests (feed alerts),
and each process reports its own unexpected errors.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.ops.readiness import Clock, utc_now

DEFAULT_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class AlertDecision:
    """Whether to send now, and how many alerts on the same subject were held back before it."""

    send: bool
    suppressed: int = 0


def feed_key(feed_id: int) -> str:
    """The throttle subject of everything about one feed (errors, pausing)."""
    return f"feed:{feed_id}"


def error_key(exc: BaseException) -> str:
    """The throttle subject of an unexpected error: its type and the line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"error:{type(exc).__qualname__}:{where}"


class AlertThrottle:
    """Lets the first alert per subject through, then one per `window`, counting the rest."""

    def __init__(
        self, clock: Clock = utc_now, window: timedelta = DEFAULT_WINDOW, max_subjects: int = 10_000
    ) -> None:
        self._clock = clock
        self._window = window
        self._max_subjects = max_subjects
        self._last_sent: dict[str, datetime] = {}
        self._held: dict[str, int] = {}
        self._lock = threading.Lock()

    def admit(self, key: str) -> AlertDecision:
        """Decide about one alert on subject `key`, recording the decision."""
        now = self._clock()
        with self._lock:
            last = self._last_sent.get(key)
            if last is not None and now - last < self._window:
                self._held[key] = self._held.get(key, 0) + 1
                return AlertDecision(send=False)
            if len(self._last_sent) >= self._max_subjects:
                self._forget_expired(now)
            self._last_sent[key] = now
            return AlertDecision(send=True, suppressed=self._held.pop(key, 0))

    def _forget_expired(self, now: datetime) -> None:
        # Only subjects whose window has passed are dropped, so none can alert early.
        expired = [k for k, at in self._last_sent.items() if now - at >= self._window]
        for key in expired:
            del self._last_sent[key]
