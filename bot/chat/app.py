"""Build the python-telegram-bot Application: handlers, error handler, menu, background jobs."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
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
from bot.chat.jobs import TRAFFIC_KEY, Background, install_jobs
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
BACKGROUND_KEY = "newsbot.background"
STARTED_KEY = "newsbot.started"

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


def _default_summarizer(settings: Settings, pages: PagePool | None) -> SummarizeLink:
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


async def _announce_menu(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
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
    background: Background | None = None,
    post_init: Callable[[Application[Any, Any, Any, Any, Any, Any]], Awaitable[None]] | None = None,
    alerts: AdminAlerts | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot, ready to poll or to take webhook updates.

    `background` chooses which periodic work runs in this process (ingest tick, digest tick,
    outbox sender); tests turn pieces off. `post_init` runs after the menu is announced.
    `alerts` reports errors and paused feeds to the admins (by default: settings.admin_ids,
    each subject at most once an hour across every process on the database).
    Replies and this process's outbox sender pace themselves with one `Traffic`.
    """
    if not settings.bot_token:
        raise ValueError("a bot token is needed to build the application")
    traffic = Traffic.for_store(store, settings.global_rate)
    processor = TypingFirst(CONCURRENT_UPDATES, traffic)
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
        .rate_limiter(TrafficRateLimiter(traffic))
    )
    chosen = background or Background.from_settings(settings)

    async def initialise(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        await on_startup(application)
        if post_init is not None:
            await post_init(application)

    application = builder.post_init(initialise).post_shutdown(on_shutdown).build()
    processor.attach(application.bot)
    application.bot_data[TRAFFIC_KEY] = traffic
    application.bot_data[SERVICES_KEY] = Services(
        settings=settings,
        store=store,
        summarize_link=summarize_link or _default_summarizer(settings, chosen.pages),
    )
    application.bot_data[BACKGROUND_KEY] = chosen
    application.bot_data[ALERTS_KEY] = alerts or AdminAlerts(
        settings.admin_ids,
        throttle=SharedAlertThrottle(store.throttle_marks),
        secrets=[settings.bot_token],
    )
    add_handlers(application)
    return application


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Announce the menu and start the periodic work (once, however often it is called).

    `run_polling` calls it as `post_init`; code that drives the lifecycle itself (the webhook
    server, the sandbox, tests) calls it after `initialize()` and before `start()`.
    """
    if application.bot_data.get(STARTED_KEY):
        return
    application.bot_data[STARTED_KEY] = True
    svc: Services = application.bot_data[SERVICES_KEY]
    await _announce_menu(application)
    install_jobs(application, svc.settings, svc.store, application.bot_data[BACKGROUND_KEY])


async def on_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop the periodic work started by `on_startup`."""
    if not application.bot_data.pop(STARTED_KEY, False):
        return
    background: Background = application.bot_data[BACKGROUND_KEY]
    await background.stop(application)


@asynccontextmanager
async def serving(
    application: Application[Any, Any, Any, Any, Any, Any],
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Initialise, start the periodic work and the application; undo it all on exit.

    Updates still need a source: `application.updater.start_polling()` or a webhook.
    """
    async with application:
        await on_startup(application)
        await application.start()
        try:
            yield application
        finally:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            await application.stop()
            await on_shutdown(application)
