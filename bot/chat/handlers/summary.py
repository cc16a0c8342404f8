"""/summary of a link, a stored story or a region, and bare links sent in private chats."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, time
from zoneinfo import ZoneInfo

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.chat.arguments import ArticleTarget, LinkTarget, RegionTarget, find_url, summary_target
from bot.chat.handlers.common import arguments, language_and_zone, language_for, refuse_long
from bot.chat.render import message_parts, region_name, stored_summary, story_time, summary_blocks
from bot.chat.replies import reply, reply_parts
from bot.chat.services import Services, services
from bot.i18n import t
from bot.news.errors import FeedError

log = logging.getLogger(__name__)
REGION_TOP = 5


def link_in_message(message: Message | None) -> str | None:
    """The first link of a message: a text link's target, a bare URL, or one in the text."""
    if message is None:
        return None
    entities = message.parse_entities() or message.parse_caption_entities()
    for entity, text in entities.items():
        if entity.type == MessageEntity.TEXT_LINK and entity.url:
            return entity.url
        if entity.type == MessageEntity.URL:
            found = find_url(text if "://" in text else f"https://{text}")
            if found:
                return found
    return find_url(message.text or message.caption)


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/summary <link|id|region>`, or `/summary` in reply to a message holding a link."""
    svc = services(context)
    language, zone = await language_and_zone(svc, update)
    text = arguments(context)
    if await refuse_long(update, context, text, language):
        return
    message = update.effective_message
    if not text and message is not None:
        text = link_in_message(message.reply_to_message) or ""
    regions = await asyncio.to_thread(svc.store.regions.list)
    target = summary_target(text, regions)
    if isinstance(target, LinkTarget):
        await summarize_link(update, context, target.url, language)
    elif isinstance(target, ArticleTarget):
        article = await asyncio.to_thread(svc.store.articles.get, target.article_id)
        if article is None:
            await reply(update, context, t(language, "article_not_found", id=target.article_id))
        else:
            await reply_parts(update, context, stored_summary(article, zone))
    elif isinstance(target, RegionTarget):
        await reply_parts(update, context, await region_top(svc, target, language, zone))
    else:
        await reply(update, context, t(language, "usage_summary"))


async def bare_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A link sent on its own in a private chat is summarized."""
    url = link_in_message(update.effective_message)
    if url is None:
        return
    language = await language_for(services(context), update)
    await summarize_link(update, context, url, language)


async def summarize_link(
    update: Update, context: ContextTypes.DEFAULT_TYPE, url: str, language: str
) -> None:
    """Fetch, extract and summarize a page; "typing…" shows meanwhile."""
    svc = services(context)
    chat = update.effective_chat
    message = update.effective_message
    if chat is not None:
        thread = message.message_thread_id if message and message.is_topic_message else None
        with contextlib.suppress(TelegramError):  # only a courtesy
            await context.bot.send_chat_action(chat.id, ChatAction.TYPING, message_thread_id=thread)
    try:
        result = await svc.summarize_link(url)
    except FeedError as exc:
        await reply(update, context, t(language, "summary_failed", reason=str(exc)))
        return
    blocks = summary_blocks(
        title=result.title,
        url=result.url,
        source=result.source,
        when=result.published.isoformat() if result.published else None,
        sections=result.sections,
        overall=result.summary,
    )
    await reply_parts(update, context, message_parts(blocks))


async def region_top(svc: Services, target: RegionTarget, language: str, zone: str) -> list[str]:
    """Today's top stories of a region (local day), each with its overall summary."""
    tz = ZoneInfo(zone)
    midnight = datetime.combine(datetime.now(tz).date(), time(0), tzinfo=tz)
    articles = await asyncio.to_thread(
        svc.store.articles.latest, target.region.id, REGION_TOP, midnight
    )
    name = region_name(target.region, language)
    if not articles:
        return [t(language, "region_top_none", region=name, region_id=target.region.id)]
    blocks = []
    for article in articles:
        blocks.extend(
            summary_blocks(
                title=article.title,
                url=article.url,
                source=article.source,
                when=f"{story_time(article.published_at, zone)} · #{article.id}",
                sections=(),
                overall=article.summary[:3],
            )
        )
    header = t(language, "region_top_header", region=name)
    parts = message_parts(blocks)
    parts[0] = f"{header}\n\n{parts[0]}"
    return parts
