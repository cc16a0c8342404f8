"""/addregion, /editregion, /removeregion through the Bot API emulator, on both stores."""

from __future__ import annotations

import pytest

from bot.delivery.telegram_transport import OutboxSender
from tests.botapi import private_chat
from tests.chat.harness import Bot

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_region_commands_refuse_everyone_else(bot: Bot) -> None:
    _, chat = private_chat(bot.api, "Olga")
    before = bot.store.regions.list()
    for command in (
        "/addregion datong | Datong | 大同",
        "/editregion taiyuan name_en Tai Yuan",
        "/removeregion taiyuan yes",
    ):
        (answer,) = await bot.say(chat, command)
        assert answer.text == "Sorry, only the bot's administrators can do that.", command
    assert bot.store.regions.list() == before


async def test_add_and_edit_a_region_with_the_catalogue_checks(bot: Bot) -> None:
    chat = bot.api.create_private_chat(bot.admin)
    (usage,) = await bot.say(chat, "/addregion")
    assert usage.text.startswith("Usage: /addregion id | English name | 中文名")
    (added,) = await bot.say(
        chat, "/addregion pingyao | Pingyao | 平遥 | Pingyao, 平遥，古城 | Asia/Shanghai"
    )
    assert added.text == (
        "Added region Pingyao (pingyao).\n"
        "Names: Pingyao / 平遥\nPlaces: Pingyao, 平遥, 古城\nTime zone: Asia/Shanghai"
    )
    region = bot.store.regions.get("pingyao")
    assert region is not None
    assert (region.names["zh"], region.places, region.timezone) == (
        "平遥",
        ("Pingyao", "平遥", "古城"),
        "Asia/Shanghai",
    )
    for command, reason in (
        ("/addregion pingyao | P | 平", "region 'pingyao' exists already"),
        ("/addregion Ping Yao | P | 平", "id must be"),
        ("/addregion wutai | Wutai | 五台 | | Mars/Base", "'Mars/Base' is not an IANA time zone"),
        ("/addregion wutai |  | 五台", "name_en is required"),
        ("/editregion pingyao tz Nowhere/City", "'Nowhere/City' is not an IANA time zone"),
    ):
        (answer,) = await bot.say(chat, command)
        assert answer.text.startswith("Could not do that: "), command
        assert reason in answer.text, command
    assert bot.store.regions.get("wutai") is None
    (unknown,) = await bot.say(chat, "/editregion nowhere name_en X")
    assert unknown.text.startswith("I do not know the region “nowhere”. Known regions: beijing,")
    assert unknown.text.endswith("Add one with /addregion (send it alone for its usage).")
    (usage,) = await bot.say(chat, "/editregion pingyao colour red")
    assert usage.text.startswith("Usage: /editregion id field value")
    (changed,) = await bot.say(chat, "/editregion pingyao places Pingyao, Ancient City")
    assert changed.text.startswith("Changed region Pingyao (pingyao).")
    assert "Places: Pingyao, Ancient City" in changed.text
    (changed,) = await bot.say(chat, "/editregion pingyao name_zh 平遥古城")
    region = bot.store.regions.get("pingyao")
    assert region is not None
    assert (region.names["zh"], region.places) == ("平遥古城", ("Pingyao", "Ancient City"))
    (unused,) = await bot.say(chat, "/removeregion pingyao")  # nobody follows it: no question
    assert unused.text == "Removed region Pingyao (pingyao); no chat followed it."
    assert bot.store.regions.get("pingyao") is None


