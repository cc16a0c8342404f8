from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.digest.build import build_due, render_for, send_now
from bot.digest.errors import DigestError
from bot.digest.subscribers import change_settings, subscribe
from bot.store import NewArticle, Region, SectionSummaryRecord, Store

# 2026-05-12 07:00 in Shanghai.
MORNING = datetime(2026, 5, 11, 23, 0, tzinfo=UTC)


@pytest.fixture
def news(store: Store) -> Store:
    store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}))
    store.regions.upsert(Region("beijing", {"en": "Beijing", "zh": "北京"}))
    for n, region in enumerate(["shanxi", "shanxi", "beijing"]):
        store.articles.add(
            NewArticle(
                url=f"https://news.example/{n}",
                title=f"Story {n}",
                source="Daily",
                first_seen_at=MORNING - timedelta(hours=n + 1),
                sections=(SectionSummaryRecord("What", ("Something happened.",)),),
                regions=(region,),
            )
        )
    return store


def _chat(store: Store, chat_id: int, regions: list[str], **settings: object) -> None:
    store.chats.ensure(chat_id, timezone="Asia/Shanghai")
    if settings:
        change_settings(store, chat_id, 0, MORNING, **settings)
    subscribe(store, chat_id, 0, regions, MORNING)


def test_subscribing_schedules_the_next_local_digest(news: Store) -> None:
    _chat(news, 1, ["shanxi"])
    chat = news.chats.get(1)
    assert chat is not None
    assert chat.next_digest_at == datetime(2026, 5, 12, 0, 0, tzinfo=UTC)  # 08:00 Shanghai


def test_due_chats_share_one_build_per_key(news: Store) -> None:
    for chat_id in (1, 2, 3):
        _chat(news, chat_id, ["shanxi"])
    _chat(news, 4, ["shanxi"], language="zh")
    _chat(news, 5, ["shanxi", "beijing"])
    assert build_due(news, MORNING).chats == 0, "not 08:00 yet"
    report = build_due(news, MORNING + timedelta(hours=1))
    assert (report.chats, report.digests) == (5, 3)
    assert build_due(news, MORNING + timedelta(hours=1, minutes=1)).chats == 0, "once a day"
    first = news.outbox.for_chat(1)
    assert [d.digest_id for d in news.outbox.for_chat(2)] == [d.digest_id for d in first]
    assert "Story 0" in first[0].text
    assert "Story 2" not in first[0].text
    assert "Story 2" in news.outbox.for_chat(5)[0].text
    assert "新闻摘要" in news.outbox.for_chat(4)[0].text
    chat = news.chats.get(1)
    assert chat is not None
    assert chat.next_digest_at == datetime(2026, 5, 13, 0, 0, tzinfo=UTC)


def test_the_next_digest_holds_only_what_is_new(news: Store) -> None:
    _chat(news, 1, ["shanxi"])
    build_due(news, MORNING + timedelta(hours=1))
    news.articles.add(
        NewArticle(
            url="https://news.example/late",
            title="Late story",
            first_seen_at=MORNING + timedelta(hours=5),
            regions=("shanxi",),
        )
    )
    build_due(news, MORNING + timedelta(days=1, hours=1))
    latest = news.outbox.for_chat(1)[-1].text
    assert "Late story" in latest
    assert "Story 0" not in latest


def test_moving_the_time_after_todays_digest_means_tomorrow(news: Store) -> None:
    _chat(news, 1, ["shanxi"])
    sent_at = MORNING + timedelta(hours=1)  # 08:00 Shanghai
    build_due(news, sent_at)
    moved = change_settings(news, 1, 0, sent_at + timedelta(hours=1), digest_time="18:00")
    assert moved.next_digest_at == datetime(2026, 5, 13, 10, 0, tzinfo=UTC)
    assert build_due(news, datetime(2026, 5, 12, 10, 30, tzinfo=UTC)).chats == 0


def test_paused_chats_wait_and_resume_at_their_next_slot(news: Store) -> None:
    _chat(news, 1, ["shanxi"], paused=True)
    assert build_due(news, MORNING + timedelta(hours=1)).chats == 0
    resumed = change_settings(news, 1, 0, MORNING + timedelta(hours=2), paused=False)
    assert resumed.next_digest_at == datetime(2026, 5, 13, 0, 0, tzinfo=UTC)


def test_settings_are_validated(news: Store) -> None:
    news.chats.ensure(1)
    for bad in ({"digest_time": "25:00"}, {"timezone": "Nowhere/City"}, {"language": "fr"}):
        with pytest.raises(DigestError):
            change_settings(news, 1, 0, MORNING, **bad)
    chat = change_settings(news, 1, 0, MORNING, include_keywords="coal, 煤炭")
    assert chat.include_keywords == ("coal", "煤炭")


def test_send_now_and_preview(news: Store) -> None:
    _chat(news, 1, ["shanxi"])
    chat = news.chats.get(1)
    assert chat is not None
    _key, _start, parts = render_for(news, chat, MORNING)
    assert "Story 0" in parts[0]
    assert news.outbox.pending_depth() == 0, "a preview queues nothing"
    report = send_now(news, MORNING, chat_id=1)
    assert (report.chats, report.messages) == (1, 1)
    assert send_now(news, MORNING, chat_id=999).chats == 0
