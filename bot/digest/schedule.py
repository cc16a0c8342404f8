"""When a chat's next digest goes: its local HH:MM in its IANA time zone, as a UTC instant.

Rules (daylight saving included):
- one digest per local calendar day, at the first instant that day shows the digest time;
- a time skipped by a spring-forward jump goes at the same offset from midnight as before the
  jump (02:30 on a day jumping 02:00 -> 03:00 goes at 03:30 local), never skipped;
- a time repeated by a fall-back goes once, on its first occurrence;
- a day that already had its digest never gets a second one, even if the time is moved later.

Other rhythms (`Rhythm`, `next_slot`): twice a day, weekdays only, weekly; the same rules
hold for each of their slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.digest.errors import DigestError

_HHMM = re.compile(r"^\s*(\d{1,2})[:：.](\d{2})\s*$")


def parse_digest_time(text: str) -> time:
    """Parse "HH:MM" (24-hour; "8:05" and the full-width colon accepted) into a time."""
    match = _HHMM.match(text)
    if match is None:
        raise DigestError(f"{text!r} is not a time of day like 08:00")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise DigestError(f"{text!r} is not a time of day like 08:00")
    return time(hour, minute)


def format_digest_time(value: time) -> str:
    """Format a digest time the way it is stored and shown: "HH:MM"."""
    return f"{value.hour:02d}:{value.minute:02d}"


def load_zone(name: str) -> ZoneInfo:
    """Return the IANA zone called `name`, or raise DigestError with a readable message."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise DigestError(f"{name!r} is not a known time zone, e.g. Asia/Shanghai") from None


def occurrence(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant at which local `day` shows `at` (gap: shifted forward; fold: first)."""
    # fold=0 maps a repeated wall time to its first occurrence and a skipped one to the offset
    # in force before the jump, i.e. forward by the size of the gap; both are what we want.
    local = datetime.combine(day, at, tzinfo=zone).replace(fold=0)
    return local.astimezone(UTC)


def next_digest_at(
    at: time, zone: ZoneInfo, now: datetime, last_digest_at: datetime | None = None
) -> datetime:
    """The first digest instant strictly after `now` on a local day later than the last digest's.

    `now` and `last_digest_at` must be timezone-aware. The result is aware UTC.
    """
    _require_aware(now)
    local_today = now.astimezone(zone).date()
    earliest_day = local_today
    if last_digest_at is not None:
        _require_aware(last_digest_at)
        last_day = last_digest_at.astimezone(zone).date()
        earliest_day = max(earliest_day, last_day + timedelta(days=1))
    # Three days suffice: today's slot may have passed, tomorrow's exists (no zone skips a day
    # at a given wall time twice in a row); the extra day covers zones that skipped a whole date.
    for offset in range(4):
        candidate = occurrence(earliest_day + timedelta(days=offset), at, zone)
        if candidate > now:
            return candidate
    raise DigestError("could not find the next digest time")  # pragma: no cover


def is_due(next_at: datetime | None, now: datetime) -> bool:
    """A chat is due when its scheduled instant has come."""
    return next_at is not None and next_at <= now


def _require_aware(value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise DigestError("timestamps must carry a time zone")


ScheduleKind = Literal["daily", "twice", "weekdays", "weekly"]
SCHEDULE_KINDS: tuple[ScheduleKind, ...] = ("daily", "twice", "weekdays", "weekly")
_SEARCH_DAYS = 16  # a weekly slot is at most 7 days on; twice that covers skipped dates


@dataclass(frozen=True)
class Rhythm:
    """How often a chat's digest goes: its kind, the local times, and the weekday (weekly).

    `times` holds one time (daily, weekdays, weekly) or two (twice a day); `weekday` counts
    from Monday = 0 and matters only for "weekly".
    """

    kind: ScheduleKind = "daily"
    times: tuple[time, ...] = (time(8, 0),)
    weekday: int = 0

    def runs_on(self, day: date) -> bool:
        """True when the rhythm has digests on this local calendar day."""
        if self.kind == "weekdays":
            return day.weekday() < 5
        if self.kind == "weekly":
            return day.weekday() == self.weekday
        return True

    def slot_times(self) -> tuple[time, ...]:
        """The day's digest times in order (two for "twice", else the first one)."""
        times = sorted(set(self.times)) or [time(8, 0)]
        return tuple(times) if self.kind == "twice" else (times[0],)


def slot_index(instant: datetime, day: date, times: tuple[time, ...], zone: ZoneInfo) -> int:
    """Which of the day's slots a digest at `instant` served: the last one already begun.

    A digest before the day's first time (one asked for by hand) counts as the first slot,
    so the scheduled one does not repeat it.
    """
    index = 0
    for position, at in enumerate(times):
        if occurrence(day, at, zone) <= instant:
            index = position
    return index


def next_slot(
    rhythm: Rhythm, zone: ZoneInfo, now: datetime, last_digest_at: datetime | None = None
) -> datetime:
    """The rhythm's first digest instant after `now` whose slot has not had a digest yet.

    The daily rules hold per slot: a skipped wall time goes right after the jump, a repeated
    one goes once, and moving a time after its slot's digest went out waits for the next slot.
    """
    _require_aware(now)
    times = rhythm.slot_times()
    start = now.astimezone(zone).date()
    last_day: date | None = None
    served = -1
    if last_digest_at is not None:
        _require_aware(last_digest_at)
        last_day = last_digest_at.astimezone(zone).date()
        served = slot_index(last_digest_at, last_day, times, zone)
        start = max(start, last_day)
    for offset in range(_SEARCH_DAYS):
        day = start + timedelta(days=offset)
        if not rhythm.runs_on(day):
            continue
        for position, at in enumerate(times):
            if day == last_day and position <= served:
                continue
            candidate = occurrence(day, at, zone)
            if candidate > now:
                return candidate
    raise DigestError("could not find the next digest time")  # pragma: no cover
