"""A small python-telegram-bot Application (a pager) for exercising the emulator."""

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.sandbox import BotApiEmulator
from tests.botapi import application_builder

PAGES = ["<b>Page 1</b>: Taiyuan", "<b>Page 2</b>: Datong", "<b>Page 3</b>: Jinzhong"]


def keyboard(page: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("◀", callback_data=f"p{page - 1}"),
                InlineKeyboardButton("▶", callback_data=f"p{page + 1}"),
            ]
        ]
    )


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html(PAGES[0], reply_markup=keyboard(0))


async def page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    number = int(query.data[1:]) % len(PAGES)
    await query.answer(f"page {number + 1}")
    await query.edit_message_text(
        PAGES[number], parse_mode=ParseMode.HTML, reply_markup=keyboard(number)
    )


async def echo_args(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("args: " + " ".join(context.args or []))


def build(api: BotApiEmulator) -> Application[Any, Any, Any, Any, Any, Any]:
    application: Application[Any, Any, Any, Any, Any, Any] = application_builder(api).build()
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("echo", echo_args))
    application.add_handler(CallbackQueryHandler(page))
    return application
