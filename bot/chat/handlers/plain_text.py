"""Plain text in a private chat: the answer to a settings prompt, or a friendly hint."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat.handlers.common import language_for
from bot.chat.handlers.settings_panel import AWAITING_KEY, change_from_text
from bot.chat.i18n import t
from bot.chat.replies import reply
from bot.chat.services import services

MAX_ANSWER_CHARS = 200


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Take the text as the value the settings panel asked for, else explain what works."""
    message = update.effective_message
    text = (message.text or "").strip() if message is not None else ""
    awaiting = context.chat_data.pop(AWAITING_KEY, None) if context.chat_data is not None else None
    if awaiting is not None and text and len(text) <= MAX_ANSWER_CHARS:
        await change_from_text(update, context, f"{awaiting} {text}")
        return
    language = await language_for(services(context), update)
    await reply(update, context, t(language, "plain_text_hint"))
