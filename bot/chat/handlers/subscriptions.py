"""/subscribe, /unsubscribe, their buttons, and /channel for channels the bot administers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.chat import callbacks
from bot.chat.arguments import channel_handle, match_region
from bot.chat.authorization import is_bot_admin, is_chat_admin
from bot.chat.handlers.alerts import channel_alert
from bot.chat.handlers.common import (
    Destination,
    arguments,
    chat_record,
    destination_of,
    ensure_channel,
    ensure_record,
    language_for,
    refuse_long,
    require_chat_admin,
)
from bot.chat.handlers.common import words as command_words
from bot.chat.keyboards import regions_keyboard
from bot.chat.render import region_name
from bot.chat.replies import reply
from bot.chat.services import Services, services
from bot.digest.subscribers import change_settings
from bot.digest.subscribers import subscribe as subscribe_regions
from bot.i18n import t
from bot.store import Region

# `/channel @name alert <words> [region]`, `... alert off <id|words>`, `... alerts`.
CHANNEL_ALERT_WORDS = frozenset({"alert", "alerts", "提醒"})


async def _change_request(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[Services, str, str] | None:
    """Services, language and argument of a change the sender may make; None once refused."""
    svc = services(context)
    language = await language_for(svc, update)
    query = arguments(context)
    if await refuse_long(update, context, query, language):
        return None
    if not await require_chat_admin(update, context, language):
        return None
    return svc, language, query


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/subscribe [region]`: follow a region, or pick one from buttons."""
    request = await _change_request(update, context)
    if request is None:
        return
    svc, language, query = request
    regions = await asyncio.to_thread(svc.store.regions.list)
    if not query:
        record = await chat_record(svc, update)
        followed = record.regions if record else ()
        offer = [r for r in regions if r.id not in followed]
        keyboard = regions_keyboard(language, offer)
        text = (
            t(language, "choose_region_subscribe") if keyboard else t(language, "usage_subscribe")
        )
        await reply(update, context, text, keyboard)
        return
    region = match_region(query, regions)
    if region is None:
        await reply(update, context, t(language, "unknown_region", query=query))
        return
    await _subscribe_here(update, context, svc, region, language)


async def _subscribe_here(
    update: Update, context: ContextTypes.DEFAULT_TYPE, svc: Services, region: Region, language: str
) -> None:
    where = destination_of(update)
    if where is None:
        return
    await ensure_record(svc, update)
    text = await _subscribe_destination(svc, where, region, language)
    await reply(update, context, text)


async def _adopt_region_zone(svc: Services, where: Destination, region: Region) -> None:
    """A destination's first region lends it its time zone, unless the chat chose another."""
    record = await asyncio.to_thread(svc.store.chats.get, where.chat_id, where.thread_id)
    if (
        record is None
        or not region.timezone
        or record.regions
        or record.timezone != svc.settings.timezone  # not the deployment default: chosen
        or record.timezone == region.timezone
    ):
        return
    await asyncio.to_thread(
        change_settings,
        svc.store,
        where.chat_id,
        where.thread_id,
        datetime.now(UTC),
        timezone=region.timezone,
    )


