"""A send rate shared by every process on one PostgreSQL: time slots handed out from one row.

This is the generic cell rate algorithm with the "theoretical arrival time" kept in the
database: each reservation takes the later of that time and now as its slot and pushes the
time on by one interval, in a single atomic UPDATE. However many processes reserve, no two
slots are closer than `1 / rate`, so the total rate holds. Time comes from the database's
clock, so hosts with skewed clocks still agree.

The row lives in the `heartbeats` table, whose (name, time) shape is exactly what is needed,
so no schema change is involved; readiness only ever reads the names it checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, text

from bot.store.engine import write_transaction

SLOT_ROW = "outbox-send-slot"
# A slot time further ahead than this is a leftover of a slower rate configured earlier,
# not a queue of live reservations: start again from now rather than stall.
MAX_AHEAD_SECONDS = 30.0

_RESERVE = text(
    """
    INSERT INTO heartbeats (name, at)
    VALUES (:name, clock_timestamp() + make_interval(secs => :step))
    ON CONFLICT (name) DO UPDATE SET at = GREATEST(
        CASE WHEN heartbeats.at > clock_timestamp() + make_interval(secs => :ahead)
             THEN clock_timestamp() ELSE heartbeats.at END,
        clock_timestamp()
    ) + make_interval(secs => :step)
    RETURNING at - make_interval(secs => :step) AS slot,
              EXTRACT(EPOCH FROM (at - make_interval(secs => :step) - clock_timestamp())) AS wait
    """
)


@dataclass(frozen=True)
class Reservation:
    """The first reserved slot (database time) and how long to wait for it from now."""

    slot: datetime
    wait_seconds: float


class SendSlots:
    """Reserve send slots at a global rate (PostgreSQL only; SQLite runs one process)."""

    def __init__(self, engine: Engine, name: str = SLOT_ROW) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("shared send slots need PostgreSQL")
        self._engine = engine
        self._name = name

    def reserve(self, interval_seconds: float, count: int = 1) -> Reservation:
        """Take `count` consecutive slots `interval_seconds` apart; the first one is returned."""
        if interval_seconds <= 0 or count < 1:
            raise ValueError("interval must be positive and count at least 1")
        params = {
            "name": self._name,
            "step": interval_seconds * count,
            "ahead": MAX_AHEAD_SECONDS,
        }
        with write_transaction(self._engine) as conn:
            row = conn.execute(_RESERVE, params).one()
        return Reservation(row.slot, max(0.0, float(row.wait)))
