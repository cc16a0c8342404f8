"""Process-local liveness: a long-running loop stamps each pass, readiness reads the stamp.

A database heartbeat row is shared by every process of a deployment, so it cannot tell
whether the loop of *this* process still runs; a stamp held in memory can.
"""

from __future__ import annotations

from datetime import datetime


class LoopStamp:
    """When a loop of this process last completed a pass, or None before its first one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._last: datetime | None = None

    def mark(self, at: datetime) -> None:
        """Record a completed pass at `at` (called from the loop's own thread)."""
        # A single reference assignment: readers on other threads see the old or the new value.
        self._last = at

    def last(self) -> datetime | None:
        """The latest recorded pass (safe to call from any thread)."""
        return self._last


# The outbox sender of this process: `newsbot run` starts one, and its /readyz reads this stamp.
SENDER_LOOP = LoopStamp("outbox sender")
