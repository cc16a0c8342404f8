"""Every reader command in a private chat, driven through the emulator against the real bot."""

from __future__ import annotations

import pytest

from tests.botapi import group_chat, private_chat
from tests.chat.harness import Bot

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_start_welcomes_in_english_with_region_buttons(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Alice", "en")
    (answer,) = await bot.say(chat, "/start")
    assert "Hello, Alice!" in answer.text
    labels = [b.text for b in answer.button_list]
    assert "Taiyuan" in labels
    assert "Shanxi" in labels


async def test_start_welcomes_in_chinese(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "李雷", "zh-hans")
    (answer,) = await bot.say(chat, "/start")
    assert answer.text.startswith("👋 你好，李雷！\n")
    assert "太原" in [b.text for b in answer.button_list]


async def test_menu_is_announced_in_english_and_chinese(bot: Bot) -> None:
    english = {c["command"]: c["description"] for c in bot.api.commands()}
    chinese = {c["command"]: c["description"] for c in bot.api.commands("zh")}
    assert {"start", "subscribe", "summary", "search", "settings"} <= set(english)
    assert set(english) == set(chinese)
    assert english["search"] != chinese["search"]


async def test_help_shows_admin_commands_only_to_admins(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Bob")
    (plain,) = await bot.say(chat, "/help")
    assert "/summary" in plain.text
    assert "/addfeed" not in plain.text
    admin_chat = bot.api.create_private_chat(bot.admin)
    (admin,) = await bot.say(admin_chat, "/help")
    assert "/addfeed" in admin.text


async def test_subscribe_by_button_name_and_id_then_unsubscribe(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Carol")
    (menu,) = await bot.say(chat, "/subscribe")
    (done,) = await bot.press(chat, menu, label="Taiyuan")
    assert "Subscribed to Taiyuan" in done.text
    assert "08:00 (Asia/Shanghai)" in done.text
    (again,) = await bot.say(chat, "/subscribe 太原")
    assert "already follow Taiyuan" in again.text
    (second,) = await bot.say(chat, "/subscribe SHANXI")
    assert "Subscribed to Shanxi" in second.text
    record = bot.store.chats.get(chat.id)
    assert record is not None
    assert set(record.regions) == {"taiyuan", "shanxi"}
    (listing,) = await bot.say(chat, "/regions")
    assert "✅ Taiyuan" in listing.text
    assert "▫️ Beijing" in listing.text
    (unknown,) = await bot.say(chat, "/subscribe Atlantis")
    assert "do not know the region “Atlantis”" in unknown.text
    (choices,) = await bot.say(chat, "/unsubscribe")
    assert {b.text for b in choices.button_list} == {"Taiyuan", "Shanxi"}
    (gone,) = await bot.press(chat, choices, label="Shanxi")
    assert "Unsubscribed from Shanxi" in gone.text
    (everything,) = await bot.say(chat, "/unsubscribe all")
    assert "every region" in everything.text
    assert bot.store.chats.get(chat.id).regions == ()  # type: ignore[union-attr]


async def test_settings_by_arguments(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Dan")
    (time_set,) = await bot.say(chat, "/settings time 7:30")
    assert "07:30" in time_set.text
    (zone,) = await bot.say(chat, "/settings tz New York")
    assert "America/New_York" in zone.text
    (city,) = await bot.say(chat, "/settings tz Taiyuan")
    assert "Asia/Shanghai" in city.text
    (bad_zone,) = await bot.say(chat, "/settings tz Mars <b>")
    assert "Mars <b>" in bad_zone.text
    (bad_time,) = await bot.say(chat, "/settings time 25:61")
    assert "is not a time" in bad_time.text
    (words,) = await bot.say(chat, "/settings include coal, metro")
    assert "coal, metro" in words.text
    (length,) = await bot.say(chat, "/settings length long")
    assert "long" in length.text
    (paused,) = await bot.say(chat, "/settings pause")
    assert "paused" in paused.text.lower()
    (usage,) = await bot.say(chat, "/settings colour blue")
    assert usage.text.startswith("Usage: /settings")
    record = bot.store.chats.get(chat.id)
    assert record is not None
    assert (record.digest_time, record.timezone, record.summary_length) == (
        "07:30",
        "Asia/Shanghai",
        "long",
    )
    assert record.include_keywords == ("coal", "metro")
    assert record.paused
    (chinese,) = await bot.say(chat, "/settings lang zh")
    assert "中文" in chinese.text
    (panel,) = await bot.say(chat, "/settings")
    assert "发送时间：07:30" in panel.text


async def test_settings_buttons_edit_the_panel(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Eve")
    await bot.say(chat, "/start")
    (panel,) = await bot.say(chat, "/settings")
    assert "Summary length: medium" in panel.text
    (edited,) = await bot.press(chat, panel, label="📏 Length: medium", expect_new=0)
    assert "Summary length: long" in edited.text
    (edited,) = await bot.press(chat, edited, label="⏸ Pause", expect_new=0)
    assert "Status: paused" in edited.text
    (edited,) = await bot.press(chat, edited, label="🗣 中文", expect_new=0)
    assert "摘要长度" in edited.text
    (prompt,) = await bot.press(chat, edited, label="🕗 时间")
    assert "HH:MM" in prompt.text
    (answer,) = await bot.say(chat, "07:15")
    assert "07:15" in answer.text
    record = bot.store.chats.get(chat.id)
    assert record is not None
    assert record.paused
    assert record.language == "zh"
    assert record.digest_time == "07:15"
    (zone_prompt,) = await bot.press(chat, panel, label="🌐 时区")
    assert "Asia/Shanghai" in zone_prompt.text
    (bad,) = await bot.say(chat, "Atlantis")
    assert "Atlantis" in bad.text
    record = bot.store.chats.get(chat.id)
    assert record is not None
    assert record.timezone != "Atlantis"


async def test_plain_text_gets_a_hint_not_silence(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Finn")
    (hint,) = await bot.say(chat, "hello there")
    assert "Send me a link" in hint.text
    (again,) = await bot.say(chat, "07:30")
    assert "Send me a link" in again.text  # no settings prompt is pending: not a time change


async def test_an_unknown_command_is_named_in_private_and_ignored_in_groups(bot: Bot) -> None:
    user, chat = private_chat(bot.api, "Nell")
    (hint,) = await bot.say(chat, "/weather <b>now</b>")
    assert hint.text == "I do not know the command /weather. /help lists what I can do."
    await bot.say(chat, "/settings lang zh")
    (zh,) = await bot.say(chat, "/nosuch@newsbot_test_bot")
    assert zh.text == "我没有 /nosuch 这个命令。发送 /help 查看我能做什么。"
    group = group_chat(bot.api, user)
    bot.api.send_text(group, "/weather", user=user)
    (latest,) = await bot.say(group, "/latest", user=user)  # the next answer is to /latest
    assert latest.text.startswith("Latest")
    assert len(bot.api.messages(group)) == 1


async def test_digest_now_and_latest(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Finn")
    (nothing,) = await bot.say(chat, "/digest")
    assert "do not follow any region" in nothing.text
    await bot.say(chat, "/subscribe shanxi")
    (digest,) = await bot.say(chat, "/digest")
    assert "Your news digest" in digest.text
    assert "Shanxi coal output rises in spring" in digest.text
    assert "Metro bulletin" not in digest.text
    (latest,) = await bot.say(chat, "/latest taiyuan")
    assert "Latest · Taiyuan" in latest.text
    assert "Metro bulletin number 7" in latest.text
    assert "Shanxi coal" not in latest.text
    (everything,) = await bot.say(chat, "/latest")
    assert "Metro bulletin number 7" in everything.text
    (unknown,) = await bot.say(chat, "/latest nowhere")
    assert "do not know the region" in unknown.text


async def test_summary_of_a_stored_story_and_of_a_region(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Gus")
    first = bot.article_ids[0]
    (story,) = await bot.say(chat, f"/summary {first}")
    assert story.text.startswith("Taiyuan opens metro line 2 extension")
    assert "Transport\n• Taiyuan opens metro line 2 extension — the first point." in story.text
    assert '<a href="https://news.example/taiyuan/0">' in story.html
    assert "<b>Transport</b>" in story.html
    (missing,) = await bot.say(chat, "/summary 987654")
    assert "no story with id 987654" in missing.text
    (region,) = await bot.say(chat, "/summary Taiyuan")
    assert region.text.startswith("Today in Taiyuan")
    (quiet,) = await bot.say(chat, "/summary London")
    assert quiet.text == "No stories from London today yet; /latest london shows its newest."
    (usage,) = await bot.say(chat, "/summary")
    assert usage.text.startswith("Usage: /summary")


async def test_summary_of_a_link_a_reply_and_a_bare_link(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Hana")
    url = bot.pages.url("articles/taiyuan-metro-line-2.html")
    (answer,) = await bot.say(chat, f"/summary {url}", timeout=60)
    assert answer.text.startswith("Taiyuan opens its second metro line to passengers")
    assert "<b>Route and stations</b>\n• " in answer.html
    (bare,) = await bot.say(chat, f"Look at this: {url}", timeout=60)
    assert bare.text == answer.text
    posted = bot.api.messages(chat, include_user=True)[-2]  # the user's message with the link
    assert posted.text.startswith("Look at this")
    (replied,) = await bot.say(chat, "/summary", reply_to=posted, timeout=60)
    assert replied.text == answer.text
    (failed,) = await bot.say(chat, f"/summary {bot.pages.url('articles/missing.html')}")
    assert failed.text.startswith("Sorry, I could not summarize that page: HTTP 404")


async def test_search_pages_and_summary_button(bot: Bot) -> None:
    _user, chat = private_chat(bot.api, "Ivan")
    (page,) = await bot.say(chat, "/search metro bulletin")
    assert "(1–5 of 7)" in page.text
    labels = [b.text for b in page.button_list]
    assert labels[:5] == [f"📝 Summary {n}" for n in range(1, 6)]
    assert labels[-1] == "▶"
    (second,) = await bot.press(chat, page, label="▶", expect_new=0)
    assert "(6–7 of 7)" in second.text
    assert [b.text for b in second.button_list][-1] == "◀"
    (summary,) = await bot.press(chat, second, label="📝 Summary 6")
    assert summary.text.startswith("Metro bulletin number")
    (none,) = await bot.say(chat, '/search "zzqx" OR 1=1; DROP TABLE articles; --')
    assert "Nothing found" in none.text
    (usage,) = await bot.say(chat, "/search")
    assert usage.text == "Usage: /search <words>"
