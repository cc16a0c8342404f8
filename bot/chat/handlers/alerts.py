"""/alert and /alerts: instant alerts for words (in a region), listed with remove buttons.

Private chats set their own; in groups only the group's administrators may; channels are
handled through `/channel @name alert ...` (see subscriptions.channel).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.chat import callbacks
from bot.chat.alert_arguments import (
    AlertProblem,
    AlertRequest,
    NewAlert,
    RemoveAlert,
    parse_alert,
    same_words,
)
from bot.chat.handlers.common import (
    Destination,
    arguments,
    destination_of,
    ensure_channel,
    ensure_record,
    language_for,
    refuse_long,
    require_chat_admin,
)
from bot.chat.handlers.common import words as command_words
from bot.chat.render import region_name
from bot.chat.replies import edit_unless_unchanged, reply
from bot.chat.services import Services, services
from bot.i18n import t
from bot.store import Alert, Region

MAX_ALERTS = 20
"""Alerts one destination may hold."""


async def alert_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/alert <words> [region]` sets an alert; `/alert off <id|words>` removes one."""
    svc = services(context)
    language = await language_for(svc, update)
    if await refuse_long(update, context, arguments(context), language):
        return
    regions = await asyncio.to_thread(svc.store.regions.list)
    request = parse_alert(command_words(context), regions)
    if isinstance(request, AlertProblem):
        await reply(update, context, t(language, request.key, limit=MAX_ALERTS))
        return
    if not await require_chat_admin(update, context, language):
        return
    where = destination_of(update)
    if where is None:
        return
    await ensure_record(svc, update)
    user = update.effective_user
    text = await apply_alert(svc, where, request, user.id if user else None, language, regions)
    await reply(update, context, text)


async def apply_alert(
    svc: Services,
    where: Destination,
    request: NewAlert | RemoveAlert,
    user_id: int | None,
    language: str,
    regions: list[Region],
) -> str:
    """Carry out a parsed request for a destination; returns the sentence to answer with."""
    if isinstance(request, RemoveAlert):
        return await _remove(svc, where, request, language)
    existing = await asyncio.to_thread(
        svc.store.alerts.for_destination, where.chat_id, where.thread_id
    )
    if len(existing) >= MAX_ALERTS:
        return t(language, "alert_limit", limit=MAX_ALERTS)
    region_id = request.region.id if request.region else None
    for alert in existing:
        if alert.region_id == region_id and same_words(alert.words, request.words):
            return t(language, "alert_exists", id=alert.id, words=alert.words)
    alert, _created = await asyncio.to_thread(
        svc.store.alerts.add,
        where.chat_id,
        where.thread_id,
        request.words,
        region_id,
        user_id,
        datetime.now(UTC),
    )
    return t(
        language,
        "alert_added",
        id=alert.id,
        words=alert.words,
        where=_region_text(alert, regions, language),
        limit=svc.settings.alerts_per_hour,
    )


async def _remove(svc: Services, where: Destination, request: RemoveAlert, language: str) -> str:
    alerts = svc.store.alerts
    if request.alert_id is not None:
        removed = await asyncio.to_thread(
            alerts.remove, where.chat_id, where.thread_id, request.alert_id
        )
        if removed is None:
            return t(language, "alert_not_found", value=f"#{request.alert_id}")
        return t(language, "alert_removed", words=removed.words)
    existing = await asyncio.to_thread(alerts.for_destination, where.chat_id, where.thread_id)
    gone = [a for a in existing if same_words(a.words, request.words)]
    for alert in gone:
        await asyncio.to_thread(alerts.remove, where.chat_id, where.thread_id, alert.id)
    if not gone:
        return t(language, "alert_not_found", value=request.words)
    return t(language, "alert_removed", words=gone[0].words)


def _region_text(alert: Alert, regions: list[Region], language: str) -> str:
    if alert.region_id is None:
        return t(language, "alert_any_region")
    names = {region.id: region_name(region, language) for region in regions}
    return names.get(alert.region_id, alert.region_id)


async def alerts_view(
    svc: Services, where: Destination, language: str, *, buttons: bool = True
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The list of a destination's alerts, with a remove button each."""
    alerts = await asyncio.to_thread(
        svc.store.alerts.for_destination, where.chat_id, where.thread_id
    )
    if not alerts:
        return t(language, "alerts_none"), None
    regions = await asyncio.to_thread(svc.store.regions.list)
    record = await asyncio.to_thread(svc.store.chats.get, where.chat_id, where.thread_id)
    lines = [t(language, "alerts_header", count=len(alerts))]
    lines += [
        t(
            language,
            "alert_line",
            id=a.id,
            words=a.words,
            where=_region_text(a, regions, language),
        )
        for a in alerts
    ]
    quiet = (
        f"{record.quiet_start}–{record.quiet_end} ({record.timezone})"
        if record and record.quiet_start and record.quiet_end
        else t(language, "none")
    )
    lines.append(t(language, "alerts_footer", limit=svc.settings.alerts_per_hour, quiet=quiet))
    if not buttons:
        return "\n".join(lines), None
    rows = [
        [
            InlineKeyboardButton(
                t(language, "button_remove_alert", id=a.id, words=a.words[:24]),
                callback_data=callbacks.encode(callbacks.RemoveAlert(a.id)),
            )
        ]
        for a in alerts
    ]
    return "\n".join(lines), InlineKeyboardMarkup(rows)


async def alerts_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/alerts`: this chat's alerts, each with a button that removes it."""
    svc = services(context)
    language = await language_for(svc, update)
    where = destination_of(update)
    if where is None:
        return
    text, keyboard = await alerts_view(svc, where, language)
    await reply(update, context, text, keyboard)


async def remove_alert_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: callbacks.RemoveAlert
) -> None:
    """A remove button under /alerts: remove it (admins only in groups), refresh the list."""
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_chat_admin(update, context, language):
        return
    where = destination_of(update)
    if where is None:
        return
    await asyncio.to_thread(
        svc.store.alerts.remove, where.chat_id, where.thread_id, action.alert_id
    )
    text, keyboard = await alerts_view(svc, where, language)
    query = update.callback_query
    if query is None or query.message is None:
        return
    await edit_unless_unchanged(query.edit_message_text(text, reply_markup=keyboard))


async def channel_alert(
    svc: Services,
    channel_id: int,
    handle: str,
    words: list[str],
    user_id: int | None,
    language: str,
) -> str:
    """`/channel @name alert <words> [region]`, `... alert off <id|words>`, `... alerts`."""
    where = Destination(channel_id, 0, "channel", handle)
    if not words:
        text, _ = await alerts_view(svc, where, language, buttons=False)
        return text
    regions = await asyncio.to_thread(svc.store.regions.list)
    request: AlertRequest = parse_alert(words, regions)
    if isinstance(request, AlertProblem):
        return t(language, request.key, limit=MAX_ALERTS)
    await ensure_channel(svc, channel_id, handle, language)
    return await apply_alert(svc, where, request, user_id, language, regions)
