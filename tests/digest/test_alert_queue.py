"""The alert step on both stores: once per story, the hourly cap, quiet hours, no doubles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from threading import Thread

from bot.digest.alert_tick import prune_alert_state, run_alerts
from bot.store import Article, NewArticle, Region, Store

NOW = datetime(2026, 6, 1, 4, 10, tzinfo=UTC)  # 12:10 in Shanghai
CHAT = 501


def _world(store: Store, quiet: tuple[str, str] | None = None) -> None:
    store.regions.upsert(Region("guangdong", {"en": "Guangdong", "zh": "广东"}))
    store.chats.ensure(CHAT, timezone="Asia/Shanghai", now=NOW - timedelta(days=1))
    if quiet is not None:
        store.chats.update(CHAT, quiet_start=quiet[0], quiet_end=quiet[1])
    store.alerts.add(CHAT, 0, "typhoon", None, None, NOW - timedelta(days=1))


def _story(store: Store, n: int, when: datetime, cluster_id: int | None = None) -> Article:
    return store.articles.add(
        NewArticle(
            url=f"https://news.example/typhoon/{n}",
            title=f"Typhoon {n} nears the Guangdong coast",
            source=f"Outlet {n}",
            first_seen_at=when,
            published_at=when,
            summary=(f"Typhoon {n} is expected to make landfall tonight.",),
            regions=("guangdong",),
            cluster_id=cluster_id,
        )
    )


def _texts(store: Store) -> list[str]:
    return [row.text for row in store.outbox.for_chat(CHAT)]


def test_a_story_alerts_once_and_a_second_outlet_sends_nothing(store: Store):
    _world(store)
    first = _story(store, 1, NOW)
    report = run_alerts(store, NOW, per_hour=5)
    assert (report.matched, report.queued) == (1, 1)
    (row,) = store.outbox.for_chat(CHAT)
    assert "Typhoon 1 nears the Guangdong coast" in row.text
    assert "expected to make landfall" in row.text
    assert row.reply_markup == {
        "inline_keyboard": [[{"text": "📝 Summary", "callback_data": f"sum:{first.id}"}]]
    }
    _story(store, 2, NOW + timedelta(minutes=1), cluster_id=first.id)
    assert run_alerts(store, NOW + timedelta(minutes=1), per_hour=5).queued == 0
    assert run_alerts(store, NOW + timedelta(minutes=2), per_hour=5).queued == 0
    assert len(_texts(store)) == 1
    assert store.alerts.stories(CHAT) == [(first.id, "queued")]


def test_stories_stored_before_a_crash_are_matched_by_the_next_step(store: Store):
    _world(store)
    for n in range(3):
        _story(store, n, NOW - timedelta(minutes=5))  # stored; the step never ran
    assert run_alerts(store, NOW, per_hour=5).queued == 3
    assert run_alerts(store, NOW, per_hour=5).queued == 0
    assert len(_texts(store)) == 3


def test_concurrent_steps_queue_each_story_once(store: Store):
    _world(store)
    for n in range(6):
        _story(store, n, NOW)
    results: list[int] = []

    def step() -> None:
        results.append(run_alerts(store, NOW, per_hour=50).queued)

    threads = [Thread(target=step) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 6
    assert len(_texts(store)) == 6


def test_the_hourly_cap_holds_and_the_chat_is_told_once(store: Store):
    _world(store)
    for n in range(5):
        _story(store, n, NOW)
    report = run_alerts(store, NOW, per_hour=2)
    assert (report.queued, report.capped) == (2, 3)
    _story(store, 9, NOW + timedelta(minutes=20))
    assert run_alerts(store, NOW + timedelta(minutes=20), per_hour=2).capped == 1
    texts = _texts(store)
    assert len(texts) == 3, "two alerts and one notice"
    assert "next digest" in texts[2]
    statuses = [status for _cluster, status in store.alerts.stories(CHAT)]
    assert statuses.count("queued") == 2
    assert statuses.count("capped") == 4
    # The next hour has room again.
    _story(store, 10, NOW + timedelta(hours=1))
    assert run_alerts(store, NOW + timedelta(hours=1), per_hour=2).queued == 1


def test_quiet_hours_hold_alerts_until_they_end(store: Store):
    _world(store, quiet=("22:00", "07:00"))
    night = datetime(2026, 6, 1, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    _story(store, 1, night)
    report = run_alerts(store, night, per_hour=5)
    assert (report.matched, report.held, report.queued) == (1, 1, 0)
    assert _texts(store) == []
    before_end = datetime(2026, 6, 1, 22, 59, tzinfo=UTC)  # 06:59 in Shanghai
    assert run_alerts(store, before_end, per_hour=5).released == 0
    end = datetime(2026, 6, 1, 23, 0, tzinfo=UTC)  # 07:00
    assert run_alerts(store, end, per_hour=5).released == 1
    assert run_alerts(store, end + timedelta(minutes=1), per_hour=5).released == 0
    (text,) = _texts(store)
    assert "Typhoon 1" in text


def test_a_night_of_matches_keeps_one_hours_worth_and_tells_once(store: Store):
    _world(store, quiet=("22:00", "07:00"))
    night = datetime(2026, 6, 1, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    for n in range(4):
        _story(store, n, night)
    assert run_alerts(store, night, per_hour=2).held == 4
    for n in range(4, 6):
        _story(store, n, night + timedelta(hours=2))
    assert run_alerts(store, night + timedelta(hours=2), per_hour=2).held == 2
    end = datetime(2026, 6, 1, 23, 0, tzinfo=UTC)  # 07:00
    report = run_alerts(store, end, per_hour=2)
    assert (report.released, report.capped) == (2, 4)
    texts = _texts(store)
    assert len(texts) == 3
    assert "Typhoon 0 " in texts[0]
    assert "Typhoon 1 " in texts[1]
    assert "next digest" in texts[2]


def test_alerts_skip_inactive_chats_and_removed_alerts(store: Store):
    _world(store)
    store.chats.deactivate(CHAT)
    _story(store, 1, NOW)
    assert run_alerts(store, NOW, per_hour=5).matched == 0
    store.chats.ensure(CHAT)
    (only,) = store.alerts.for_destination(CHAT, 0)
    assert store.alerts.remove(CHAT, 0, only.id) == only
    _story(store, 2, NOW + timedelta(minutes=1))
    assert run_alerts(store, NOW + timedelta(minutes=1), per_hour=5).matched == 0
    assert _texts(store) == []


def test_alerts_and_the_rhythm_follow_a_group_that_becomes_a_supergroup(store: Store):
    store.chats.ensure(-7, kind="group", now=NOW)
    store.chats.update(-7, schedule_kind="weekly", digest_weekday=6, quiet_start="22:00")
    store.alerts.add(-7, 0, "typhoon", None, 11, NOW)
    store.alerts.add(-1007, 0, "typhoon", None, 12, NOW)  # already set on the new id
    store.alerts.add(-7, 0, "flood", None, 11, NOW)
    assert store.chats.migrate(-7, -1007) == 1
    assert store.alerts.for_destination(-7, 0) == []
    moved = store.alerts.for_destination(-1007, 0)
    assert sorted(a.words for a in moved) == ["flood", "typhoon"]
    chat = store.chats.get(-1007)
    assert chat is not None
    assert (chat.schedule_kind, chat.digest_weekday, chat.quiet_start) == ("weekly", 6, "22:00")


def test_old_alert_state_is_pruned_but_held_stories_stay(store: Store):
    _world(store, quiet=("22:00", "07:00"))
    _story(store, 1, NOW)  # 12:10 in Shanghai: sent
    run_alerts(store, NOW, per_hour=5)
    night = NOW + timedelta(hours=11)  # 23:10: held
    _story(store, 2, night)
    run_alerts(store, night, per_hour=5)
    removed = prune_alert_state(store, NOW + timedelta(days=20))
    assert removed == 4, "two scan marks, the hour of the sent alert, its story record"
    assert [status for _cluster, status in store.alerts.stories(CHAT)] == ["held"]
