from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.store import InvalidFieldError, Region, UnknownRegionError

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


def test_update_fields_roundtrip_as_utc(store):
    feed = store.feeds.add("https://a.example/rss")
    beijing = timezone(timedelta(hours=8))
    updated = store.feeds.update(
        feed.id,
        etag='"abc"',
        last_modified="Fri, 29 Nov 2024 10:00:00 GMT",
        next_check_at=datetime(2024, 11, 29, 20, 30, tzinfo=beijing),
        error_count=3,
        last_error="HTTP 403 — the site blocks bots",
        last_success_at=NOW,
        state="paused",
        title="Renamed",
    )
    assert updated is not None
    assert updated.etag == '"abc"'
    assert updated.last_modified == "Fri, 29 Nov 2024 10:00:00 GMT"
    assert updated.next_check_at == datetime(2024, 11, 29, 12, 30, tzinfo=UTC)
    assert updated.next_check_at.tzinfo is not None
    assert updated.next_check_at.utcoffset() == timedelta(0)
    assert updated.error_count == 3
    assert updated.last_error == "HTTP 403 — the site blocks bots"
    assert updated.last_success_at == NOW
    assert updated.state == "paused"
    assert updated.title == "Renamed"
    assert store.feeds.get(feed.id) == updated


def test_update_rejects_unknown_fields_and_states(store):
    feed = store.feeds.add("https://a.example/rss")
    with pytest.raises(InvalidFieldError):
        store.feeds.update(feed.id, url="https://elsewhere.example/")
    with pytest.raises(InvalidFieldError):
        store.feeds.update(feed.id, state="broken")
    with pytest.raises(UnknownRegionError):
        store.feeds.update(feed.id, region_id="nowhere")
    assert store.feeds.update(feed.id + 1000, error_count=1) is None


def test_due_picks_active_overdue_feeds_most_overdue_first(store):
    never = store.feeds.add("https://never.example/rss")
    late = store.feeds.add("https://late.example/rss")
    later = store.feeds.add("https://later.example/rss")
    future = store.feeds.add("https://future.example/rss")
    paused = store.feeds.add("https://paused.example/rss")
    store.feeds.update(late.id, next_check_at=NOW - timedelta(minutes=5))
    store.feeds.update(later.id, next_check_at=NOW - timedelta(minutes=30))
    store.feeds.update(future.id, next_check_at=NOW + timedelta(minutes=1))
    store.feeds.update(paused.id, state="paused")
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
    store.feeds.update(a.id, state="paused")
    assert store.feeds.count_by_state() == {"active": 1, "paused": 1}


def test_add_many_skips_known_urls(store, shanxi):
    store.feeds.add("https://a.example/rss")
    added = store.feeds.add_many(
        [("https://a.example/rss", None), ("https://b.example/rss", shanxi)]
    )
    assert added == 1
    assert [f.url for f in store.feeds.list()] == ["https://a.example/rss", "https://b.example/rss"]
