"""The emulator driven by python-telegram-bot's own `telegram.Bot`, errors included."""

import asyncio
from datetime import timedelta

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.sandbox import BotApiEmulator
from tests.botapi import forum_chat, group_chat, private_chat


async def test_get_me_and_send_message(bot_api: BotApiEmulator, ptb_bot: telegram.Bot) -> None:
    _, chat = private_chat(bot_api)
    me = await ptb_bot.get_me()
    assert me.username == "newsbot_sandbox_bot"
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more")]])
    sent = await ptb_bot.send_message(
        chat.id, "<i>Top</i> story", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
    assert sent.text == "Top story"
    assert sent.reply_markup == keyboard
    assert sent.from_user is not None
    assert sent.from_user.id == me.id
    (stored,) = await bot_api.wait_for_async(1, chat=chat)
    assert stored.html == "<i>Top</i> story"
    assert [b.callback_data for b in stored.button_list] == ["more"]


async def test_html_errors_reach_ptb_as_bad_request(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    _, chat = private_chat(bot_api)
    with pytest.raises(BadRequest, match="nmatched end tag at byte offset 7"):
        await ptb_bot.send_message(chat.id, "<b>x<i></b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await ptb_bot.send_message(chat.id, "é" * 4097)
    assert bot_api.send_stats(chat).refused == 2


async def test_long_poll_returns_a_message_injected_while_waiting(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    user, chat = private_chat(bot_api)
    polling = asyncio.create_task(ptb_bot.get_updates(timeout=5))
    await asyncio.sleep(0.3)
    assert not polling.done()
    bot_api.send_text(chat, "/start@newsbot_sandbox_bot now", user=user)
    (update,) = await asyncio.wait_for(polling, 5)
    assert update.message is not None
    assert update.message.text == "/start@newsbot_sandbox_bot now"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/start@newsbot_sandbox_bot")
    assert update.message.from_user is not None
    assert update.message.from_user.id == user.id
    assert await ptb_bot.get_updates(offset=update.update_id + 1) == ()
    assert bot_api.pending_updates() == 0


async def test_callback_query_round_trip(bot_api: BotApiEmulator, ptb_bot: telegram.Bot) -> None:
    user, chat = private_chat(bot_api)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("◀", callback_data="p0"),
                InlineKeyboardButton("▶", callback_data="p2"),
            ]
        ]
    )
    sent = await ptb_bot.send_message(chat.id, "page 1", reply_markup=keyboard)
    query_id = bot_api.press_button(chat, sent.message_id, label="▶")
    (update,) = await ptb_bot.get_updates()
    query = update.callback_query
    assert query is not None
    assert (query.id, query.data, query.from_user.id) == (query_id, "p2", user.id)
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    await query.answer("Page 2")
    await query.edit_message_text("page 2", reply_markup=keyboard)
    answer = bot_api.callback_answer(query_id)
    assert answer is not None
    assert answer.text == "Page 2"
    (message,) = bot_api.messages(chat)
    assert (message.text, message.edits) == ("page 2", 1)
    with pytest.raises(BadRequest, match=r"[Qq]uery is too old"):
        await query.answer("again")


async def test_document_round_trip_through_get_file(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    user, chat = private_chat(bot_api)
    opml = b'<?xml version="1.0"?><opml version="2.0"><body/></opml>'
    bot_api.send_document(
        chat, opml, "feeds.opml", caption="/import", user=user, mime_type="text/x-opml"
    )
    (update,) = await ptb_bot.get_updates()
    assert update.message is not None
    document = update.message.document
    assert document is not None
    assert update.message.caption == "/import"
    assert update.message.caption_entities[0].type == "bot_command"
    downloaded = await (await document.get_file()).download_as_bytearray()
    assert bytes(downloaded) == opml
    sent = await ptb_bot.send_document(
        chat.id, b"a,b\n1,2\n", filename="export.csv", caption="Export"
    )
    assert sent.document is not None
    again = await (await ptb_bot.get_file(sent.document.file_id)).download_as_bytearray()
    assert bytes(again) == b"a,b\n1,2\n"
    assert bot_api.messages(chat)[0].document is not None


async def test_flood_control_answers_429_with_retry_after(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    # Telegram's published limits apply by default: a short burst, then about one a second.
    _, chat = private_chat(bot_api)
    _, other = private_chat(bot_api, "Bob")
    for n in range(3):
        await ptb_bot.send_message(chat.id, f"burst {n}")
    with pytest.raises(RetryAfter) as caught:
        await ptb_bot.send_message(chat.id, "one too many")
    assert caught.value.retry_after == timedelta(seconds=1)
    await ptb_bot.send_message(other.id, "another chat is not held back")
    stats = bot_api.send_stats(chat)
    assert (stats.accepted, stats.refused, stats.refused_by_status) == (3, 1, {429: 1})


async def test_global_flood_budget_spans_chats(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    bot_api.set_flood_limits(global_per_second=3, per_chat_per_second=None)
    chats = [private_chat(bot_api, f"U{i}")[1] for i in range(5)]
    outcomes = []
    for chat in chats:
        try:
            await ptb_bot.send_message(chat.id, "hi")
            outcomes.append("ok")
        except RetryAfter:
            outcomes.append("429")
    assert outcomes == ["ok", "ok", "ok", "429", "429"]


async def test_blocked_deleted_and_deactivated_chats(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    _, blocked = private_chat(bot_api, "Blocker")
    _, deleted = private_chat(bot_api, "Gone")
    _, deactivated = private_chat(bot_api, "Quit")
    bot_api.block_chat(blocked)
    bot_api.delete_chat(deleted)
    bot_api.set_chat_fault(deactivated, "deactivated")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await ptb_bot.send_message(blocked.id, "x")
    with pytest.raises(BadRequest, match="Chat not found"):
        await ptb_bot.send_message(deleted.id, "x")
    with pytest.raises(Forbidden, match="user is deactivated"):
        await ptb_bot.send_message(deactivated.id, "x")
    admin = bot_api.create_user("Admin")
    group = group_chat(bot_api, admin)
    bot_api.set_bot_status(group, "kicked", by=admin)
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await ptb_bot.send_message(group.id, "x")


async def test_migrated_group_points_to_its_supergroup(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    admin = bot_api.create_user("Admin")
    group = group_chat(bot_api, admin)
    supergroup = bot_api.migrate_chat(group)
    with pytest.raises(ChatMigrated) as caught:
        await ptb_bot.send_message(group.id, "x")
    assert caught.value.new_chat_id == supergroup.id
    await ptb_bot.send_message(supergroup.id, "moved")
    assert [m.text for m in bot_api.messages(supergroup)] == ["moved"]
    updates = await ptb_bot.get_updates()
    assert [u.message.migrate_to_chat_id for u in updates if u.message] == [supergroup.id, None]


async def test_server_errors_and_lost_responses(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    _, chat = private_chat(bot_api)
    bot_api.fail_next(1, status=502, methods=["sendMessage"])
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await ptb_bot.send_message(chat.id, "lost in transit")
    assert bot_api.messages(chat) == []
    bot_api.lose_next_responses(1, methods=["sendMessage"])
    with pytest.raises(NetworkError):
        await ptb_bot.send_message(chat.id, "delivered, answer lost")
    assert [m.text for m in bot_api.messages(chat)] == ["delivered, answer lost"]
    await ptb_bot.send_message(chat.id, "next one fine")
    assert len(bot_api.messages(chat)) == 2


async def test_group_members_administrators_and_forum_topics(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    admin = bot_api.create_user("Ada")
    member = bot_api.create_user("Bo")
    forum, topics = forum_chat(bot_api, admin, "Taiyuan", "Datong")
    bot_api.add_member(forum, member)
    admins = await ptb_bot.get_chat_administrators(forum.id)
    assert [(a.user.id, a.status) for a in admins] == [(admin.id, "creator")]
    assert (await ptb_bot.get_chat_member(forum.id, member.id)).status == "member"
    info = await ptb_bot.get_chat(forum.id)
    assert info.is_forum is True
    bot_api.send_text(forum, "/subscribe taiyuan", user=admin, thread_id=topics["Taiyuan"])
    updates = await ptb_bot.get_updates()
    message = updates[-1].message
    assert message is not None
    assert (message.message_thread_id, message.is_topic_message) == (topics["Taiyuan"], True)
    await message.reply_text("Subscribed here")
    assert [m.text for m in bot_api.messages(forum, thread_id=topics["Taiyuan"])] == [
        "Subscribed here"
    ]
    assert bot_api.messages(forum, thread_id=topics["Datong"]) == []
    with pytest.raises(BadRequest, match="thread not found"):
        await ptb_bot.send_message(forum.id, "x", message_thread_id=999)


async def test_channel_posts_need_admin_rights(
    bot_api: BotApiEmulator, ptb_bot: telegram.Bot
) -> None:
    owner = bot_api.create_user("Owner")
    channel = bot_api.create_channel("News", creator=owner, username="regional_news")
    await ptb_bot.send_message("@regional_news", "Morning digest")
    assert [m.text for m in bot_api.messages(channel)] == ["Morning digest"]
    bot_api.set_bot_status(channel, "member", by=owner)
    with pytest.raises(BadRequest, match="administrator rights"):
        await ptb_bot.send_message(channel.id, "x")