async def test_removing_a_followed_region_asks_then_tells_the_subscribers(bot: Bot) -> None:
    admin_chat = bot.api.create_private_chat(bot.admin)
    await bot.say(admin_chat, "/addregion yungang | Yungang | 云冈 | Yungang, 云冈")
    _, reader = private_chat(bot.api, "Rui", language_code="zh")
    _, other = private_chat(bot.api, "Sam")
    (subscribed,) = await bot.say(reader, "/subscribe yungang")
    assert "云冈" in subscribed.text
    await bot.say(other, "/subscribe taiyuan")

    (question,) = await bot.say(admin_chat, "/removeregion yungang")
    assert question.text.startswith("1 chat follows Yungang. Remove it and tell them?")
    labels = [button.text for button in question.button_list]
    assert labels == ["🗑 Remove and tell them", "Keep it"]
    (kept,) = await bot.press(admin_chat, question, label="Keep it", expect_new=0)
    assert kept.text == "Region Yungang was kept."
    assert bot.store.regions.get("yungang") is not None

    (question,) = await bot.say(admin_chat, "/removeregion yungang")
    (done,) = await bot.press(admin_chat, question, label="🗑 Remove and tell them", expect_new=0)
    assert done.text == "Removed region Yungang (yungang); 1 subscribed chat will be told."
    assert bot.store.regions.get("yungang") is None
    reader_before = len(bot.api.messages(reader))
    other_before = len(bot.api.messages(other))
    sender = OutboxSender(bot.application.bot, bot.store)
    assert await sender.drain() == 1
    notice = (await bot.api.wait_for_async(reader_before + 1, chat=reader))[-1]
    assert notice.text.startswith("管理员已删除地区 云冈")
    assert len(bot.api.messages(other)) == other_before
    (gone,) = await bot.say(admin_chat, "/removeregion yungang yes")
    assert gone.text.startswith("I do not know the region “yungang”. Known regions: ")


async def test_a_chinese_speaking_admin_is_answered_in_chinese(bot: Bot) -> None:
    chat = bot.api.create_private_chat(bot.admin)
    await bot.say(chat, "/settings lang zh")
    try:
        (usage,) = await bot.say(chat, "/removeregion")
        assert usage.text == "用法：/removeregion 编号"
        (added,) = await bot.say(chat, "/addregion jinci | Jinci | 晋祠")
        assert added.text.startswith("已添加地区 晋祠（jinci）。")
        (bad,) = await bot.say(chat, "/editregion jinci tz Mars/Base")
        assert bad.text.startswith("无法完成：")
        (unknown,) = await bot.say(chat, "/removeregion nowhere")
        assert unknown.text.startswith("我不认识地区“nowhere”。已有地区：beijing,")
        assert "newsbot" not in unknown.text  # no command-line hint in a chat
    finally:
        await bot.say(chat, "/settings lang en")


async def test_a_chats_first_region_lends_it_the_regions_time_zone(bot: Bot) -> None:
    admin_chat = bot.api.create_private_chat(bot.admin)
    await bot.say(admin_chat, "/addregion camden | Camden | 卡姆登 | Camden | Europe/London")
    _, reader = private_chat(bot.api, "Lou")
    (first,) = await bot.say(reader, "/subscribe camden")
    assert first.text == "✅ Subscribed to Camden. Your digest comes at 08:00 (Europe/London)."
    (second,) = await bot.say(reader, "/subscribe taiyuan")  # a second region changes nothing
    assert second.text.endswith("(Europe/London).")
    _, chooser = private_chat(bot.api, "Kim")
    await bot.say(chooser, "/start")
    await bot.say(chooser, "/settings tz Asia/Tokyo")
    (chosen,) = await bot.say(chooser, "/subscribe camden")  # a chosen zone is kept
    assert chosen.text.endswith("(Asia/Tokyo).")


async def test_addfeed_with_an_unknown_region_lists_the_known_ones(bot: Bot) -> None:
    chat = bot.api.create_private_chat(bot.admin)
    (answer,) = await bot.say(chat, f"/addfeed {bot.pages.url('regional-en.xml')} Atlantis")
    assert answer.text.startswith("I do not know the region “Atlantis”. Known regions: beijing,")
    assert answer.text.endswith("Add one with /addregion (send it alone for its usage).")
