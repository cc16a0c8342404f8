"""Throttling of admin alerts: each subject (a feed, a kind of error) at most once per window.

`AlertThrottle` is pure logic on an injected clock, with its state in this process.
`SharedAlertThrottle` keeps the state in the database, so that several processes on one
PostgreSQL (each reporting its own unexpected errors) send one alert per subject and window
between them, and a restart does not send again; when the database cannot answer, it falls back
to its own in-process throttle (an alert about a failing database must still go out).
The chat layer formats and sends what these let through.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import traceback
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.ops.readiness import Clock, utc_now
from bot.store import ThrottleMarksRepository

log = logging.getLogger(__name__)

DEFAULT_WINDOW = timedelta(hours=1)
MAX_KEY_CHARS = 200  # the width of throttle_marks.key


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


class Throttle(Protocol):
    """Decides, per subject, whether an alert goes out now."""

    def admit(self, key: str) -> AlertDecision:
        """Decide about one alert on subject `key`, recording the decision."""
        ...


class SharedAlertThrottle:
    """`AlertThrottle` with its state in the database, shared by every process on it."""

    def __init__(
        self,
        marks: ThrottleMarksRepository,
        clock: Clock = utc_now,
        window: timedelta = DEFAULT_WINDOW,
    ) -> None:
        self._marks = marks
        self._clock = clock
        self._window = window
        self._fallback = AlertThrottle(clock, window)

    def admit(self, key: str) -> AlertDecision:
        """Decide about one alert on subject `key` for the whole fleet."""
        subject = f"alert:{key}"
        if len(subject) > MAX_KEY_CHARS:  # long file paths: keep the column bounded
            digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
            subject = f"{subject[: MAX_KEY_CHARS - 33]}#{digest}"
        try:
            admission = self._marks.admit(subject, self._clock(), self._window)
        except Exception:  # the database is down: this process decides alone
            log.warning("alert throttle: the database did not answer; deciding locally")
            return self._fallback.admit(key)
        return AlertDecision(admission.admitted, admission.held_back)
