"""Twice-daily, weekday and weekly digests at the right local times, DST included."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digest.build import build_due, render_for
from bot.digest.schedule import Rhythm, next_digest_at, next_slot
from bot.digest.subscribers import change_settings, subscribe
from bot.store import NewArticle, Region, SectionSummaryRecord, Store

NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%a %m-%d %H:%M %Z")


def walk(rhythm: Rhythm, zone: ZoneInfo, start: datetime, count: int) -> list[str]:
    """The next `count` digests, each computed as the scheduler does after sending one."""
    found: list[str] = []
    slot = next_slot(rhythm, zone, start)
    for _ in range(count):
        found.append(local(slot, zone))
        slot = next_slot(rhythm, zone, slot, last_digest_at=slot)
    return found


def test_daily_rhythm_is_todays_schedule():
    now = datetime(2026, 3, 6, 14, 0, tzinfo=UTC)
    slot = now
    for _ in range(10):
        expected = next_digest_at(time(2, 30), NEW_YORK, slot, slot)
        assert next_slot(Rhythm("daily", (time(2, 30),)), NEW_YORK, slot, slot) == expected
        slot = expected


def test_twice_a_day_fires_at_both_local_times_across_both_dst_changes():
    rhythm = Rhythm("twice", (time(18, 0), time(7, 30)))
    spring = walk(rhythm, NEW_YORK, datetime(2026, 3, 7, 6, 0, tzinfo=UTC), 5)
    assert spring == [
        "Sat 03-07 07:30 EST",
        "Sat 03-07 18:00 EST",
        "Sun 03-08 07:30 EDT",
        "Sun 03-08 18:00 EDT",
        "Mon 03-09 07:30 EDT",
    ]
    autumn = walk(rhythm, NEW_YORK, datetime(2026, 10, 31, 6, 0, tzinfo=UTC), 4)
    assert autumn == [
        "Sat 10-31 07:30 EDT",
        "Sat 10-31 18:00 EDT",
        "Sun 11-01 07:30 EST",
        "Sun 11-01 18:00 EST",
    ]


def test_a_repeated_time_goes_once_and_a_skipped_one_goes_after_the_jump():
    rhythm = Rhythm("twice", (time(1, 30), time(2, 30)))
    autumn = walk(rhythm, NEW_YORK, datetime(2026, 10, 31, 12, 0, tzinfo=UTC), 3)
    assert autumn == ["Sun 11-01 01:30 EDT", "Sun 11-01 02:30 EST", "Mon 11-02 01:30 EST"]
    spring = walk(rhythm, NEW_YORK, datetime(2026, 3, 7, 12, 0, tzinfo=UTC), 3)
    # 02:30 does not exist on 8 March: it goes at 03:30, after the jump, once.
    assert spring == ["Sun 03-08 01:30 EST", "Sun 03-08 03:30 EDT", "Mon 03-09 01:30 EDT"]


def test_weekdays_skip_the_weekend_across_both_dst_changes():
    rhythm = Rhythm("weekdays", (time(7, 0),))
    spring = walk(rhythm, NEW_YORK, datetime(2026, 3, 5, 15, 0, tzinfo=UTC), 3)
    assert spring == ["Fri 03-06 07:00 EST", "Mon 03-09 07:00 EDT", "Tue 03-10 07:00 EDT"]
    autumn = walk(rhythm, NEW_YORK, datetime(2026, 10, 29, 15, 0, tzinfo=UTC), 3)
    assert autumn == ["Fri 10-30 07:00 EDT", "Mon 11-02 07:00 EST", "Tue 11-03 07:00 EST"]


def test_weekly_keeps_its_day_and_local_time_across_both_dst_changes():
    sunday = Rhythm("weekly", (time(9, 0),), weekday=6)
    assert walk(sunday, NEW_YORK, datetime(2026, 3, 1, 15, 0, tzinfo=UTC), 3) == [
        "Sun 03-08 09:00 EDT",
        "Sun 03-15 09:00 EDT",
        "Sun 03-22 09:00 EDT",
    ]
    autumn = walk(sunday, NEW_YORK, datetime(2026, 10, 25, 14, 0, tzinfo=UTC), 2)
    assert autumn == ["Sun 11-01 09:00 EST", "Sun 11-08 09:00 EST"]
    gap = walk(
        Rhythm("weekly", (time(2, 30),), weekday=6), NEW_YORK, datetime(2026, 3, 2, tzinfo=UTC), 2
    )
    assert gap == ["Sun 03-08 03:30 EDT", "Sun 03-15 02:30 EDT"]


def test_shanghai_rhythms():
    assert walk(
        Rhythm("twice", (time(8, 0), time(20, 0))),
        SHANGHAI,
        datetime(2026, 5, 11, 11, 0, tzinfo=UTC),
        3,
    ) == [
        "Mon 05-11 20:00 CST",
        "Tue 05-12 08:00 CST",
        "Tue 05-12 20:00 CST",
    ]
    assert walk(
        Rhythm("weekdays", (time(8, 0),)), SHANGHAI, datetime(2026, 5, 15, 1, 0, tzinfo=UTC), 2
    ) == [
        "Mon 05-18 08:00 CST",
        "Tue 05-19 08:00 CST",
    ]
    assert walk(
        Rhythm("weekly", (time(8, 0),), weekday=0),
        SHANGHAI,
        datetime(2026, 5, 11, 1, 0, tzinfo=UTC),
        2,
    ) == [
        "Mon 05-18 08:00 CST",
        "Mon 05-25 08:00 CST",
    ]


def test_moving_a_time_after_its_slot_went_out_waits_for_the_next_slot():
    sent = datetime(2026, 5, 11, 0, 0, tzinfo=UTC)  # 08:00 Shanghai, the morning slot
    later_morning = Rhythm("twice", (time(9, 0), time(20, 0)))
    assert local(next_slot(later_morning, SHANGHAI, sent, sent), SHANGHAI) == "Mon 05-11 20:00 CST"
    # A digest asked for by hand before the first time counts as the morning slot.
    early = datetime(2026, 5, 10, 22, 0, tzinfo=UTC)  # 06:00 Shanghai
    assert (
        local(next_slot(later_morning, SHANGHAI, early, early), SHANGHAI) == "Mon 05-11 20:00 CST"
    )


# Through the digest tick, on both stores.

START = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def newsroom(store: Store) -> Store:
    store.regions.upsert(Region("nyc", {"en": "New York", "zh": "纽约"}))
    return store


def _article(store: Store, n: int, when: datetime, outlets: int = 1) -> None:
    first = None
    for k in range(outlets):
        stored = store.articles.add(
            NewArticle(
                url=f"https://news.example/{n}/{k}",
                title=f"Story {n}",
                source=f"Outlet {k}",
                first_seen_at=when,
                published_at=when,
                sections=(SectionSummaryRecord("", (f"Story {n} happened.",)),),
                regions=("nyc",),
                cluster_id=first,
            )
        )
        first = first or stored.id


def _fired(store: Store, chat_ids: list[int], until: datetime) -> dict[int, list[str]]:
    """Run the digest tick just before, at and just after each scheduled instant until
    `until`; the local times at which each chat got its digest."""
    fired: dict[int, list[str]] = {chat_id: [] for chat_id in chat_ids}
    while True:
        chats = [store.chats.get(chat_id) for chat_id in chat_ids]
        due = min(c.next_digest_at for c in chats if c is not None and c.next_digest_at)
        if due > until:
            return fired
        before = {c.chat_id: c.last_digest_at for c in chats if c is not None}
        zones = {c.chat_id: ZoneInfo(c.timezone) for c in chats if c is not None}
        build_due(store, due - timedelta(seconds=1))
        assert _lasts(store, chat_ids) == before, "nothing before its time"
        build_due(store, due)
        after = _lasts(store, chat_ids)
        for chat_id in chat_ids:
            if after[chat_id] != before[chat_id]:
                assert after[chat_id] == due
                fired[chat_id].append(local(due, zones[chat_id]))
        build_due(store, due + timedelta(seconds=30))
        assert _lasts(store, chat_ids) == after, "once"


def _lasts(store: Store, chat_ids: list[int]) -> dict[int, datetime | None]:
    found = {}
    for chat_id in chat_ids:
        chat = store.chats.get(chat_id)
        assert chat is not None
        found[chat_id] = chat.last_digest_at
    return found


def test_the_digest_tick_follows_each_rhythm_across_spring_forward(newsroom: Store):
    rhythms = {
        1: {"schedule_kind": "twice", "digest_time": "07:30", "digest_time2": "18:00"},
        2: {"schedule_kind": "weekdays", "digest_time": "07:00"},
        3: {"schedule_kind": "weekly", "digest_time": "09:00", "digest_weekday": 6},
    }
    for chat_id, fields in rhythms.items():
        newsroom.chats.ensure(chat_id, timezone="America/New_York", now=START)
        change_settings(newsroom, chat_id, 0, START, **fields)
        subscribe(newsroom, chat_id, 0, ["nyc"], START)
    fired = _fired(newsroom, [1, 2, 3], datetime(2026, 3, 10, 0, 0, tzinfo=UTC))
    assert fired[1] == [
        "Fri 03-06 07:30 EST",
        "Fri 03-06 18:00 EST",
        "Sat 03-07 07:30 EST",
        "Sat 03-07 18:00 EST",
        "Sun 03-08 07:30 EDT",
        "Sun 03-08 18:00 EDT",
        "Mon 03-09 07:30 EDT",
        "Mon 03-09 18:00 EDT",
    ]
    assert fired[2] == ["Mon 03-09 07:00 EDT"], "the weekend is skipped"
    assert fired[3] == ["Sun 03-08 09:00 EDT"]


def test_the_digest_tick_follows_each_rhythm_across_fall_back_and_in_shanghai(newsroom: Store):
    start = datetime(2026, 10, 30, 12, 0, tzinfo=UTC)
    rhythms = {
        # New York: 1 November 2026 repeats 01:00-02:00; the twice-daily 01:30 goes once.
        4: (
            "America/New_York",
            {"schedule_kind": "twice", "digest_time": "01:30", "digest_time2": "19:00"},
        ),
        5: ("America/New_York", {"schedule_kind": "weekdays", "digest_time": "08:00"}),
        6: (
            "America/New_York",
            {"schedule_kind": "weekly", "digest_time": "01:30", "digest_weekday": 6},
        ),
        7: (
            "Asia/Shanghai",
            {"schedule_kind": "twice", "digest_time": "08:00", "digest_time2": "20:00"},
        ),
        8: (
            "Asia/Shanghai",
            {"schedule_kind": "weekly", "digest_time": "08:00", "digest_weekday": 0},
        ),
    }
    for chat_id, (zone, fields) in rhythms.items():
        newsroom.chats.ensure(chat_id, timezone=zone, now=start)
        change_settings(newsroom, chat_id, 0, start, **fields)
        subscribe(newsroom, chat_id, 0, ["nyc"], start)
    fired = _fired(newsroom, list(rhythms), datetime(2026, 11, 3, 0, 0, tzinfo=UTC))
    assert fired[4] == [
        "Fri 10-30 19:00 EDT",
        "Sat 10-31 01:30 EDT",
        "Sat 10-31 19:00 EDT",
        "Sun 11-01 01:30 EDT",
        "Sun 11-01 19:00 EST",
        "Mon 11-02 01:30 EST",
        "Mon 11-02 19:00 EST",
    ]
    assert fired[5] == ["Mon 11-02 08:00 EST"]
    assert fired[6] == ["Sun 11-01 01:30 EDT"]
    assert fired[7] == [
        "Sat 10-31 08:00 CST",
        "Sat 10-31 20:00 CST",
        "Sun 11-01 08:00 CST",
        "Sun 11-01 20:00 CST",
        "Mon 11-02 08:00 CST",
        "Mon 11-02 20:00 CST",
        "Tue 11-03 08:00 CST",
    ]
    assert fired[8] == ["Mon 11-02 08:00 CST"]


def test_a_weekly_digest_ranks_by_outlets_then_newest_and_caps(newsroom: Store):
    newsroom.chats.ensure(9, timezone="America/New_York", now=START)
    change_settings(
        newsroom, 9, 0, START, schedule_kind="weekly", digest_time="09:00", digest_weekday=6
    )
    subscribe(newsroom, 9, 0, ["nyc"], START)
    for n in range(14):
        _article(newsroom, n, START - timedelta(days=6) + timedelta(hours=n))
    _article(newsroom, 90, START - timedelta(days=5), outlets=3)
    _article(newsroom, 91, START - timedelta(days=6), outlets=2)
    chat = newsroom.chats.get(9)
    assert chat is not None
    _key, start, parts = render_for(newsroom, chat, START)
    assert start == START - timedelta(days=7)
    text = "\n".join(parts)
    assert "Your week in news" in text
    order = [text.index(f"Story {n}<") for n in (90, 91, 13, 12)]
    assert order == sorted(order), "most outlets first, then newest"
    assert "Story 8<" in text
    assert "Story 7<" not in text, "capped at eight stories a region"
    assert "…and 8 more" in text
