"""The one handler for the unexpected: log it (token redacted upstream), apologise politely."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.chat.i18n import language_from_code, t
from bot.chat.replies import reply

log = logging.getLogger("bot.chat")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception with its traceback; tell the user something went wrong, nothing more."""
    error = context.error
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Transient connection trouble (polling retries by itself): one line, no traceback.
        log.warning("network problem talking to Telegram: %s", error)
        return
    log.error("unexpected error while handling an update", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    language = language_from_code(user.language_code if user else None)
    try:
        await reply(update, context, t(language, "error_generic"))
    except TelegramError as exc:
        log.warning("could not send the apology: %s", exc)
