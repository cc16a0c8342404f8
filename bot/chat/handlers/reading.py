"""/digest and /latest: what the chat's regions have to say."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat.arguments import match_region
from bot.chat.handlers.common import (
    arguments,
    chat_record,
    language_and_zone,
    language_of,
    refuse_long,
)
from bot.chat.render import article_list, escape, region_name
from bot.chat.replies import reply, reply_parts
from bot.chat.services import services
from bot.digest.build import render_for
from bot.i18n import Html, t

LATEST_COUNT = 8


async def digest_now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/digest`: this chat's digest as it would be sent now (the schedule is unchanged)."""
    svc = services(context)
    record = await chat_record(svc, update)
    language = language_of(record, update)
    if record is None or not record.regions:
        await reply(update, context, t(language, "no_subscriptions"))
        return
    _key, _start, parts = await asyncio.to_thread(render_for, svc.store, record, datetime.now(UTC))
    await reply_parts(update, context, parts)


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/latest [region]`: the newest stories, of one region or of all."""
    svc = services(context)
    language, zone = await language_and_zone(svc, update)
    query = arguments(context)
    if await refuse_long(update, context, query, language):
        return
    region_id: str | None = None
    suffix = ""
    if query:
        regions = await asyncio.to_thread(svc.store.regions.list)
        region = match_region(query, regions)
        if region is None:
            await reply(update, context, t(language, "unknown_region", query=query))
            return
        region_id = region.id
        suffix = f" · {escape(region_name(region, language))}"
    articles = await asyncio.to_thread(svc.store.articles.latest, region_id, LATEST_COUNT)
    if not articles:
        await reply(update, context, t(language, "latest_none"))
        return
    header = t(language, "latest_header", region=Html(suffix))
    await reply(update, context, article_list(header, articles, zone))
