"""The one handler for the unexpected: log it (token redacted upstream), apologise, alert admins."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.chat.admin_alerts import ALERTS_KEY, AdminAlerts
from bot.chat.replies import reply
from bot.i18n import language_from_code, t

log = logging.getLogger("bot.chat")
MAX_COMMAND_CHARS = 40


def _during(update: object, context: ContextTypes.DEFAULT_TYPE) -> str:
    """What was being handled, in a few words and without the user's text."""
    if context.job is not None:
        return f"the {context.job.name} job"
    if not isinstance(update, Update):
        return ""
    if update.callback_query is not None:
        return "a button press"
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    if text.startswith("/"):
        return text.split(maxsplit=1)[0][:MAX_COMMAND_CHARS]
    return "a message"


async def _alert(update: object, context: ContextTypes.DEFAULT_TYPE, error: BaseException) -> None:
    alerts = context.application.bot_data.get(ALERTS_KEY)
    if not isinstance(alerts, AdminAlerts):
        return
    try:
        await alerts.unexpected_error(context.bot, error, _during(update, context))
    except Exception:  # the alert is a courtesy; never let it fail the error handler itself
        log.exception("could not alert the admins about an error")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception; tell the user something went wrong; alert the admins (throttled)."""
    error = context.error
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Transient connection trouble (polling retries by itself): one line, no traceback.
        log.warning("network problem talking to Telegram: %s", error)
        return
    log.error("unexpected error while handling an update", exc_info=error)
    await _apologise(update, context)
    if error is not None:
        await _alert(update, context, error)


async def _apologise(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The user hears first; admins (possibly several, one message each) come after.
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    language = language_from_code(user.language_code if user else None)
    try:
        await reply(update, context, t(language, "error_generic"))
    except TelegramError as exc:
        log.warning("could not send the apology: %s", exc)
