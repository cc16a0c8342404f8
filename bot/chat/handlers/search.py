"""/search with ◀ ▶ paging and a Summary button per hit."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat import callbacks
from bot.chat.handlers.common import arguments, language_and_zone, refuse_long
from bot.chat.keyboards import search_keyboard
from bot.chat.render import search_page, stored_summary
from bot.chat.replies import edit_unless_unchanged, reply, reply_parts
from bot.chat.services import services
from bot.i18n import t

PAGE_SIZE = 5
MAX_QUERY_CHARS = 300


async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/search <query>`: the first page of hits."""
    svc = services(context)
    language, zone = await language_and_zone(svc, update)
    query = arguments(context)
    if await refuse_long(update, context, query, language):
        return
    chat = update.effective_chat
    if not query or chat is None:
        await reply(update, context, t(language, "usage_search"))
        return
    query = query[:MAX_QUERY_CHARS]
    page = await asyncio.to_thread(svc.store.search.search, query, limit=PAGE_SIZE, offset=0)
    if not page.hits:
        await reply(update, context, t(language, "search_none", query=query[:80]))
        return
    # In the database: the ◀ ▶ buttons work on every process and after a restart, for a day.
    search_id = await asyncio.to_thread(
        svc.store.search_pages.remember, query, chat.id, datetime.now(UTC)
    )
    text = search_page(language, query, page.hits, 0, page.total, zone)
    pages = -(-page.total // PAGE_SIZE)
    keyboard = search_keyboard(language, search_id, 0, pages, page.hits, 0)
    await reply(update, context, text, keyboard)


async def search_page_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: callbacks.SearchPage
) -> None:
    """◀ or ▶: show another page of a remembered search in the same message."""
    svc = services(context)
    language, zone = await language_and_zone(svc, update)
    chat = update.effective_chat
    query_text = None
    if chat is not None:
        query_text = await asyncio.to_thread(
            svc.store.search_pages.recall, action.search_id, chat.id, datetime.now(UTC)
        )
    callback = update.callback_query
    if query_text is None or callback is None:
        await reply(update, context, t(language, "search_expired"))
        return
    offset = action.page * PAGE_SIZE
    page = await asyncio.to_thread(
        svc.store.search.search, query_text, limit=PAGE_SIZE, offset=offset
    )
    if not page.hits:
        await reply(update, context, t(language, "search_expired"))
        return
    text = search_page(language, query_text, page.hits, offset, page.total, zone)
    pages = -(-page.total // PAGE_SIZE)
    keyboard = search_keyboard(language, action.search_id, action.page, pages, page.hits, offset)
    await edit_unless_unchanged(callback.edit_message_text(text, reply_markup=keyboard))


async def summary_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: callbacks.SummaryOf
) -> None:
    """The Summary button of a hit: the stored article's summary, section by section."""
    svc = services(context)
    language, zone = await language_and_zone(svc, update)
    article = await asyncio.to_thread(svc.store.articles.get, action.article_id)
    if article is None:
        await reply(update, context, t(language, "article_not_found", id=action.article_id))
        return
    await reply_parts(update, context, stored_summary(article, zone))
