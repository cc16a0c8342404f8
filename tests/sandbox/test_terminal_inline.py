"""Inline queries typed in the terminal chat, answered by a small real python-telegram-bot bot."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from bot.sandbox import BotApiEmulator
from bot.sandbox.terminal import TerminalChat
from tests.botapi import application_builder, running

CITIES = [f"City {n}" for n in range(1, 8)]
PAGE = 5


async def answer(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    assert query is not None
    start = int(query.offset or 0)
    found = [c for c in CITIES if query.query.lower() in c.lower()]
    page = found[start : start + PAGE]
    results = [
        InlineQueryResultArticle(
            f"c{start + n}",
            city,
            InputTextMessageContent(f"<b>{city}</b> is lovely", parse_mode=ParseMode.HTML),
            description=f"About {city}",
        )
        for n, city in enumerate(page)
    ]
    more = start + PAGE < len(found)
    await query.answer(results, next_offset=str(start + PAGE) if more else None)


def build(api: BotApiEmulator) -> Application[Any, Any, Any, Any, Any, Any]:
    application: Application[Any, Any, Any, Any, Any, Any] = application_builder(api).build()
    application.add_handler(InlineQueryHandler(answer))
    return application


async def run_terminal(api: BotApiEmulator, script: str) -> str:
    output = io.StringIO()
    chat = TerminalChat(
        api, stdin=io.StringIO(script), stdout=output, color=False, settle=0.2, reply_timeout=10
    )
    async with running(build(api)):
        status = await asyncio.to_thread(chat.run)
    assert status == 0
    return output.getvalue()


async def test_inline_results_page_and_a_pick_posts_via_the_bot(bot_api: BotApiEmulator) -> None:
    bot_api.set_inline_mode()
    script = "@newsbot_sandbox_bot city\n+\n+\n7\n"
    lines = (await run_terminal(bot_api, script)).splitlines()
    assert "you: @newsbot_sandbox_bot city" in lines
    assert "  [1] City 1" in lines
    assert "      About City 1" in lines
    assert "  (+ shows more)" in lines
    assert "  [7] City 7" in lines
    assert "(no more results)" in lines
    assert "you (via @newsbot_sandbox_bot): **City 7** is lovely" in lines
    assert bot_api.chats_with_messages() == {}  # the user posted; the bot itself sent nothing


async def test_no_results_and_inline_mode_off_are_said_plainly(bot_api: BotApiEmulator) -> None:
    off = await run_terminal(bot_api, "@newsbot_sandbox_bot city\n")
    assert "(inline mode is off for this bot (BotFather /setinline))" in off
    bot_api.set_inline_mode()
    lines = (await run_terminal(bot_api, "@newsbot_sandbox_bot nowhere\n5\n")).splitlines()
    assert "  (no results)" in lines
    assert "(there is no result 5)" in lines
