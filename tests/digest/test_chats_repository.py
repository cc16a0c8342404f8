from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.store import InvalidFieldError, Region, Store, UnknownRegionError

NOW = datetime(2026, 5, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def regions(store: Store) -> None:
    store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}))
    store.regions.upsert(Region("beijing", {"en": "Beijing", "zh": "北京"}))


def test_ensure_creates_then_refreshes_and_reactivates(store: Store) -> None:
    chat = store.chats.ensure(
        42, kind="private", title="Ann", language="zh", timezone="Asia/Shanghai"
    )
    assert (chat.chat_id, chat.thread_id, chat.language, chat.timezone) == (
        42,
        0,
        "zh",
        "Asia/Shanghai",
    )
    assert chat.active
    assert not chat.paused
    assert chat.digest_time == "08:00"
    store.chats.deactivate(42)
    again = store.chats.ensure(42, kind="private", title="Ann B", language="en")
    assert again.active
    assert again.title == "Ann B"
    assert again.language == "zh", "an existing chat keeps its chosen language"


def test_topics_are_separate_destinations(store: Store, regions: None) -> None:
    store.chats.ensure(-100, kind="supergroup")
    store.chats.ensure(-100, 7, kind="supergroup")
    store.chats.subscribe(-100, 0, "beijing")
    store.chats.subscribe(-100, 7, "shanxi")
    by_thread = {c.thread_id: c.regions for c in store.chats.destinations(-100)}
    assert by_thread == {0: ("beijing",), 7: ("shanxi",)}


def test_subscribe_unsubscribe(store: Store, regions: None) -> None:
    store.chats.ensure(1)
    assert store.chats.subscribe(1, 0, "shanxi") is True
    assert store.chats.subscribe(1, 0, "shanxi") is False
    assert store.chats.subscribe(1, 0, "beijing") is True
    with pytest.raises(UnknownRegionError):
        store.chats.subscribe(1, 0, "atlantis")
    assert store.chats.get(1).regions == ("beijing", "shanxi")  # type: ignore[union-attr]
    assert store.chats.unsubscribe(1, 0, "shanxi") == 1
    assert store.chats.unsubscribe(1, 0, "shanxi") == 0
    assert store.chats.unsubscribe(1, 0) == 1
    assert store.chats.get(1).regions == ()  # type: ignore[union-attr]


def test_update_settings_and_keywords(store: Store) -> None:
    store.chats.ensure(5)
    updated = store.chats.update(
        5, digest_time="07:30", include_keywords=["煤炭", "Coal"], paused=True
    )
    assert updated is not None
    assert updated.digest_time == "07:30"
    assert updated.paused
    assert updated.include_keywords == ("煤炭", "Coal")
    with pytest.raises(InvalidFieldError):
        store.chats.update(5, created_at=NOW)
    assert store.chats.update(999, title="nobody") is None


def test_due_needs_active_unpaused_subscribed_and_time_come(store: Store, regions: None) -> None:
    for chat_id in (1, 2, 3, 4, 5):
        store.chats.ensure(chat_id)
        store.chats.update(chat_id, next_digest_at=NOW - timedelta(minutes=1))
        if chat_id != 2:
            store.chats.subscribe(chat_id, 0, "shanxi")
    store.chats.update(3, paused=True)
    store.chats.deactivate(4)
    store.chats.update(5, next_digest_at=NOW + timedelta(minutes=1))
    assert [c.chat_id for c in store.chats.due(NOW)] == [1]
    assert [c.chat_id for c in store.chats.due(NOW + timedelta(minutes=2))] == [1, 5]


def test_migrate_moves_settings_and_subscriptions(store: Store, regions: None) -> None:
    store.chats.ensure(-5, kind="group", title="Club")
    store.chats.update(-5, digest_time="21:00", exclude_keywords=["football"])
    store.chats.subscribe(-5, 0, "shanxi")
    assert store.chats.migrate(-5, -1005) == 1
    assert store.chats.get(-5) is None
    moved = store.chats.get(-1005)
    assert moved is not None
    assert (moved.kind, moved.digest_time, moved.regions, moved.exclude_keywords) == (
        "supergroup",
        "21:00",
        ("shanxi",),
        ("football",),
    )


def test_subscribers_lists_active_chats_of_a_region(store: Store, regions: None) -> None:
    for chat_id, region in ((1, "shanxi"), (2, "beijing"), (3, "shanxi")):
        store.chats.ensure(chat_id)
        store.chats.subscribe(chat_id, 0, region)
    store.chats.deactivate(3)
    assert [c.chat_id for c in store.chats.subscribers("shanxi")] == [1]
    assert [c.chat_id for c in store.chats.subscribers()] == [1, 2]
    assert store.chats.count() == 2
