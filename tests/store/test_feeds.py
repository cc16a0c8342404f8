from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.store import CheckFailed, CheckSucceeded, FeedSchedule, Region, UnknownRegionError

NOW = datetime(2024, 11, 29, 12, 0, tzinfo=UTC)


@pytest.fixture
def shanxi(store):
    store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}))
    return "shanxi"


def test_add_is_idempotent_on_url(store, shanxi):
    first = store.feeds.add("https://a.example/rss", shanxi, "A news", now=NOW)
    again = store.feeds.add("https://a.example/rss")
    assert again == first
    assert first.region_id == shanxi
    assert first.title == "A news"
    assert first.state == "active"
    assert first.error_count == 0
    assert first.created_at == NOW
    assert len(store.feeds.list()) == 1


def test_add_with_unknown_region_is_refused(store):
    with pytest.raises(UnknownRegionError, match="nowhere"):
        store.feeds.add("https://a.example/rss", "nowhere")
    assert store.feeds.list() == []


def test_get_get_by_url_list_remove(store, shanxi):
    a = store.feeds.add("https://a.example/rss", shanxi)
    b = store.feeds.add("https://b.example/atom")
    assert store.feeds.get(a.id) == a
    assert store.feeds.get_by_url("https://b.example/atom") == b
    assert store.feeds.get_by_url("https://c.example/") is None
    assert store.feeds.list() == [a, b]
    assert store.feeds.list(region_id=shanxi) == [a]
    assert store.feeds.remove(a.id) is True
    assert store.feeds.remove(a.id) is False
    assert store.feeds.get(a.id) is None
    assert store.feeds.list() == [b]


def test_a_successful_check_stores_validators_and_reschedules(store):
    feed = store.feeds.add("https://a.example/rss")
    beijing = timezone(timedelta(hours=8))
    at = datetime(2024, 11, 29, 20, 0, tzinfo=beijing)
    outcome = CheckSucceeded(
        etag='"abc"', last_modified="Fri, 29 Nov 2024 10:00:00 GMT", title="Named"
    )
    updated = store.feeds.record_check(feed.id, outcome, at)
    assert updated is not None
    assert updated.etag == '"abc"'
    assert updated.last_modified == "Fri, 29 Nov 2024 10:00:00 GMT"
    assert updated.next_check_at == datetime(2024, 11, 29, 12, 15, tzinfo=UTC)
    assert updated.next_check_at.utcoffset() == timedelta(0)
    assert updated.last_success_at == NOW
    assert (updated.state, updated.error_count, updated.last_error) == ("active", 0, None)
    assert updated.title == "Named"
    assert store.feeds.get(feed.id) == updated
    # A 304 keeps the validators; a stored title is never replaced by the feed's own.
    again = store.feeds.record_check(
        feed.id, CheckSucceeded(not_modified=True, title="Other"), NOW + timedelta(hours=1)
    )
    assert (again.etag, again.title) == ('"abc"', "Named")
    assert again.last_success_at == NOW + timedelta(hours=1)


def test_failed_checks_back_off_count_and_pause(store):
    feed = store.feeds.add("https://a.example/rss")
    schedule = FeedSchedule(pause_after=3)
    delays, at = [], NOW
    for _ in range(3):
        updated = store.feeds.record_check(feed.id, CheckFailed("HTTP 503"), at, schedule)
        delays.append(updated.next_check_at - at)
        at = updated.next_check_at
    assert delays == [timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4)]
    assert (updated.state, updated.error_count, updated.last_error) == ("paused", 3, "HTTP 503")
    assert store.feeds.failures_by_day(NOW.date()) == {NOW.date(): 3}
    long = store.feeds.record_check(feed.id, CheckFailed("x" * 900), at, schedule)
    assert len(long.last_error) == 500
    recovered = store.feeds.record_check(feed.id, CheckSucceeded(), at)
    assert (recovered.state, recovered.error_count, recovered.last_error) == ("active", 0, None)
    assert store.feeds.record_check(feed.id + 1000, CheckFailed("gone"), NOW) is None
    assert store.feeds.failures_by_day(NOW.date()) == {NOW.date(): 4}


def test_explicit_changes(store, shanxi):
    feed = store.feeds.add("https://a.example/rss")
    assert store.feeds.rename(feed.id, "Renamed").title == "Renamed"
    assert store.feeds.set_region(feed.id, shanxi).region_id == shanxi
    assert store.feeds.set_region(feed.id, None).region_id is None
    with pytest.raises(UnknownRegionError):
        store.feeds.set_region(feed.id, "nowhere")
    beijing = timezone(timedelta(hours=8))
    moved = store.feeds.check_at(feed.id, datetime(2024, 11, 29, 20, 30, tzinfo=beijing))
    assert moved.next_check_at == datetime(2024, 11, 29, 12, 30, tzinfo=UTC)
    for _ in range(2):
        store.feeds.record_check(feed.id, CheckFailed("timeout"), NOW)
    assert store.feeds.pause(feed.id).state == "paused"
    resumed = store.feeds.resume(feed.id)
    assert (resumed.state, resumed.error_count, resumed.last_error) == ("active", 0, None)
    assert resumed.next_check_at is None
    # Resuming forgives the failures in a row, not the history behind /stats.
    assert store.feeds.failures_by_day(NOW.date()) == {NOW.date(): 2}
    assert store.feeds.pause(feed.id + 1000) is None


def test_due_picks_active_overdue_feeds_most_overdue_first(store):
    never = store.feeds.add("https://never.example/rss")
    late = store.feeds.add("https://late.example/rss")
    later = store.feeds.add("https://later.example/rss")
    future = store.feeds.add("https://future.example/rss")
    paused = store.feeds.add("https://paused.example/rss")
    store.feeds.check_at(late.id, NOW - timedelta(minutes=5))
    store.feeds.check_at(later.id, NOW - timedelta(minutes=30))
    store.feeds.check_at(future.id, NOW + timedelta(minutes=1))
    store.feeds.pause(paused.id)
    due = store.feeds.due(NOW, limit=10)
    assert [f.id for f in due] == [never.id, later.id, late.id]
    assert [f.id for f in store.feeds.due(NOW, limit=2)] == [never.id, later.id]
    exactly_now = store.feeds.due(NOW + timedelta(minutes=1), limit=10)
    assert future.id in [f.id for f in exactly_now]


def test_removing_a_region_detaches_its_feeds(store, shanxi):
    feed = store.feeds.add("https://a.example/rss", shanxi)
    store.regions.remove(shanxi)
    assert store.feeds.get(feed.id).region_id is None


def test_count_by_state(store):
    a = store.feeds.add("https://a.example/rss")
    store.feeds.add("https://b.example/rss")
    store.feeds.pause(a.id)
    assert store.feeds.count_by_state() == {"active": 1, "paused": 1}


def test_add_many_skips_known_urls(store, shanxi):
    store.feeds.add("https://a.example/rss")
    added = store.feeds.add_many(
        [("https://a.example/rss", None), ("https://b.example/rss", shanxi)]
    )
    assert added == 1
    assert [f.url for f in store.feeds.list()] == ["https://a.example/rss", "https://b.example/rss"]
