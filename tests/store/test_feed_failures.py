"""The per-day feed failure history behind /stats, on both stores."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.ops.stats_data import collect_stats
from bot.store import CheckFailed, CheckSucceeded, Store

DAY = date(2024, 11, 29)


def test_record_failure_adds_up_per_day_and_feed(store: Store) -> None:
    one = store.feeds.add("https://one.example/feed.xml")
    two = store.feeds.add("https://two.example/feed.xml")
    assert store.feeds.record_failure(one.id, DAY)
    assert store.feeds.record_failure(one.id, DAY)
    assert store.feeds.record_failure(two.id, DAY, count=3)
    assert store.feeds.record_failure(one.id, DAY - timedelta(days=2))
    assert store.feeds.failures_by_day(DAY - timedelta(days=13)) == {
        DAY: 5,
        DAY - timedelta(days=2): 1,
    }
    assert store.feeds.failures_by_day(DAY, feed_id=one.id) == {DAY: 2}
    assert store.feeds.failures_by_day(DAY + timedelta(days=1)) == {}


def test_unknown_feed_is_not_recorded(store: Store) -> None:
    assert not store.feeds.record_failure(987654, DAY)
    assert store.feeds.failures_by_day(DAY) == {}


def test_removing_a_feed_removes_its_history(store: Store) -> None:
    feed = store.feeds.add("https://gone.example/feed.xml")
    store.feeds.record_failure(feed.id, DAY)
    assert store.feeds.remove(feed.id)
    assert store.feeds.failures_by_day(DAY) == {}


def test_each_failed_check_records_one_failure_on_its_day(store: Store) -> None:
    feed = store.feeds.add("https://flaky.example/feed.xml")
    late = datetime(2024, 11, 29, 23, 59, tzinfo=UTC)
    store.feeds.record_check(feed.id, CheckFailed("timeout"), late)
    store.feeds.record_check(feed.id, CheckFailed("timeout"), late)
    store.feeds.record_check(feed.id, CheckSucceeded(), late)  # success resets the count only
    store.feeds.record_check(feed.id, CheckFailed("HTTP 500"), late + timedelta(minutes=2))
    assert store.feeds.get(feed.id).error_count == 1
    assert store.feeds.failures_by_day(DAY) == {DAY: 2, DAY + timedelta(days=1): 1}


def test_stats_chart_data_reads_the_history(store: Store) -> None:
    feed = store.feeds.add("https://flaky.example/feed.xml")
    now = datetime(2024, 11, 29, 6, 0, tzinfo=UTC)
    store.feeds.record_failure(feed.id, DAY, count=4)
    store.feeds.record_failure(feed.id, DAY - timedelta(days=13))
    store.feeds.record_failure(feed.id, DAY - timedelta(days=14))  # outside the window
    series = collect_stats(store, now=now, tz=ZoneInfo("Asia/Shanghai"))
    assert len(series.days) == 14
    assert series.failures[-1] == 4
    assert series.failures[0] == 1
    assert sum(series.failures) == 5
