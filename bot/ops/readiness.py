"""Readiness as pure logic: fresh loops and an answering database, judged on a given clock.

Two kinds of evidence: database heartbeats, shared by every process (fit for fleet-level facts
such as "someone ingests", which only the leader does), and in-memory loop stamps of this very
process (its own outbox sender), which another process's work can never stand in for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

# Heartbeat names written with `store.heartbeats.beat(name, now)` by the loops they watch.
# The sender's row is for fleet monitoring only: readiness reads this process's own loop stamp.
INGEST_HEARTBEAT = "ingest"
SENDER_HEARTBEAT = "outbox-sender"
SENDER_LOOP_NAME = "outbox sender (this process)"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock, timezone-aware UTC."""
    return datetime.now(UTC)


class HeartbeatReader(Protocol):
    """What readiness needs from the store: `store.heartbeats` satisfies it."""

    def get(self, name: str) -> datetime | None:
        """When the loop called `name` last reported success, or None if never."""
        ...


@dataclass(frozen=True)
class HeartbeatCheck:
    """A loop that must have beaten within `max_age`."""

    name: str
    max_age: timedelta


@dataclass(frozen=True)
class LoopCheck:
    """A loop of this process whose `last()` pass must be within `max_age`."""

    name: str
    max_age: timedelta
    last: Callable[[], datetime | None]


@dataclass(frozen=True)
class Readiness:
    """The verdict: ready or not, and each reason in words."""

    ready: bool
    problems: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """A JSON-ready body for the /readyz answer."""
        return {"ready": self.ready, "problems": list(self.problems)}


def allowance(interval_seconds: int, intervals: int = 3) -> timedelta:
    """How stale a loop may be: `intervals` missed ingest ticks."""
    return timedelta(seconds=interval_seconds * intervals)


def default_checks(interval_seconds: int, intervals: int = 3) -> tuple[HeartbeatCheck, ...]:
    """The ingest heartbeat, allowed `intervals` missed ticks.

    Only the leader ingests, but every process reads the same row: a follower is ready as long
    as someone ingests, and never unready merely because it does not ingest itself.
    """
    return (HeartbeatCheck(INGEST_HEARTBEAT, allowance(interval_seconds, intervals)),)


def sender_check(
    interval_seconds: int, last: Callable[[], datetime | None], intervals: int = 3
) -> LoopCheck:
    """This process's outbox sender, read through `last`, allowed `intervals` missed ticks."""
    return LoopCheck(SENDER_LOOP_NAME, allowance(interval_seconds, intervals), last)


class ReadinessProbe:
    """Judges readiness from heartbeats and loop stamps; a young process is given time."""

    def __init__(
        self,
        heartbeats: HeartbeatReader,
        checks: Sequence[HeartbeatCheck],
        *,
        loops: Sequence[LoopCheck] = (),
        clock: Clock = utc_now,
        started_at: datetime | None = None,
    ) -> None:
        self._heartbeats = heartbeats
        self._checks = tuple(checks)
        self._loops = tuple(loops)
        self._clock = clock
        # A fresh deployment has no heartbeat yet: give it one allowance before failing.
        self._started_at = started_at or clock()

    def check(self) -> Readiness:
        """Read every heartbeat (blocking database calls) and loop stamp; return the verdict."""
        now = self._clock()
        local = [
            problem
            for loop in self._loops
            if (problem := _judge(loop.name, loop.max_age, loop.last(), now, self._started_at))
        ]
        problems: list[str] = []
        for check in self._checks:
            try:
                last = self._heartbeats.get(check.name)
            except Exception as exc:
                # Any failure to read is the database not answering; say which kind.
                broken = f"database does not answer: {type(exc).__name__}"
                return Readiness(False, (broken, *local))
            problem = _judge(check.name, check.max_age, last, now, self._started_at)
            if problem:
                problems.append(problem)
        problems.extend(local)
        return Readiness(not problems, tuple(problems))


def _judge(
    name: str, max_age: timedelta, last: datetime | None, now: datetime, started: datetime
) -> str:
    if now - started <= max_age:
        return ""  # this process has not had a full allowance yet to produce a beat
    if last is None:
        return f"{name}: no heartbeat since start {int((now - started).total_seconds())}s ago"
    age = now - last
    if age > max_age:
        limit = int(max_age.total_seconds())
        return f"{name}: last heartbeat {int(age.total_seconds())}s ago (limit {limit}s)"
    return ""
