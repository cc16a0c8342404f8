"""Delivery pacing of the outbox: the global rate, per-chat spacing and retry backoff (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pacing:
    """How fast the outbox may go.

    Telegram allows about 30 messages a second overall, one a second in a private chat and
    twenty a minute in a group; the defaults stay a little under each.
    """

    global_rate: float = 25.0
    private_interval: float = 1.0
    group_interval: float = 3.0
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    max_attempts: int = 8

    def chat_interval(self, chat_id: int) -> float:
        """Seconds between two messages to one chat (groups and channels have negative ids)."""
        return self.group_interval if chat_id < 0 else self.private_interval

    def backoff(self, attempts: int) -> float:
        """Seconds before retrying after `attempts` failed tries: 2, 4, 8 ... capped."""
        return float(min(self.backoff_cap, self.backoff_base * 2 ** max(0, attempts - 1)))
