"""Readiness as pure logic: fresh heartbeats and an answering database, judged on a given clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

# Heartbeat names written with `store.heartbeats.beat(name, now)` by the loops they watch.
INGEST_HEARTBEAT = "ingest"
SENDER_HEARTBEAT = "outbox-sender"

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
class Readiness:
    """The verdict: ready or not, and each reason in words."""

    ready: bool
    problems: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """A JSON-ready body for the /readyz answer."""
        return {"ready": self.ready, "problems": list(self.problems)}


def default_checks(interval_seconds: int, intervals: int = 3) -> tuple[HeartbeatCheck, ...]:
    """Ingest and outbox-sender heartbeats, each allowed `intervals` missed ticks."""
    max_age = timedelta(seconds=interval_seconds * intervals)
    return (HeartbeatCheck(INGEST_HEARTBEAT, max_age), HeartbeatCheck(SENDER_HEARTBEAT, max_age))


class ReadinessProbe:
    """Judges readiness from heartbeats; stale or missing ones are forgiven in a young process."""

    def __init__(
        self,
        heartbeats: HeartbeatReader,
        checks: Sequence[HeartbeatCheck],
        *,
        clock: Clock = utc_now,
        started_at: datetime | None = None,
    ) -> None:
        self._heartbeats = heartbeats
        self._checks = tuple(checks)
        self._clock = clock
        # A fresh deployment has no heartbeat yet: give it one allowance before failing.
        self._started_at = started_at or clock()

    def check(self) -> Readiness:
        """Read every heartbeat (blocking database calls) and return the verdict."""
        now = self._clock()
        problems: list[str] = []
        for check in self._checks:
            try:
                last = self._heartbeats.get(check.name)
            except Exception as exc:
                # Any failure to read is the database not answering; say which kind.
                return Readiness(False, (f"database does not answer: {type(exc).__name__}",))
            problem = _judge(check, last, now, self._started_at)
            if problem:
                problems.append(problem)
        return Readiness(not problems, tuple(problems))


def _judge(check: HeartbeatCheck, last: datetime | None, now: datetime, started: datetime) -> str:
    if now - started <= check.max_age:
        return ""  # this process has not had a full allowance yet to produce a beat
    if last is None:
        return f"{check.name}: no heartbeat since start {int((now - started).total_seconds())}s ago"
    age = now - last
    if age > check.max_age:
        limit = int(check.max_age.total_seconds())
        return f"{check.name}: last heartbeat {int(age.total_seconds())}s ago (limit {limit}s)"
    return ""
