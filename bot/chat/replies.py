"""Sending answers: HTML, no link previews, long texts split, forum topics respected."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


async def reply(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Answer in the chat (and topic) the update came from; the keyboard goes on the answer."""
    return await reply_parts(update, context, [text], keyboard)


async def reply_parts(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    parts: Sequence[str],
    keyboard: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send several HTML messages in order; the keyboard goes on the last one."""
    chat = update.effective_chat
    if chat is None or not parts:
        return None
    message = update.effective_message
    thread_id = message.message_thread_id if message and message.is_topic_message else None
    sent: Message | None = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent = await context.bot.send_message(
            chat.id,
            part,
            parse_mode=ParseMode.HTML,
            message_thread_id=thread_id,
            reply_markup=keyboard if last else None,
            link_preview_options=NO_PREVIEW,
        )
    return sent


async def edit_unless_unchanged(edit: Awaitable[object]) -> None:
    """Await an edit of a sent message; an edit to identical content is not an error."""
    try:
        await edit
    except BadRequest as exc:
        # A button pressed twice quickly asks for the same edit twice; nothing to do.
        if "not modified" not in str(exc).lower():
            raise
