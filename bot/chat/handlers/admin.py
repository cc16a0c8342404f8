"""Administrator commands: /addfeed, /removefeed, /resumefeed, /feeds, /stats."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat.arguments import match_region
from bot.chat.handlers.common import language_for, require_bot_admin
from bot.chat.handlers.common import words as command_words
from bot.chat.render import html_lines_parts, region_name
from bot.chat.replies import reply, reply_parts
from bot.chat.services import Services, services
from bot.i18n import t, tn
from bot.news.errors import FeedError
from bot.news.feed_service import FeedService
from bot.news.fetch import Fetcher
from bot.ops.stats_chart import ChartWords, StatsSeries, render_stats_png
from bot.ops.stats_data import UNTAGGED, collect_stats
from bot.store import Feed

log = logging.getLogger(__name__)
MAX_URL_CHARS = 2000


async def addfeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/addfeed <url> [region]`: check the feed parses (or find it on a page), then add it."""
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_bot_admin(update, context, language):
        return
    words = command_words(context)
    if not words or len(words[0]) > MAX_URL_CHARS or len(words) > 8:
        await reply(update, context, t(language, "usage_addfeed"))
        return
    region_id: str | None = None
    if len(words) > 1:
        regions = await asyncio.to_thread(svc.store.regions.list)
        region = match_region(" ".join(words[1:]), regions)
        if region is None:
            known = ", ".join(region.id for region in regions) or t(language, "none")
            await reply(
                update,
                context,
                t(language, "unknown_region_admin", query=" ".join(words[1:]), known=known),
            )
            return
        region_id = region.id
    fetcher = Fetcher(allow_private_urls=svc.settings.allow_private_urls)
    try:
        added = await FeedService(svc.store, fetcher).add(words[0], region_id)
    except FeedError as exc:
        await reply(update, context, t(language, "feed_add_failed", reason=str(exc)))
        return
    finally:
        await fetcher.aclose()
    await reply(update, context, t(language, "feed_added", id=added.feed.id, url=added.feed.url))


async def removefeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/removefeed <id|url>`: stop fetching a feed (its stories stay)."""
    await _change_feed(update, context, FeedService.remove, "usage_removefeed", "feed_removed")


async def resumefeed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/resumefeed <id|url>`: re-enable a paused feed; it is checked at the next tick."""
    await _change_feed(update, context, FeedService.resume, "usage_resumefeed", "feed_resumed")


async def _change_feed(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    change: Callable[[FeedService, str], Feed | None],
    usage_key: str,
    done_key: str,
) -> None:
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_bot_admin(update, context, language):
        return
    words = command_words(context)
    if len(words) != 1 or len(words[0]) > MAX_URL_CHARS:
        await reply(update, context, t(language, usage_key))
        return
    changed = await asyncio.to_thread(change, FeedService(svc.store), words[0])
    if changed is None:
        await reply(update, context, t(language, "feed_not_found", value=words[0]))
        return
    await reply(update, context, t(language, done_key, id=changed.id))


def feed_health_line(language: str, feed: Feed) -> str:
    """One feed's health: state, last success and last error, in words."""
    never = t(language, "never")
    success = (
        f"{feed.last_success_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        if feed.last_success_at
        else never
    )
    error = feed.last_error or t(language, "none")
    if feed.error_count and feed.last_error:
        error = f"{feed.last_error} (×{feed.error_count})"
    return t(
        language,
        "feed_line",
        id=feed.id,
        title=(feed.title or feed.url)[:120],
        region=feed.region_id or "—",
        state=t(language, f"feed_state_{feed.state}"),
        success=success,
        error=error[:300],
    )


async def feeds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/feeds`: every feed's health."""
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_bot_admin(update, context, language):
        return
    all_feeds = await asyncio.to_thread(svc.store.feeds.list)
    if not all_feeds:
        await reply(update, context, t(language, "feeds_none"))
        return
    lines: list[str] = [t(language, "feeds_header", count=len(all_feeds))]
    lines.extend(feed_health_line(language, feed) for feed in all_feeds)
    await reply_parts(update, context, html_lines_parts(lines))


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/stats`: counts as text, with a chart of articles per day per region when possible."""
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_bot_admin(update, context, language):
        return
    text, png = await asyncio.to_thread(_stats, svc, language)
    chat = update.effective_chat
    message = update.effective_message
    if png is None or chat is None:
        await reply(update, context, text)
        return
    thread = message.message_thread_id if message and message.is_topic_message else None
    await context.bot.send_photo(
        chat.id, io.BytesIO(png), caption=text, message_thread_id=thread, filename="stats.png"
    )


def _stats(svc: Services, language: str) -> tuple[str, bytes | None]:
    by_state = svc.store.feeds.count_by_state()
    text = t(
        language,
        "stats",
        feeds=sum(by_state.values()),
        paused=by_state.get("paused", 0),
        articles=svc.store.articles.count(),
        chats=svc.store.chats.count(),
    )
    try:
        series = collect_stats(svc.store, now=datetime.now(UTC), tz=ZoneInfo(svc.settings.timezone))
        return text, _chart_png(svc, series, language)
    except Exception:  # the chart is a nicety; the numbers must still be answered
        log.exception("could not draw the statistics chart")
        return text, None


def _chart_png(svc: Services, series: StatsSeries, language: str) -> bytes:
    """The chart with region names, title and panel names in the chat's language."""
    names = {region.id: region_name(region, language) for region in svc.store.regions.list()}
    names.setdefault(UNTAGGED, t(language, "stats_chart_other"))
    words = ChartWords(
        title=tn(language, "stats_chart_title", len(series.days)),
        failures=t(language, "stats_chart_failures"),
    )
    return render_stats_png(series.relabeled(names), words)
