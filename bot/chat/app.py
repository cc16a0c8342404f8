"""Build the python-telegram-bot Application: handlers, error handler, menu.

No periodic work starts here: `bot.runtime` builds on this Application, adds the ticks and the
outbox sender, and drives the lifecycle.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot.chat.admin_alerts import ALERTS_KEY, AdminAlerts
from bot.chat.commands import COMMANDS, Handler, menu
from bot.chat.error_handler import on_error
from bot.chat.handlers.buttons import on_button
from bot.chat.handlers.inline import add_inline_handlers
from bot.chat.handlers.opml import import_opml
from bot.chat.handlers.plain_text import plain_text, unknown_command
from bot.chat.handlers.summary import bare_link
from bot.chat.rate_limiter import TrafficRateLimiter
from bot.chat.services import SERVICES_KEY, Services, SummarizeLink
from bot.chat.typing_first import TypingFirst
from bot.digest.traffic import Traffic
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bot.news.articles import SummarizedArticle, summarize_url
from bot.news.page_workers import PagePool
from bot.ops.alerts import SharedAlertThrottle
from bot.ops.metrics import COMMAND_ERRORS, COMMAND_SECONDS
from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)
App = Application[Any, Any, Any, Any, Any, Any]
LifecycleHook = Callable[[App], Coroutine[Any, Any, None]]

# Updates handled at once: enough that a slow /summary never holds up everyone else.
CONCURRENT_UPDATES = 16
UNKNOWN_COMMAND_GROUP = 10


def _timed(name: str, handler: Handler) -> Handler:
    """Record how long a command takes, and count the ones that fail."""

    async def run(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        started = time.perf_counter()
        try:
            await handler(update, context)
        except Exception:
            COMMAND_ERRORS.labels(command=name).inc()
            raise
        finally:
            COMMAND_SECONDS.labels(command=name).observe(time.perf_counter() - started)

    return run


def default_summarizer(settings: Settings, pages: PagePool | None) -> SummarizeLink:
    """/summary of a link: fetched and extracted in `pages` (None: in threads of this process)."""

    async def summarize(url: str) -> SummarizedArticle:
        return await summarize_url(url, allow_private_urls=settings.allow_private_urls, pages=pages)

    return summarize


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Every command, the OPML document upload, bare links in private chats, buttons."""
    for command in COMMANDS:
        application.add_handler(CommandHandler(command.name, _timed(command.name, command.handler)))
    # A document sent with the caption /import is not a command message; catch it here.
    application.add_handler(
        MessageHandler(
            filters.Document.ALL & filters.CaptionRegex(r"^/import(@\w+)?(\s|$)"),
            _timed("import", import_opml),
        )
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE
            & filters.TEXT
            & ~filters.COMMAND
            & (filters.Entity("url") | filters.Entity("text_link")),
            _timed("link", bare_link),
        )
    )
    # Any other text in a private chat: a settings answer, or a hint instead of silence.
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND,
            _timed("text", plain_text),
        )
    )
    # A command no command handler takes: in a private chat, say so rather than stay silent
    # (groups stay quiet: their commands may be meant for another bot). A group of its own, so
    # that command handlers added after this one are still reached first.
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & filters.COMMAND,
            unknown_command,  # untimed: it sees every command, known ones included
        ),
        group=UNKNOWN_COMMAND_GROUP,
    )
    application.add_handler(CallbackQueryHandler(on_button))
    add_inline_handlers(application)
    application.add_error_handler(on_error)


async def announce_menu(application: App) -> None:
    """setMyCommands in the default language, then in every other interface language."""
    await application.bot.set_my_commands(menu(DEFAULT_LANGUAGE))
    for code in LANGUAGES:
        if code != DEFAULT_LANGUAGE:
            await application.bot.set_my_commands(menu(code), language_code=code)


def build_application(
    settings: Settings,
    store: Store,
    *,
    summarize_link: SummarizeLink | None = None,
    traffic: Traffic | None = None,
    post_init: LifecycleHook | None = None,
    post_shutdown: LifecycleHook | None = None,
    alerts: AdminAlerts | None = None,
) -> App:
    """The bot's handlers on an Application, ready to poll or to take webhook updates.

    `traffic` is the overall sending budget the replies' limiter draws from (by default one
    of this Application's own). `post_init` and `post_shutdown` are python-telegram-bot's
    lifecycle hooks. `alerts` reports errors and paused feeds to the admins (by default:
    settings.admin_ids, each subject at most once an hour across every process on the database).
    """
    if not settings.bot_token:
        raise ValueError("a bot token is needed to build the application")
    budget = traffic or Traffic.for_store(store, settings.global_rate)
    processor = TypingFirst(CONCURRENT_UPDATES, budget)
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        Application.builder()
        .token(settings.bot_token)
        .base_url(f"{settings.api_url}/bot")
        .base_file_url(f"{settings.api_url}/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(processor)
        # Replies share the overall budget with the outbox sender (which has its own Bot and
        # sees its 429s itself); see bot.chat.rate_limiter for why not AIORateLimiter.
        .rate_limiter(TrafficRateLimiter(budget))
    )
    if post_init is not None:
        builder = builder.post_init(post_init)
    if post_shutdown is not None:
        builder = builder.post_shutdown(post_shutdown)
    application = builder.build()
    processor.attach(application.bot)
    application.bot_data[SERVICES_KEY] = Services(
        settings=settings,
        store=store,
        summarize_link=summarize_link or default_summarizer(settings, None),
    )
    application.bot_data[ALERTS_KEY] = alerts or AdminAlerts(
        settings.admin_ids,
        throttle=SharedAlertThrottle(store.throttle_marks),
        secrets=[settings.bot_token],
    )
    add_handlers(application)
    return application
