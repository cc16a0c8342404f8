from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digest.errors import DigestError
from bot.digest.schedule import is_due, load_zone, next_digest_at, parse_digest_time

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_eight_in_shanghai_is_midnight_utc() -> None:
    now = utc(2026, 5, 11, 12, 0)  # 20:00 in Shanghai
    assert next_digest_at(time(8, 0), SHANGHAI, now) == utc(2026, 5, 12, 0, 0)
    # Just before 08:00 local it is today's; at 08:00 exactly it is tomorrow's (strictly after).
    assert next_digest_at(time(8, 0), SHANGHAI, utc(2026, 5, 11, 23, 59)) == utc(2026, 5, 12, 0, 0)
    assert next_digest_at(time(8, 0), SHANGHAI, utc(2026, 5, 12, 0, 0)) == utc(2026, 5, 13, 0, 0)


def test_new_york_keeps_local_time_across_spring_forward() -> None:
    # 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
    before = next_digest_at(time(8, 0), NEW_YORK, utc(2026, 3, 7, 14, 0))
    assert before == utc(2026, 3, 8, 12, 0)  # 08:00 EDT
    assert before.astimezone(NEW_YORK).hour == 8
    previous = next_digest_at(time(8, 0), NEW_YORK, utc(2026, 3, 6, 14, 0))
    assert previous == utc(2026, 3, 7, 13, 0)  # 08:00 EST
    assert before - previous == timedelta(hours=23)


def test_a_time_in_the_spring_gap_goes_once_after_the_jump() -> None:
    day_before = utc(2026, 3, 7, 12, 0)
    slot = next_digest_at(time(2, 30), NEW_YORK, day_before)
    assert slot == utc(2026, 3, 8, 7, 30)
    assert slot.astimezone(NEW_YORK).strftime("%H:%M %Z") == "03:30 EDT"
    following = next_digest_at(time(2, 30), NEW_YORK, slot, last_digest_at=slot)
    assert following.astimezone(NEW_YORK).strftime("%m-%d %H:%M") == "03-09 02:30"


def test_the_repeated_hour_of_fall_back_goes_once() -> None:
    # 2026-11-01: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    first = next_digest_at(time(1, 30), NEW_YORK, utc(2026, 10, 31, 12, 0))
    assert first == utc(2026, 11, 1, 5, 30)
    second = next_digest_at(time(1, 30), NEW_YORK, first, last_digest_at=first)
    assert second == utc(2026, 11, 2, 6, 30)  # the next day, 01:30 EST
    # Even asked during the repeated hour, the same day is not served twice.
    assert next_digest_at(time(1, 30), NEW_YORK, utc(2026, 11, 1, 6, 0), first) == second


def test_eight_am_new_york_across_fall_back() -> None:
    sat = next_digest_at(time(8, 0), NEW_YORK, utc(2026, 10, 31, 0, 0))
    sun = next_digest_at(time(8, 0), NEW_YORK, sat, last_digest_at=sat)
    assert (sat, sun) == (utc(2026, 10, 31, 12, 0), utc(2026, 11, 1, 13, 0))
    assert sun - sat == timedelta(hours=25)


def test_moving_the_time_after_todays_digest_waits_for_tomorrow() -> None:
    sent = utc(2026, 5, 12, 0, 0)  # today's 08:00 Shanghai digest went out
    now = sent + timedelta(hours=1)  # 09:00 local; the user moves the time to 18:00
    assert next_digest_at(time(18, 0), SHANGHAI, now, last_digest_at=sent) == utc(
        2026, 5, 13, 10, 0
    )
    # Without a digest today, a later time today is still today's.
    yesterday = sent - timedelta(days=1)
    assert next_digest_at(time(18, 0), SHANGHAI, now, yesterday) == utc(2026, 5, 12, 10, 0)


def test_due_means_the_time_has_come() -> None:
    at = utc(2026, 5, 12, 0, 0)
    assert is_due(at, at)
    assert is_due(at, at + timedelta(seconds=1))
    assert not is_due(at, at - timedelta(seconds=1))
    assert not is_due(None, at)


@pytest.mark.parametrize("text", ["8:00", "08:00", "08：00", " 23:59 "])
def test_parse_time_accepts(text: str) -> None:
    assert parse_digest_time(text) in {time(8, 0), time(23, 59)}


@pytest.mark.parametrize("text", ["24:00", "8", "08:60", "noon", "", "-1:00"])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(DigestError):
        parse_digest_time(text)


def test_unknown_zone_is_a_digest_error() -> None:
    with pytest.raises(DigestError, match="time zone"):
        load_zone("Mars/Olympus_Mons")
    with pytest.raises(DigestError):
        load_zone("../etc/passwd")


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(DigestError):
        next_digest_at(time(8, 0), SHANGHAI, datetime(2026, 5, 12))
