"""A real python-telegram-bot Application polling the emulator, restarted mid-conversation."""

from bot.sandbox import BotApiEmulator
from tests.botapi import forum_chat, private_chat, running
from tests.sandbox.pager_bot import PAGES, build


async def test_commands_and_buttons_through_an_application(bot_api: BotApiEmulator) -> None:
    _user, chat = private_chat(bot_api)
    async with running(build(bot_api)):
        bot_api.send_text(chat, "/start")
        (menu,) = await bot_api.wait_for_async(1, chat=chat)
        assert menu.html == PAGES[0]
        assert menu.text == "Page 1: Taiyuan"
        query_id = bot_api.press_button(chat, menu, label="▶")
        await bot_api.wait_for_async(lambda ms: ms[0].edits == 1, chat=chat)
        assert bot_api.messages(chat)[0].text == "Page 2: Datong"
        await bot_api.wait_until_async(lambda: bot_api.callback_answer(query_id) is not None)
        answer = bot_api.callback_answer(query_id)
        assert answer is not None
        assert answer.text == "page 2"


async def test_group_commands_addressed_to_the_bot(bot_api: BotApiEmulator) -> None:
    admin = bot_api.create_user("Ada")
    forum, topics = forum_chat(bot_api, admin, "Taiyuan")
    async with running(build(bot_api)):
        bot_api.send_text(
            forum, "/echo@newsbot_sandbox_bot a b", user=admin, thread_id=topics["Taiyuan"]
        )
        bot_api.send_text(forum, "/echo@some_other_bot c", user=admin)
        reply = await bot_api.wait_for_text_async(forum, "args:", thread_id=topics["Taiyuan"])
        assert reply.text == "args: a b"
        assert reply.thread_id == topics["Taiyuan"]
    assert [m.text for m in bot_api.messages(forum)] == ["args: a b"]


async def test_messages_survive_a_bot_restart(bot_api: BotApiEmulator) -> None:
    _user, chat = private_chat(bot_api)
    async with running(build(bot_api)):
        bot_api.send_text(chat, "/echo one")
        await bot_api.wait_for_async(1, chat=chat)
    bot_api.send_text(chat, "/echo two")
    async with running(build(bot_api)):
        await bot_api.wait_for_async(2, chat=chat)
    assert [m.text for m in bot_api.messages(chat)] == ["args: one", "args: two"]
    assert bot_api.send_stats(chat).accepted == 2
