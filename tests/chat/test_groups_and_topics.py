"""Groups and forum topics: anyone reads, only the group's administrators change things."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.delivery.telegram_transport import OutboxSender
from bot.digest.build import queue_for
from tests.botapi import forum_chat, group_chat
from tests.chat.harness import Bot

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_members_read_but_only_admins_change_a_group(bot: Bot) -> None:
    boss = bot.api.create_user("Grace")
    member = bot.api.create_user("Mallory")
    group = group_chat(bot.api, boss, member)
    (latest,) = await bot.say(group, "/latest", user=member)
    assert "Metro bulletin number 7" in latest.text
    (found,) = await bot.say(group, "/search coal", user=member)
    assert "Shanxi coal output" in found.text
    (story,) = await bot.say(group, f"/summary {bot.article_ids[1]}", user=member)
    assert story.text.startswith("Shanxi coal output rises in spring")

    for attempt in ("/subscribe taiyuan", "/unsubscribe all", "/settings time 06:00"):
        (refused,) = await bot.say(group, attempt, user=member)
        assert "only this group's administrators" in refused.text
    assert bot.store.chats.get(group.id) is None

    (done,) = await bot.say(group, "/subscribe taiyuan", user=boss)
    assert "Subscribed to Taiyuan" in done.text
    (menu,) = await bot.say(group, "/subscribe", user=boss)
    (refused,) = await bot.press(group, menu, label="Shanxi", user=member)
    assert "only this group's administrators" in refused.text
    (settings,) = await bot.say(group, "/settings", user=member)  # reading is allowed
    (refused,) = await bot.press(group, settings, label="⏸ Pause", user=member)
    assert "only this group's administrators" in refused.text
    record = bot.store.chats.get(group.id)
    assert record is not None
    assert record.regions == ("taiyuan",)
    assert not record.paused
    (time_set,) = await bot.say(group, "/settings time 06:00", user=boss)
    assert "06:00" in time_set.text


async def test_forum_topic_subscription_delivers_into_that_topic(bot: Bot) -> None:
    boss = bot.api.create_user("Heidi")
    forum, topics = forum_chat(bot.api, boss, "Shanxi desk", "Chatter")
    desk = topics["Shanxi desk"]
    before = len(bot.api.messages(forum))
    bot.api.send_text(forum, "/subscribe shanxi", user=boss, thread_id=desk)
    (done,) = await bot.api.wait_for_async(1, chat=forum, thread_id=desk)
    assert "Subscribed to Shanxi" in done.text
    assert len(bot.api.messages(forum)) == before + 1
    record = bot.store.chats.get(forum.id, desk)
    assert record is not None
    assert record.regions == ("shanxi",)
    assert bot.store.chats.get(forum.id) is None  # the forum itself is not subscribed

    bot.api.send_text(forum, "/digest", user=boss, thread_id=desk)
    digest = await bot.api.wait_for_text_async(forum, "Your news digest", thread_id=desk)
    assert "Shanxi coal output" in digest.text

    # The scheduled digest goes through the outbox into the same topic.
    queue_for(bot.store, [record], datetime.now(UTC))
    sender = OutboxSender(bot.application.bot, bot.store)
    assert await sender.drain() == 1
    in_topic = await bot.api.wait_for_async(3, chat=forum, thread_id=desk)
    assert "Shanxi coal output" in in_topic[-1].text
    assert bot.api.messages(forum, thread_id=topics["Chatter"]) == []
