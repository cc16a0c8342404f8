"""/start, /help and /regions."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat.authorization import is_bot_admin
from bot.chat.handlers.common import chat_record, ensure_record, language_for, language_of
from bot.chat.keyboards import regions_keyboard
from bot.chat.render import region_list
from bot.chat.replies import reply
from bot.chat.services import Services, services
from bot.i18n import t

# A /start repeated within this time (an impatient user in a crowd) is answered once.
START_REPEAT_WINDOW = timedelta(seconds=10)


async def _first_start(svc: Services, update: Update) -> bool:
    """True unless this user sent /start in this chat moments ago (decided fleet-wide)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return True
    key = f"start:{chat.id}:{user.id}"
    admission = await asyncio.to_thread(
        svc.store.throttle_marks.admit, key, datetime.now(UTC), START_REPEAT_WINDOW
    )
    return admission.admitted


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome in the user's language and offer the regions as buttons (once per burst)."""
    svc = services(context)
    if not await _first_start(svc, update):
        return
    record = await chat_record(svc, update)
    if record is None:
        record = await ensure_record(svc, update)
    language = language_of(record, update)
    user = update.effective_user
    name = t(language, "welcome_name", name=user.first_name) if user and user.first_name else ""
    regions = await asyncio.to_thread(svc.store.regions.list)
    followed = set(record.regions) if record else set()
    keyboard = regions_keyboard(language, [r for r in regions if r.id not in followed])
    await reply(update, context, t(language, "welcome", name=name), keyboard)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands; administrators also see theirs."""
    svc = services(context)
    language = await language_for(svc, update)
    text: str = t(language, "help")
    user = update.effective_user
    if is_bot_admin(user.id if user else None, svc.settings.admin_ids):
        text += t(language, "help_admin")
    await reply(update, context, text)


async def regions_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The regions the bot covers, marked when this chat follows them, with buttons."""
    svc = services(context)
    record = await chat_record(svc, update)
    language = language_of(record, update)
    regions = await asyncio.to_thread(svc.store.regions.list)
    if not regions:
        await reply(update, context, t(language, "regions_none"))
        return
    followed = record.regions if record else ()
    keyboard = regions_keyboard(language, [r for r in regions if r.id not in followed])
    await reply(update, context, region_list(language, regions, followed), keyboard)
