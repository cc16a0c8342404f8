"""What every handler needs: the destination an update belongs to, its language, guards."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from telegram import Chat, Update
from telegram.ext import ContextTypes

from bot.chat.authorization import is_bot_admin, may_change_chat
from bot.chat.replies import reply
from bot.chat.services import Services, services
from bot.i18n import language_from_code, normalize_language, t
from bot.store import ChatRecord

# Longer arguments are refused politely before any parsing or database work.
MAX_ARGUMENT_CHARS = 1000


@dataclass(frozen=True)
class Destination:
    """Where digests for this conversation go: a chat, or one forum topic of it (0 = none)."""

    chat_id: int
    thread_id: int
    kind: str
    title: str | None


def destination_of(update: Update) -> Destination | None:
    """The chat (and forum topic) an update was sent in."""
    chat = update.effective_chat
    if chat is None:
        return None
    message = update.effective_message
    thread = message.message_thread_id if message and message.is_topic_message else None
    title = chat.title or chat.full_name or chat.username
    return Destination(chat.id, thread or 0, chat.type, title)


async def chat_record(svc: Services, update: Update) -> ChatRecord | None:
    """The stored settings of this destination, if any."""
    where = destination_of(update)
    if where is None:
        return None
    return await asyncio.to_thread(svc.store.chats.get, where.chat_id, where.thread_id)


async def ensure_record(svc: Services, update: Update) -> ChatRecord | None:
    """Create this destination's settings on first use (language from the user's client)."""
    where = destination_of(update)
    if where is None:
        return None
    user = update.effective_user
    return await asyncio.to_thread(
        svc.store.chats.ensure,
        where.chat_id,
        where.thread_id,
        kind=where.kind,
        title=where.title,
        language=language_from_code(user.language_code if user else None),
        timezone=svc.settings.timezone,
    )


async def ensure_channel(svc: Services, channel_id: int, handle: str, language: str) -> None:
    """Create a channel's settings on first use, named by its @handle, in the admin's language."""
    await asyncio.to_thread(
        svc.store.chats.ensure,
        channel_id,
        0,
        kind="channel",
        title=handle,
        language=language,
        timezone=svc.settings.timezone,
    )


def user_language(update: Update) -> str:
    """The interface language of the sender's Telegram client."""
    user = update.effective_user
    return language_from_code(user.language_code if user else None)


def language_of(record: ChatRecord | None, update: Update) -> str:
    """The chat's chosen language, else the sender's client language."""
    if record is not None:
        return normalize_language(record.language)
    return user_language(update)


async def language_for(svc: Services, update: Update) -> str:
    """The language to answer this update in (see `language_of`)."""
    return language_of(await chat_record(svc, update), update)


async def language_and_zone(svc: Services, update: Update) -> tuple[str, str]:
    """The reader's language and time zone: the chat's settings, else the defaults."""
    record = await chat_record(svc, update)
    return language_of(record, update), record.timezone if record else svc.settings.timezone


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """Drop control characters (a NUL cannot even be stored in PostgreSQL text)."""
    return _CONTROL.sub("", text)


def words(context: ContextTypes.DEFAULT_TYPE) -> list[str]:
    """The command's arguments split on whitespace, control characters removed."""
    return [w for w in (clean(arg) for arg in context.args or []) if w]


def arguments(context: ContextTypes.DEFAULT_TYPE) -> str:
    """The text after the command as one string, words separated by single spaces."""
    return " ".join(words(context)).strip()


async def refuse_long(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, language: str
) -> bool:
    """Answer "too long" and return True when the argument exceeds the limit."""
    if len(text) <= MAX_ARGUMENT_CHARS:
        return False
    await reply(update, context, t(language, "too_long", limit=MAX_ARGUMENT_CHARS))
    return True


async def require_bot_admin(
    update: Update, context: ContextTypes.DEFAULT_TYPE, language: str
) -> bool:
    """True for a bot administrator; anyone else gets a polite refusal."""
    user = update.effective_user
    if is_bot_admin(user.id if user else None, services(context).settings.admin_ids):
        return True
    await reply(update, context, t(language, "admin_only"))
    return False


async def require_chat_admin(
    update: Update, context: ContextTypes.DEFAULT_TYPE, language: str
) -> bool:
    """True when the sender may change this chat's settings; otherwise say why not."""
    if await may_change_chat(update, context, services(context).admin_cache):
        return True
    await reply(update, context, t(language, "group_admin_only"))
    return False


def is_private(update: Update) -> bool:
    """True in a one-to-one chat with the bot."""
    chat = update.effective_chat
    return chat is not None and chat.type == Chat.PRIVATE
