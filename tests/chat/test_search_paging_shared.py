"""/search paging lives in the database: buttons work on another application, after a restart,
and expire after a day."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from telegram.ext import Application

from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator, Chat, SentMessage
from bot.settings import Settings
from bot.store import Store, open_store
from bot.store import search_pages_table as search_pages
from tests.botapi import private_chat
from tests.chat.harness import seed


@asynccontextmanager
async def polling_bot(api: BotApiEmulator, url: str) -> AsyncIterator[Store]:
    """A whole application (its own store connection) polling the emulator: one process."""
    store = open_store(url)
    settings = Settings(bot_token=api.token, api_url=api.root, database_url=url)
    application: Application[Any, Any, Any, Any, Any, Any] = build_bot(
        settings, store, background=Background.none()
    )
    try:
        async with serving(application):
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            yield store
    finally:
        store.close()


async def _press(api: BotApiEmulator, chat: Chat, page: SentMessage, label: str) -> SentMessage:
    query = api.press_button(chat, page, label=label)

    def edited(found: list[SentMessage]) -> bool:
        return api.callback_answer(query) is not None and found[-1].edits > page.edits

    found = await api.wait_for_async(edited, chat=chat, timeout=20)
    return found[-1]


async def test_a_search_pages_on_another_process_and_after_a_restart(
    bot_api: BotApiEmulator, store_url: str
) -> None:
    with open_store(store_url) as store:
        seed(store, datetime.now(UTC))
    _user, chat = private_chat(bot_api, "Pia")
    async with polling_bot(bot_api, store_url):
        bot_api.send_text(chat, "/search metro bulletin")
        (page,) = await bot_api.wait_for_async(1, chat=chat, timeout=20)
    assert "(1–5 of 7)" in page.text
    # The process that made the search is gone; another one, started afresh, takes the press.
    async with polling_bot(bot_api, store_url):
        second = await _press(bot_api, chat, page, "▶")
        assert "(6–7 of 7)" in second.text
        first = await _press(bot_api, chat, second, "◀")
        assert "(1–5 of 7)" in first.text


async def test_a_day_old_search_has_expired(bot_api: BotApiEmulator, store_url: str) -> None:
    _user, chat = private_chat(bot_api, "Quinn")
    async with polling_bot(bot_api, store_url) as store:
        seed(store, datetime.now(UTC))
        bot_api.send_text(chat, "/search metro bulletin")
        (page,) = await bot_api.wait_for_async(1, chat=chat, timeout=20)
        with store.engine.begin() as conn:
            day_ago = datetime.now(UTC) - timedelta(days=1, minutes=1)
            conn.execute(update(search_pages).values(created_at=day_ago))
        bot_api.press_button(chat, page, label="▶")
        found = await bot_api.wait_for_async(2, chat=chat, timeout=20)
        assert found[-1].text == "That search has expired; please search again."
        assert store.search_pages.prune(datetime.now(UTC) - timedelta(days=1)) == 1
