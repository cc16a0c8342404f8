"""/settings: show the panel, change one setting from arguments or from its buttons."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat import callbacks
from bot.chat.handlers.common import (
    arguments,
    chat_record,
    destination_of,
    ensure_record,
    language_for,
    refuse_long,
    require_chat_admin,
)
from bot.chat.keyboards import settings_keyboard
from bot.chat.replies import edit_unless_unchanged, reply
from bot.chat.schedule_text import describe_quiet, describe_schedule
from bot.chat.services import Services, services
from bot.chat.settings_text import SettingChange, parse_setting, refusal, settings_summary
from bot.digest.errors import DigestError
from bot.digest.model import SUMMARY_LENGTHS
from bot.digest.subscribers import change_settings
from bot.i18n import next_language, normalize_language, t
from bot.store import ChatRecord

# Buttons whose value the user may simply type next, and the setting name that value is for.
ANSWERABLE = {"time": "time", "tz": "tz", "sched": "schedule", "quiet": "quiet"}
AWAITING_KEY = "awaiting_setting"


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/settings` shows the panel; `/settings <name> <value>` changes one setting."""
    svc = services(context)
    language = await language_for(svc, update)
    text = arguments(context)
    if await refuse_long(update, context, text, language):
        return
    if not text:
        await _show_panel(update, context, svc, language)
        return
    await change_from_text(update, context, text)


async def change_from_text(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Apply one `<name> <value>` setting change and confirm it (or say what was wrong)."""
    svc = services(context)
    language = await language_for(svc, update)
    change = parse_setting(text)
    if change.error_key is not None:
        await reply(update, context, refusal(language, change))
        return
    if not await require_chat_admin(update, context, language):
        return
    record = await _apply(svc, update, change.fields)
    if record is None:
        await reply(update, context, t(language, "error_generic"))
        return
    new_language = normalize_language(record.language)
    await reply(update, context, confirmation(new_language, change, record))


def confirmation(language: str, change: SettingChange, record: ChatRecord) -> str:
    """The sentence confirming a change, in the (possibly new) language."""
    fields = change.fields
    if "schedule_kind" in fields:
        return t(
            language,
            "schedule_set",
            schedule=describe_schedule(language, record),
            tz=record.timezone,
        )
    if "quiet_start" in fields:
        if record.quiet_start is None:
            return t(language, "quiet_off")
        return t(language, "quiet_set", quiet=describe_quiet(language, record), tz=record.timezone)
    if "digest_time" in fields:
        return t(language, "time_set", time=record.digest_time, tz=record.timezone)
    if "timezone" in fields:
        return t(language, "tz_set", tz=record.timezone)
    if "language" in fields:
        return t(language, "lang_set")
    if "summary_length" in fields:
        return t(language, "length_set", length=t(language, f"length_{record.summary_length}"))
    if "paused" in fields:
        return t(language, "paused" if record.paused else "resumed")
    kind_key = "include" if "include_keywords" in fields else "exclude"
    words = record.include_keywords if kind_key == "include" else record.exclude_keywords
    kind = t(language, kind_key)
    if not words:
        return t(language, "keywords_cleared", kind=kind)
    return t(language, "keywords_set", kind=kind, words=", ".join(words))


async def _apply(svc: Services, update: Update, fields: dict[str, Any]) -> ChatRecord | None:
    where = destination_of(update)
    if where is None:
        return None
    await ensure_record(svc, update)
    try:
        return await asyncio.to_thread(
            change_settings, svc.store, where.chat_id, where.thread_id, datetime.now(UTC), **fields
        )
    except DigestError:
        return None


async def _show_panel(
    update: Update, context: ContextTypes.DEFAULT_TYPE, svc: Services, language: str
) -> None:
    record = await chat_record(svc, update)
    regions = await asyncio.to_thread(svc.store.regions.list)
    text = settings_summary(language, record, regions, svc.settings.timezone)
    keyboard = settings_keyboard(
        language,
        record.summary_length if record else "medium",
        record.paused if record else False,
    )
    await reply(update, context, text, keyboard)


async def settings_button(
    update: Update, context: ContextTypes.DEFAULT_TYPE, action: callbacks.SettingsAction
) -> None:
    """A button of the settings panel: toggle in place, or explain how to set a value."""
    svc = services(context)
    language = await language_for(svc, update)
    prompts = {
        "time": "settings_prompt_time",
        "tz": "settings_prompt_tz",
        "kw": "settings_prompt_keywords",
        "sched": "settings_prompt_schedule",
        "quiet": "settings_prompt_quiet",
    }
    if action.action in prompts:
        if action.action in ANSWERABLE and context.chat_data is not None:
            # The chat's next plain message is taken as the value (see plain_text.py).
            context.chat_data[AWAITING_KEY] = ANSWERABLE[action.action]
        await reply(update, context, t(language, prompts[action.action]))
        return
    if not await require_chat_admin(update, context, language):
        return
    record = await chat_record(svc, update) or await ensure_record(svc, update)
    if record is None:
        return
    fields = _toggle(action.action, record)
    updated = await _apply(svc, update, fields)
    if updated is None:
        return
    await _refresh_panel(update, svc, updated)


def _toggle(action: str, record: ChatRecord) -> dict[str, Any]:
    if action == "lang":
        return {"language": next_language(normalize_language(record.language))}
    if action == "len":
        lengths = list(SUMMARY_LENGTHS)
        current = lengths.index(record.summary_length) if record.summary_length in lengths else 0
        return {"summary_length": lengths[(current + 1) % len(lengths)]}
    return {"paused": action == "pause"}


async def _refresh_panel(update: Update, svc: Services, record: ChatRecord) -> None:
    language = normalize_language(record.language)
    regions = await asyncio.to_thread(svc.store.regions.list)
    text = settings_summary(language, record, regions, svc.settings.timezone)
    keyboard = settings_keyboard(language, record.summary_length, record.paused)
    query = update.callback_query
    if query is None or query.message is None:
        return
    await edit_unless_unchanged(query.edit_message_text(text, reply_markup=keyboard))
