"""Plain text in a private chat: the answer to a settings prompt, or a friendly hint."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from bot.chat.handlers.common import language_for
from bot.chat.handlers.settings_panel import AWAITING_KEY, change_from_text
from bot.chat.replies import reply
from bot.chat.services import services
from bot.i18n import t

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


def _has_handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True when some command handler, in any group (added later too), takes this command."""
    return any(
        isinstance(handler, CommandHandler) and handler.check_update(update)
        for handlers in context.application.handlers.values()
        for handler in handlers
    )


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot does not have, in a private chat: say so and point at /help."""
    if _has_handler(update, context):
        return
    message = update.effective_message
    text = (message.text or "").strip() if message is not None else ""
    command = text.split(maxsplit=1)[0].split("@", 1)[0] if text else "/"
    language = await language_for(services(context), update)
    await reply(update, context, t(language, "unknown_command", command=command[:40]))
