"""A send rate shared by every process on one PostgreSQL: time slots handed out from one row.

This is the generic cell rate algorithm with the "theoretical arrival time" kept in the
database: each booking takes the later of that time and now as its slot and pushes the
time on by one interval, in a single atomic UPDATE. However many processes book, no two
slots are closer than `1 / rate`, so the total rate holds. Time comes from the database's
clock, so hosts with skewed clocks still agree.

`book` adds a horizon: the slot is only taken when it begins within `horizon` seconds. Command
replies book with a long horizon and the digest broadcast with a short one, so while replies
queue the broadcast waits, in every process at once: replies go first fleet-wide. `pause`
pushes the next slot past a flood-control wait for every process.

The row lives in the `send_slots` table (revision 0007_send_slots), one row per budget name.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text

from bot.store.engine import write_transaction

SLOT_ROW = "outbox"
# A slot time further ahead than this is a leftover of a slower rate configured earlier,
# not a queue of live reservations: start again from now rather than stall. It must exceed
# every horizon and pause callers use.
MAX_AHEAD_SECONDS = 120.0

_ENSURE = text(
    "INSERT INTO send_slots (name, next_at) VALUES (:name, clock_timestamp()) "
    "ON CONFLICT (name) DO NOTHING"
)
# The WHERE clause is checked again on the newest row version after waiting for its lock, so
# two processes never both take a slot that only one of them fits.
_BOOK = text(
    """
    UPDATE send_slots SET next_at = GREATEST(
        CASE WHEN next_at > clock_timestamp() + make_interval(secs => :ahead)
             THEN clock_timestamp() ELSE next_at END,
        clock_timestamp()
    ) + make_interval(secs => :step)
    WHERE name = :name
      AND (next_at <= clock_timestamp() + make_interval(secs => :horizon)
           OR next_at > clock_timestamp() + make_interval(secs => :ahead))
    RETURNING EXTRACT(EPOCH FROM (next_at - make_interval(secs => :step) - clock_timestamp()))
        AS wait
    """
)
_UNTIL_FREE = text(
    "SELECT EXTRACT(EPOCH FROM (next_at - clock_timestamp())) FROM send_slots WHERE name = :name"
)
_PAUSE = text(
    """
    UPDATE send_slots
    SET next_at = GREATEST(next_at, clock_timestamp() + make_interval(secs => :pause))
    WHERE name = :name
    """
)


@dataclass(frozen=True)
class Booking:
    """A slot taken (`granted`, begins in `wait` seconds) or refused (ask again in `wait`)."""

    granted: bool
    wait: float


class SendSlots:
    """Reserve send slots at a global rate (PostgreSQL only; SQLite runs one process)."""

    def __init__(self, engine: Engine, name: str = SLOT_ROW) -> None:
        if engine.dialect.name != "postgresql":
            raise ValueError("shared send slots need PostgreSQL")
        self._engine = engine
        self._name = name
        self._ensured = False

    def _ensure(self) -> None:
        # The row is created in a transaction of its own and only counted as there once that
        # commits: a thread that skipped creating it must never update a row not yet visible.
        if self._ensured:
            return
        with write_transaction(self._engine) as conn:
            conn.execute(_ENSURE, {"name": self._name})
        self._ensured = True

    def book(self, interval_seconds: float, horizon_seconds: float) -> Booking:
        """Take the next slot if it begins within `horizon_seconds`; otherwise say when to ask."""
        if interval_seconds <= 0 or not 0 <= horizon_seconds < MAX_AHEAD_SECONDS:
            raise ValueError("interval must be positive and the horizon below MAX_AHEAD_SECONDS")
        params = {
            "name": self._name,
            "step": interval_seconds,
            "ahead": MAX_AHEAD_SECONDS,
            "horizon": horizon_seconds,
        }
        self._ensure()
        with write_transaction(self._engine) as conn:
            wait = conn.execute(_BOOK, params).scalar_one_or_none()
            if wait is not None:
                return Booking(True, max(0.0, float(wait)))
            until_free = conn.execute(_UNTIL_FREE, {"name": self._name}).scalar_one_or_none()
        if until_free is None:  # the row is gone (a wiped table): create it on the next call
            self._ensured = False
            return Booking(False, 0.0)
        return Booking(False, max(0.0, float(until_free) - horizon_seconds))

    def pause(self, seconds: float) -> None:
        """Give out no slot for the next `seconds` (flood control paused the whole bot)."""
        seconds = min(max(0.0, seconds), MAX_AHEAD_SECONDS / 2)
        self._ensure()
        with write_transaction(self._engine) as conn:
            conn.execute(_PAUSE, {"name": self._name, "pause": seconds})
