"""One entry point for every inline button: decode, validate, answer, dispatch."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat import callbacks
from bot.chat.handlers.alerts import remove_alert_button
from bot.chat.handlers.common import language_for
from bot.chat.handlers.region_admin import region_removal_button
from bot.chat.handlers.search import search_page_button, summary_button
from bot.chat.handlers.settings_panel import settings_button
from bot.chat.handlers.subscriptions import region_button
from bot.chat.services import services
from bot.i18n import t


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route a callback query; data we did not produce is answered as "no longer valid"."""
    query = update.callback_query
    if query is None:
        return
    action = callbacks.decode(query.data)
    if action is None:
        language = await language_for(services(context), update)
        await query.answer(t(language, "callback_invalid"), show_alert=False)
        return
    # Answer at once so the client stops its spinner; the work may take a moment.
    await query.answer()
    match action:
        case callbacks.Subscribe() | callbacks.Unsubscribe():
            await region_button(update, context, action)
        case callbacks.SettingsAction():
            await settings_button(update, context, action)
        case callbacks.SearchPage():
            await search_page_button(update, context, action)
        case callbacks.SummaryOf():
            await summary_button(update, context, action)
        case callbacks.RemoveRegion() | callbacks.KeepRegion():
            await region_removal_button(update, context, action)
        case callbacks.RemoveAlert():
            await remove_alert_button(update, context, action)
