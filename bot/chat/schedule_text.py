"""Pure parsing and wording of digest rhythms and quiet hours for `/settings`."""

from __future__ import annotations

import re
from typing import Any

from bot.digest.errors import DigestError
from bot.digest.schedule import format_digest_time, parse_digest_time
from bot.i18n import t, weekday_name
from bot.store import ChatRecord

_KINDS = {
    "daily": "daily", "day": "daily", "everyday": "daily", "每天": "daily", "每日": "daily",
    "twice": "twice", "2x": "twice", "两次": "twice", "每天两次": "twice", "一天两次": "twice",
    "weekdays": "weekdays", "weekday": "weekdays", "workdays": "weekdays", "工作日": "weekdays",
    "weekly": "weekly", "week": "weekly", "每周": "weekly", "每星期": "weekly",
}  # fmt: skip
_DAYS = {
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{
        name: n
        for n, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{f"周{c}": n for n, c in enumerate("一二三四五六日")},
    **{f"星期{c}": n for n, c in enumerate("一二三四五六日")},
    "周天": 6,
    "星期天": 6,
}
_OFF = {"off", "none", "no", "关闭", "无", "-"}
_RANGE = re.compile(r"^\s*(\S+?)\s*(?:-|–|—|~|to|至|到|\s)\s*(\S+)\s*$")


def _time(text: str) -> str | None:
    try:
        return format_digest_time(parse_digest_time(text))
    except DigestError:
        return None


def parse_schedule(value: str) -> dict[str, Any] | None:
    """`daily 08:00`, `twice 08:00 18:00`, `weekdays 07:30`, `weekly sun 09:00` as chat fields.

    The time may be left out of daily, weekdays and weekly (the current one stays). None when
    the value cannot be understood.
    """
    tokens = value.split()
    if not tokens:
        return None
    kind = _KINDS.get(tokens[0].casefold())
    rest = tokens[1:]
    if kind is None:
        return None
    fields: dict[str, Any] = {"schedule_kind": kind}
    if kind == "weekly":
        if not rest or rest[0].casefold() not in _DAYS:
            return None
        fields["digest_weekday"] = _DAYS[rest[0].casefold()]
        rest = rest[1:]
    wanted = 2 if kind == "twice" else 1
    if kind == "twice" and len(rest) != 2:
        return None
    if len(rest) > wanted:
        return None
    times = [_time(token) for token in rest]
    if any(value is None for value in times):
        return None
    if kind == "twice":
        if times[0] == times[1]:
            return None
        fields["digest_time"], fields["digest_time2"] = times
    elif times:
        fields["digest_time"] = times[0]
    return fields


def parse_quiet(value: str) -> dict[str, Any] | None:
    """`22:00-07:00` (or `22:00 07:00`) as quiet hours, `off` to end them; None if unclear."""
    if value.strip().casefold() in _OFF:
        return {"quiet_start": None, "quiet_end": None}
    match = _RANGE.match(value)
    if match is None:
        return None
    start, end = _time(match.group(1)), _time(match.group(2))
    if start is None or end is None or start == end:
        return None
    return {"quiet_start": start, "quiet_end": end}


def describe_schedule(language: str, record: ChatRecord | None) -> str:
    """The chat's rhythm in words: "daily at 08:00", "twice a day at 08:00 and 18:00"…"""
    if record is None:
        return t(language, "schedule_daily", time="08:00")
    kind = record.schedule_kind
    if kind == "twice" and record.digest_time2:
        first, second = sorted([record.digest_time, record.digest_time2])
        return t(language, "schedule_twice", time=first, time2=second)
    if kind == "weekdays":
        return t(language, "schedule_weekdays", time=record.digest_time)
    if kind == "weekly" and record.digest_weekday in range(7):
        day = weekday_name(record.digest_weekday or 0, language)
        return t(language, "schedule_weekly", day=day, time=record.digest_time)
    return t(language, "schedule_daily", time=record.digest_time)


def describe_quiet(language: str, record: ChatRecord | None) -> str:
    """The chat's alert quiet hours, or "none"."""
    if record is None or not record.quiet_start or not record.quiet_end:
        return t(language, "none")
    return f"{record.quiet_start}–{record.quiet_end}"
