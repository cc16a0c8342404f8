"""When a chat's next digest goes: its local HH:MM in its IANA time zone, as a UTC instant.

Rules (daylight saving included):
- one digest per local calendar day, at the first instant that day shows the digest time;
- a time skipped by a spring-forward jump goes at the same offset from midnight as before the
  jump (02:30 on a day jumping 02:00 -> 03:00 goes at 03:30 local), never skipped;
- a time repeated by a fall-back goes once, on its first occurrence;
- a day that already had its digest never gets a second one, even if the time is moved later.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
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