async def _subscribe_destination(
    svc: Services, where: Destination, region: Region, language: str
) -> str:
    await _adopt_region_zone(svc, where, region)
    added = await asyncio.to_thread(
        subscribe_regions,
        svc.store,
        where.chat_id,
        where.thread_id,
        [region.id],
        datetime.now(UTC),
    )
    name = region_name(region, language)
    if not added:
        return t(language, "already_subscribed", region=name)
    record = await asyncio.to_thread(svc.store.chats.get, where.chat_id, where.thread_id)
    time = record.digest_time if record else "08:00"
    zone = record.timezone if record else svc.settings.timezone
    return t(language, "subscribed", region=name, time=time, tz=zone)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/unsubscribe [region|all]`: stop following one region or all of them."""
    request = await _change_request(update, context)
    if request is None:
        return
    svc, language, query = request
    record = await chat_record(svc, update)
    where = destination_of(update)
    if record is None or where is None or not record.regions:
        await reply(update, context, t(language, "no_subscriptions"))
        return
    regions = await asyncio.to_thread(svc.store.regions.list)
    if not query:
        followed = [r for r in regions if r.id in record.regions]
        keyboard = regions_keyboard(language, followed, unsubscribe=True)
        text = (
            t(language, "choose_region_unsubscribe")
            if keyboard
            else t(language, "usage_unsubscribe")
        )
        await reply(update, context, text, keyboard)
        return
    if query.casefold() in {"all", "全部", "所有"}:
        await asyncio.to_thread(svc.store.chats.unsubscribe, where.chat_id, where.thread_id, None)
        await reply(update, context, t(language, "unsubscribed_all"))
        return
    region = match_region(query, regions)
    if region is None:
        await reply(update, context, t(language, "unknown_region", query=query))
        return
    await reply(update, context, await _unsubscribe(svc, where, region, language))


async def _unsubscribe(svc: Services, where: Destination, region: Region, language: str) -> str:
    removed = await asyncio.to_thread(
        svc.store.chats.unsubscribe, where.chat_id, where.thread_id, region.id
    )
    key = "unsubscribed" if removed else "not_subscribed"
    return t(language, key, region=region_name(region, language))


async def region_button(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    action: callbacks.Subscribe | callbacks.Unsubscribe,
) -> None:
    """A region button under /start, /regions, /subscribe or /unsubscribe."""
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_chat_admin(update, context, language):
        return
    region = await asyncio.to_thread(svc.store.regions.get, action.region_id)
    where = destination_of(update)
    if region is None or where is None:
        await reply(update, context, t(language, "callback_invalid"))
        return
    if isinstance(action, callbacks.Subscribe):
        await _subscribe_here(update, context, svc, region, language)
    else:
        await reply(update, context, await _unsubscribe(svc, where, region, language))


async def channel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/channel @name <region|off|alert ...>`: digests and alerts for a channel I administer.

    Allowed to bot administrators and to the channel's own administrators.
    """
    svc = services(context)
    language = await language_for(svc, update)
    words = command_words(context)
    handle = channel_handle(words[0]) if words else None
    query = " ".join(words[1:]).strip()
    if handle is None or not query or len(query) > 200:
        await reply(update, context, t(language, "usage_channel"))
        return
    try:
        target = await context.bot.get_chat(handle)
    except TelegramError:
        await reply(update, context, t(language, "channel_not_admin", channel=handle))
        return
    if not await is_chat_admin(context, target.id, context.bot.id):
        await reply(update, context, t(language, "channel_not_admin", channel=handle))
        return
    user = update.effective_user
    allowed = user is not None and (
        is_bot_admin(user.id, svc.settings.admin_ids)
        or await is_chat_admin(context, target.id, user.id)
    )
    if not allowed:
        await reply(update, context, t(language, "admin_only"))
        return
    if words[1].casefold() in CHANNEL_ALERT_WORDS:
        assert user is not None
        text = await channel_alert(svc, target.id, handle, words[2:], user.id, language)
        await reply(update, context, text)
        return
    await _set_channel(update, context, svc, target.id, handle, query, language)


async def _set_channel(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    svc: Services,
    channel_id: int,
    handle: str,
    query: str,
    language: str,
) -> None:
    where = Destination(channel_id, 0, "channel", handle)
    if query.casefold() in {"off", "all", "none"}:
        await asyncio.to_thread(svc.store.chats.unsubscribe, channel_id, 0, None)
        await reply(update, context, t(language, "unsubscribed_all"))
        return
    regions = await asyncio.to_thread(svc.store.regions.list)
    region = match_region(query, regions)
    if region is None:
        await reply(update, context, t(language, "unknown_region", query=query))
        return
    await ensure_channel(svc, channel_id, handle, language)
    await _subscribe_destination(svc, where, region, language)
    name = region_name(region, language)
    await reply(update, context, t(language, "channel_subscribed", channel=handle, region=name))
