"""Administrator commands for regions: /addregion, /editregion, /removeregion (with a button)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.chat import callbacks
from bot.chat.handlers.common import arguments, language_for, refuse_long, require_bot_admin
from bot.chat.render import region_name as _name_in
from bot.chat.replies import edit_unless_unchanged, reply
from bot.chat.services import services
from bot.i18n import LANGUAGES, Html, pattern, t, tn
from bot.news.errors import FeedError
from bot.news.region_admin import RegionAdmin, RegionEdit
from bot.news.regions import NAME_FIELD, UnknownRegionError, split_places
from bot.store import Region

OTHER_FIELDS = {"places": "places", "tz": "timezone", "timezone": "timezone"}
CONFIRM_WORDS = frozenset({"yes", "confirm", "是", "确认"})


def edit_fields() -> dict[str, str]:
    """What /editregion can change: a name per interface language, the places, the zone."""
    names = {NAME_FIELD.format(language=code): code for code in LANGUAGES}
    return {**names, **OTHER_FIELDS}


def region_name(language: str, region: Region) -> str:
    """The region's name in the interface language (English when it has none)."""
    return _name_in(region, language)


def details(language: str, region: Region) -> Html:
    """Names, places and time zone of a region, for admin answers."""
    names = [region.names[code] for code in LANGUAGES if code in region.names]
    return t(
        language,
        "region_details",
        names=" / ".join(names),
        places=", ".join(region.places) or t(language, "none"),
        tz=region.timezone or t(language, "none"),
    )


def name_fields(fields: list[str]) -> dict[str, str]:
    """/addregion's name fields: bare names in menu order (English first), or `code=name`."""
    codes = list(LANGUAGES)
    names: dict[str, str] = {}
    for position, field in enumerate(fields):
        code, tagged, name = field.partition("=")
        if tagged and code.strip().lower() in LANGUAGES:
            names[code.strip().lower()] = name.strip()
        elif position < len(codes):
            names[codes[position]] = field
    return names


def refusal(language: str, exc: FeedError) -> str:
    """Why a region change was refused, in the chat's language: an unknown id lists the known."""
    if isinstance(exc, UnknownRegionError):
        known = ", ".join(exc.known) or t(language, "none")
        return t(language, "unknown_region_admin", query=exc.region_id, known=known)
    return t(language, "region_invalid", reason=str(exc))


def removal_notice(language: str, region: Region) -> str:
    """What a subscriber of a removed region is told, in their language."""
    return t(language, "region_removed_notice", region=region_name(language, region))


async def _admin_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The admin's language, or None after refusing a non-admin."""
    language = await language_for(services(context), update)
    if not await require_bot_admin(update, context, language):
        return None
    return language


async def _admin_arguments(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[str, str] | None:
    """The admin's language and the command's arguments; None after refusing or over length."""
    language = await _admin_language(update, context)
    if language is None:
        return None
    text = arguments(context)
    if await refuse_long(update, context, text, language):
        return None
    return language, text


async def addregion(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/addregion id | English | 中文 | places | tz`: add a region checked like the catalogue."""
    asked = await _admin_arguments(update, context)
    if asked is None:
        return
    language, text = asked
    fields = [part.strip() for part in text.split("|")]
    if len(fields) < 3 or len(fields) > 5:
        await reply(update, context, t(language, "usage_addregion"))
        return
    places = split_places(fields[3]) if len(fields) > 3 else ()
    timezone = fields[4] if len(fields) > 4 else None
    admin = RegionAdmin(services(context).store)
    try:
        region = await asyncio.to_thread(
            admin.add, fields[0], name_fields(fields[1:3]), places, timezone
        )
    except FeedError as exc:
        await reply(update, context, refusal(language, exc))
        return
    name = region_name(language, region)
    answer = t(language, "region_added", name=name, id=region.id, details=details(language, region))
    await reply(update, context, answer)


def _edit_for(field: str, value: str) -> RegionEdit:
    if field == "places":
        return RegionEdit(places=split_places(value))
    if field == "timezone":
        return RegionEdit(timezone=value)
    return RegionEdit(names={field: value})


async def editregion(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/editregion id field value`: change a name, the places or the time zone."""
    asked = await _admin_arguments(update, context)
    if asked is None:
        return
    language, text = asked
    parts = text.split(" ", 2)
    fields = edit_fields()
    if len(parts) < 3 or parts[1].lower() not in fields:
        names = pattern(language, "separator").join(f for f in fields if f not in OTHER_FIELDS)
        await reply(update, context, t(language, "usage_editregion", names=names))
        return
    field, value = fields[parts[1].lower()], parts[2].strip()
    change = _edit_for(field, value)
    admin = RegionAdmin(services(context).store)
    try:
        region = await asyncio.to_thread(admin.edit, parts[0], change)
    except FeedError as exc:
        await reply(update, context, refusal(language, exc))
        return
    name = region_name(language, region)
    answer = t(
        language, "region_changed", name=name, id=region.id, details=details(language, region)
    )
    await reply(update, context, answer)


def _confirm_keyboard(language: str, region_id: str) -> InlineKeyboardMarkup | None:
    if not callbacks.region_id_is_encodable(region_id):
        return None  # too long an id for a button: `/removeregion id yes` still works
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(language, "region_remove_button"),
                    callback_data=callbacks.encode(callbacks.RemoveRegion(region_id)),
                ),
                InlineKeyboardButton(
                    t(language, "region_keep_button"),
                    callback_data=callbacks.encode(callbacks.KeepRegion(region_id)),
                ),
            ]
        ]
    )


async def _remove(admin: RegionAdmin, region_id: str, language: str) -> str:
    removed = await asyncio.to_thread(admin.remove, region_id, removal_notice, datetime.now(UTC))
    name = region_name(language, removed.region)
    if not removed.notified:
        return t(language, "region_removed_unfollowed", name=name, id=removed.region.id)
    return tn(language, "region_removed", removed.notified, name=name, id=removed.region.id)


async def removeregion(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/removeregion id [yes]`: remove a region; when chats follow it, ask first."""
    language = await _admin_language(update, context)
    if language is None:
        return
    words = arguments(context).split()
    if not words or len(words) > 2 or len(words[0]) > 64:
        await reply(update, context, t(language, "usage_removeregion"))
        return
    admin = RegionAdmin(services(context).store)
    try:
        region = await asyncio.to_thread(admin.require, words[0])
        followers = await asyncio.to_thread(admin.subscriber_count, region.id)
        confirmed = len(words) == 2 and words[1].lower() in CONFIRM_WORDS
        if followers and not confirmed:
            question = tn(
                language,
                "region_remove_confirm",
                followers,
                name=region_name(language, region),
                id=region.id,
            )
            await reply(update, context, question, _confirm_keyboard(language, region.id))
            return
        await reply(update, context, await _remove(admin, region.id, language))
    except FeedError as exc:
        await reply(update, context, refusal(language, exc))


async def region_removal_button(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    action: callbacks.RemoveRegion | callbacks.KeepRegion,
) -> None:
    """The confirm and keep buttons under a /removeregion question (admins only)."""
    query = update.callback_query
    language = await _admin_language(update, context)
    if language is None or query is None:
        return
    admin = RegionAdmin(services(context).store)
    try:
        region = await asyncio.to_thread(admin.require, action.region_id)
        if isinstance(action, callbacks.KeepRegion):
            text: str = t(language, "region_kept", name=region_name(language, region))
        else:
            text = await _remove(admin, region.id, language)
    except FeedError as exc:
        text = refusal(language, exc)
    await edit_unless_unchanged(query.edit_message_text(text))
