"""Inline mode: `@bot words` in any chat lists matching stories; choosing one posts its summary.

An empty query lists the newest stories of the regions the user follows in their private chat
with the bot (of all regions when they follow none). Pages of PAGE_SIZE go through
`next_offset`; searches are ranked as /search ranks them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from telegram import InlineQuery, InlineQueryResultArticle, InlineQueryResultsButton, Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    ChosenInlineResultHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.chat.handlers.common import clean
from bot.chat.inline_cache import RankedCache
from bot.chat.inline_results import (
    Reader,
    next_offset,
    nothing_found_button,
    parse_offset,
    pick_regions_button,
    story_results,
)
from bot.chat.services import Services, services
from bot.i18n import language_from_code, normalize_language
from bot.ops.metrics import COMMAND_ERRORS, COMMAND_SECONDS
from bot.store import POOL_SIZE, Article

log = logging.getLogger(__name__)
RANKED_CACHE_KEY = "newsbot.inline_ranked"

PAGE_SIZE = 10
# Telegram's own limit on what a user can type after the bot's name.
MAX_QUERY_CHARS = 256
# Searches reach the POOL_SIZE newest matches; the newest-stories list goes as deep.
MAX_OFFSET = POOL_SIZE
# New stories arrive at most once an ingest tick, so a minute of caching loses little. Answers
# are personal: dates are in the reader's time zone, and an empty query lists their regions.
SEARCH_CACHE_SECONDS = 60
NEWEST_CACHE_SECONDS = 30


async def _reader_and_regions(svc: Services, query: InlineQuery) -> tuple[Reader, tuple[str, ...]]:
    """The asker's language, time zone and followed regions, from their private chat's record."""
    user = query.from_user
    record = await asyncio.to_thread(svc.store.chats.get, user.id, 0)
    if record is None:
        return Reader(language_from_code(user.language_code), svc.settings.timezone), ()
    return Reader(normalize_language(record.language), record.timezone), record.regions


def _ranked_cache(context: ContextTypes.DEFAULT_TYPE) -> RankedCache:
    cache = context.bot_data.get(RANKED_CACHE_KEY)
    if not isinstance(cache, RankedCache):
        cache = context.bot_data[RANKED_CACHE_KEY] = RankedCache(SEARCH_CACHE_SECONDS)
    return cache


async def _search_page(
    svc: Services, cache: RankedCache, text: str, offset: int
) -> tuple[list[Article], bool]:
    """A page of the query's matches in /search's order; the ranking is reused while fresh."""
    ranked = cache.get(text)
    if ranked is None:
        ranked = await asyncio.to_thread(svc.store.search.ranked_ids, text)
        cache.put(text, ranked)
    wanted = ranked[offset : offset + PAGE_SIZE]
    found = await asyncio.to_thread(svc.store.articles.get_many, wanted) if wanted else []
    return found, offset + len(wanted) < min(len(ranked), MAX_OFFSET)


async def _newest_page(
    svc: Services, regions: tuple[str, ...], offset: int
) -> tuple[list[Article], bool]:
    # One story more than a page tells whether another page exists, without counting them all.
    found = await asyncio.to_thread(
        svc.store.articles.newest, regions or None, limit=PAGE_SIZE + 1, offset=offset
    )
    more = len(found) > PAGE_SIZE and offset + PAGE_SIZE < MAX_OFFSET
    return found[:PAGE_SIZE], more


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer `@bot words` (or `@bot` alone) with a page of stories."""
    query = update.inline_query
    if query is None:
        return
    started = time.perf_counter()
    try:
        await _answer(services(context), _ranked_cache(context), query)
    except Exception:
        COMMAND_ERRORS.labels(command="inline").inc()
        raise
    finally:
        COMMAND_SECONDS.labels(command="inline").observe(time.perf_counter() - started)


async def _answer(svc: Services, cache: RankedCache, query: InlineQuery) -> None:
    text = " ".join(clean(query.query).split())[:MAX_QUERY_CHARS]
    offset = parse_offset(query.offset, MAX_OFFSET)
    if offset is None:
        # Not an offset this bot handed out (or past the last page): nothing more to show.
        await _send(query, [], cache_time=0)
        return
    if text:
        # The reader only shapes how results look, so both look-ups run at once.
        (reader, regions), (articles, more) = await asyncio.gather(
            _reader_and_regions(svc, query), _search_page(svc, cache, text, offset)
        )
    else:
        reader, regions = await _reader_and_regions(svc, query)
        articles, more = await _newest_page(svc, regions, offset)
    button: InlineQueryResultsButton | None = None
    if not articles and offset == 0:
        button = nothing_found_button(text, reader.language)
    elif not text and not regions and offset == 0:
        button = pick_regions_button(reader.language)
    await _send(
        query,
        story_results(articles, reader),
        cache_time=SEARCH_CACHE_SECONDS if text else NEWEST_CACHE_SECONDS,
        next_offset=next_offset(offset, len(articles), more),
        button=button,
    )


async def _send(
    query: InlineQuery,
    results: list[InlineQueryResultArticle],
    *,
    cache_time: int,
    next_offset: str | None = None,
    button: InlineQueryResultsButton | None = None,
) -> None:
    """answerInlineQuery; an answer Telegram no longer wants is a warning, not an error."""
    try:
        await query.answer(
            results,
            cache_time=cache_time,
            is_personal=True,
            next_offset=next_offset,
            button=button,
        )
    except BadRequest as exc:
        # The user typed on (each keystroke is a new query) or the database was slow: the
        # client has stopped waiting for this answer, and nobody needs to hear about it.
        if "query is too old" not in str(exc).lower():
            raise
        log.warning("inline answer came too late for Telegram: %s", exc)


async def chosen_result(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Feedback (BotFather /setinlinefeedback) that a user posted a story: logged only."""
    chosen = update.chosen_inline_result
    if chosen is not None:
        log.info("inline result %s chosen", chosen.result_id[:64])


async def own_post(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A story a user posted through this bot's inline mode is not a message to the bot.

    In the private chat with the bot such a post arrives as a message with a link; without
    this stop it would be summarized again (or answered with a hint).
    """
    message = update.effective_message
    if message is not None and message.via_bot is not None and message.via_bot.id == context.bot.id:
        raise ApplicationHandlerStop


def add_inline_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register the inline query and chosen-result handlers, and the stop for own posts."""
    # Group -1 runs before the command and text handlers of group 0.
    application.add_handler(MessageHandler(filters.VIA_BOT, own_post), group=-1)
    application.add_handler(InlineQueryHandler(inline_query))
    application.add_handler(ChosenInlineResultHandler(chosen_result))
