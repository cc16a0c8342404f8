"""Alerts through the real bot: set, list, remove; a matching story arrives within one tick."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery.telegram_transport import OutboxSender
from bot.digest.alert_tick import run_alerts
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.sandbox import Chat, SentMessage
from bot.store import NewArticle
from tests.botapi import group_chat
from tests.chat.harness import Bot
from tests.feedserver import FeedServer

pytestmark = pytest.mark.asyncio(loop_scope="module")

STORY = (
    "Typhoon Haikui reaches the Guangdong coast near Shantou",
    "Typhoon Haikui made landfall near Shantou on Tuesday evening, and the provincial "
    "government closed schools and ferries along the coast. Forecasters expect heavy rain "
    "across eastern Guangdong for two more days.",
)
# The second outlet's own words for the same story: not a duplicate, but the same cluster.
RETOLD = (
    "Typhoon Haikui made landfall near Shantou on Tuesday night, and the provincial "
    "government closed schools and ferries along the coast. Forecasters expect heavy rain "
    "across eastern Guangdong for another two days."
)
OPTIONS = IngestOptions(allow_private_urls=True, fetch_pages=False)


def _rss(outlet: str, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>{text}</description></item>"
        for title, link, text in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{outlet}</title><link>http://example.com</link>{entries}</channel></rss>"
    )


@pytest.fixture(scope="module")
def outlets() -> Iterator[FeedServer]:
    server = FeedServer().start()
    yield server
    server.stop()


async def _deliver(bot: Bot) -> int:
    return await OutboxSender(bot.application.bot, bot.store).drain()


async def _deliver_until(bot: Bot, chat: Chat, count: int) -> list[SentMessage]:
    """Run the sender (paced one message a second per chat) until the chat has `count`."""
    for _ in range(20):
        await _deliver(bot)
        if len(bot.api.messages(chat)) >= count:
            break
        await asyncio.sleep(0.5)
    return bot.api.messages(chat)


async def test_alerts_are_set_listed_and_removed_with_buttons(bot: Bot) -> None:
    user = bot.api.create_user("Ana")
    chat = bot.api.create_private_chat(user)
    (usage,) = await bot.say(chat, "/alert", user=user)
    assert usage.text.startswith("Usage: /alert")
    (added,) = await bot.say(chat, "/alert metro line taiyuan", user=user)
    assert "Alert #" in added.text
    assert "“metro line” (Taiyuan)" in added.text
    (again,) = await bot.say(chat, "/alert  Metro   LINE  taiyuan", user=user)
    assert "You already have alert" in again.text
    (second,) = await bot.say(chat, "/alert 太原 地铁", user=user)
    assert "any region" in second.text
    (listing,) = await bot.say(chat, "/alerts", user=user)
    assert "metro line — Taiyuan" in listing.text
    assert "太原 地铁 — any region" in listing.text
    assert len(listing.buttons) == 2
    (edited,) = await bot.press(chat, listing, label=listing.buttons[0][0].text, expect_new=0)
    assert "metro line" not in edited.text
    assert len(edited.buttons) == 1
    (removed,) = await bot.say(chat, "/alert off 太原  地铁", user=user)
    assert "removed" in removed.text
    (none,) = await bot.say(chat, "/alerts", user=user)
    assert none.text.startswith("No alerts yet")
    (missing,) = await bot.say(chat, "/alert off #999999", user=user)
    assert "No alert matches" in missing.text
    assert bot.store.alerts.for_destination(chat.id, 0) == []


async def test_a_matching_story_arrives_within_one_tick_once_with_its_summary(
    bot: Bot, outlets: FeedServer
) -> None:
    user = bot.api.create_user("Bea")
    chat = bot.api.create_private_chat(user)
    (added,) = await bot.say(chat, "/alert typhoon shantou guangdong", user=user)
    assert "Alert #" in added.text
    first = outlets.url("/first/story.html")
    outlets.add("/first.xml", _rss("Coast Daily", [(STORY[0], first, STORY[1])]))
    outlets.add("/second.xml", _rss("Harbour News", []))
    for feed in bot.store.feeds.list():  # the catalogue's real feeds are never fetched here
        bot.store.feeds.remove(feed.id)
    for path in ("/first.xml", "/second.xml"):
        bot.store.feeds.add(outlets.url(path), "guangdong")
    now = datetime.now(UTC)

    report = await run_ingest_tick(bot.store, OPTIONS, now=now)
    assert report.new_articles == 1
    assert report.alerts_queued == 1
    assert await _deliver(bot) == 1
    (alert,) = (await bot.api.wait_for_async(2, chat=chat))[1:]
    assert alert.text.startswith("🔔 Alert: typhoon shantou")
    assert STORY[0] in alert.text
    assert "Coast Daily" in alert.text
    assert "made landfall near Shantou" in alert.text
    (button,) = alert.buttons[0]
    assert button.text == "📝 Summary"

    # The same story from a second outlet, a tick later: nothing more.
    second = outlets.url("/second/story.html")
    outlets.add("/second.xml", _rss("Harbour News", [(STORY[0], second, RETOLD)]))
    later = await run_ingest_tick(bot.store, OPTIONS, now=now + timedelta(hours=3))
    assert later.new_articles == 1
    alerted_id = int(str(button.callback_data).removeprefix("sum:"))
    members = bot.store.articles.cluster_members(alerted_id)
    assert [m.source for m in members] == ["Coast Daily", "Harbour News"], "one story"
    assert later.alerts_queued == 0
    assert await _deliver(bot) == 0
    assert len(bot.store.outbox.for_chat(chat.id)) == 1
    assert len(bot.api.messages(chat)) == 2

    # The button summarizes the stored story.
    (summary,) = await bot.press(chat, alert, label="📝 Summary", user=user)
    assert summary.text.startswith(STORY[0])


async def test_only_group_admins_set_alerts_for_a_group(bot: Bot) -> None:
    boss = bot.api.create_user("Cleo")
    member = bot.api.create_user("Dmitri")
    group = group_chat(bot.api, boss, member)
    (refused,) = await bot.say(group, "/alert flood", user=member)
    assert "only this group's administrators" in refused.text
    assert bot.store.alerts.for_destination(group.id, 0) == []
    (done,) = await bot.say(group, "/alert flood", user=boss)
    assert "Alert #" in done.text
    (listing,) = await bot.say(group, "/alerts", user=member)  # reading is allowed
    assert "flood" in listing.text
    (still,) = await bot.press(group, listing, label=listing.buttons[0][0].text, user=member)
    assert "only this group's administrators" in still.text
    (refused_off,) = await bot.say(group, "/alert off flood", user=member)
    assert "only this group's administrators" in refused_off.text
    assert len(bot.store.alerts.for_destination(group.id, 0)) == 1


async def test_channel_alerts_go_through_the_channel_command(bot: Bot) -> None:
    owner = bot.api.create_user("Elif")
    stranger = bot.api.create_user("Farid")
    # The emulator outlives one backend's run of this module: a fresh name each time.
    name = f"coast{secrets.token_hex(4)}"
    channel = bot.api.create_channel("Coast", creator=owner, username=name)
    dm = bot.api.create_private_chat(owner)
    (added,) = await bot.say(dm, f"/channel @{name} alert typhoon guangdong", user=owner)
    assert "Alert #" in added.text
    (listing,) = await bot.say(dm, f"/channel @{name} alerts", user=owner)
    assert "typhoon — Guangdong" in listing.text
    other = bot.api.create_private_chat(stranger)
    (refused,) = await bot.say(other, f"/channel @{name} alert off typhoon", user=stranger)
    assert "only the bot's administrators" in refused.text
    (alert,) = bot.store.alerts.for_destination(channel.id, 0)
    assert alert.region_id == "guangdong"
    (removed,) = await bot.say(dm, f"/channel @{name} alert off {alert.id}", user=owner)
    assert "removed" in removed.text
    assert bot.store.alerts.for_destination(channel.id, 0) == []


async def test_settings_choose_a_rhythm_and_quiet_hours(bot: Bot) -> None:
    user = bot.api.create_user("Gus", language_code="zh")
    chat = bot.api.create_private_chat(user)
    (done,) = await bot.say(chat, "/settings schedule 每周 周日 09:00", user=user)
    assert "每周日 09:00" in done.text
    (twice,) = await bot.say(chat, "/settings schedule twice 18:00 07:30", user=user)
    assert "07:30 和 18:00" in twice.text
    (bad,) = await bot.say(chat, "/settings schedule weekly someday", user=user)
    assert "我没看懂" in bad.text
    (panel,) = await bot.say(chat, "/settings", user=user)
    assert "发送时间：每天两次，07:30 和 18:00" in panel.text
    (prompt,) = await bot.press(chat, panel, label="🔕 免打扰", user=user)
    assert "22:00-07:00" in prompt.text
    (quiet,) = await bot.say(chat, "23:00-06:30", user=user)
    assert "23:00–06:30" in quiet.text
    record = bot.store.chats.get(chat.id)
    assert record is not None
    assert (record.schedule_kind, record.digest_time, record.digest_time2) == (
        "twice",
        "18:00",
        "07:30",
    )
    assert (record.quiet_start, record.quiet_end) == ("23:00", "06:30")
    assert record.next_digest_at is not None


def _flood_story(bot: Bot, n: int, when: datetime) -> None:
    bot.store.articles.add(
        NewArticle(
            url=f"https://news.example/flood/{n}/{secrets.token_hex(3)}",
            title=f"Flood report {n}: river {n} rises",
            source="River Watch",
            first_seen_at=when,
            published_at=when,
            summary=(f"River {n} rose two metres overnight.",),
            regions=("shanxi",),
        )
    )


async def test_the_hourly_cap_and_quiet_hours_hold_on_a_fixed_clock(bot: Bot) -> None:
    reader = bot.api.create_user("Hana")
    capped = bot.api.create_private_chat(reader)
    sleeper = bot.api.create_private_chat(bot.api.create_user("Ivo"))
    night = datetime(2026, 6, 1, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    for chat in (capped, sleeper):
        bot.store.chats.ensure(chat.id, timezone="Asia/Shanghai", now=night - timedelta(days=1))
        bot.store.alerts.add(chat.id, 0, "flood river", None, None, night - timedelta(days=1))
    bot.store.chats.update(sleeper.id, quiet_start="22:00", quiet_end="07:00")
    bot.store.chats.update(capped.id, quiet_start="08:00", quiet_end="09:00")
    for n in range(4):
        _flood_story(bot, n, night)

    report = run_alerts(bot.store, night, per_hour=2)
    assert (report.queued, report.held) == (2, 4)
    received = await _deliver_until(bot, capped, 3)
    assert [m.text.split("\n")[0] for m in received[:2]] == ["🔔 Alert: flood river"] * 2
    assert "next digest" in received[2].text
    assert bot.api.messages(sleeper) == []

    morning = datetime(2026, 6, 1, 23, 0, tzinfo=UTC)  # 07:00 in Shanghai: quiet hours end
    assert run_alerts(bot.store, morning - timedelta(minutes=1), per_hour=2).released == 0
    released = run_alerts(bot.store, morning, per_hour=2)
    assert (released.released, released.capped) == (2, 2)
    texts = [m.text for m in await _deliver_until(bot, sleeper, 3)]
    assert [t.split("\n")[1] for t in texts[:2]] == [
        f"Flood report {n}: river {n} rises" for n in range(2)
    ]
    assert "next digest" in texts[2]
    assert len(bot.api.messages(capped)) == 3
