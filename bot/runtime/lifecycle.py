"""The composition root: the chat Application plus this process's periodic work, started and
stopped together.

`bot.chat` builds handlers only; this module adds the ticks and the outbox sender and owns their
lifecycle. Nothing in `bot.chat` imports this package: the runtime calls into the chat, never
the reverse.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.chat.admin_alerts import AdminAlerts
from bot.chat.app import App, LifecycleHook, announce_menu, build_application, default_summarizer
from bot.chat.services import SummarizeLink
from bot.digest.traffic import Traffic
from bot.runtime.background import Background
from bot.runtime.jobs import install_jobs
from bot.settings import Settings
from bot.store import Store

RUNTIME_KEY = "newsbot.runtime"
STARTED_KEY = "newsbot.started"


@dataclass(frozen=True)
class Wiring:
    """What `start` needs beyond the Application, kept in its bot_data under RUNTIME_KEY."""

    settings: Settings
    store: Store
    background: Background
    traffic: Traffic


def build_bot(
    settings: Settings,
    store: Store,
    *,
    summarize_link: SummarizeLink | None = None,
    background: Background | None = None,
    post_init: LifecycleHook | None = None,
    alerts: AdminAlerts | None = None,
) -> App:
    """The bot, ready to poll or to take webhook updates, with its periodic work wired in.

    `background` chooses which periodic work runs in this process (ingest tick, digest tick,
    outbox sender); tests turn pieces off. `post_init` runs after the menu is announced.
    `alerts` reports errors and paused feeds to the admins (see `bot.chat.app`).
    Replies and this process's outbox sender pace themselves with one `Traffic`.
    """
    if not settings.bot_token:
        raise ValueError("a bot token is needed to build the application")
    traffic = Traffic.for_store(store, settings.global_rate)
    chosen = background or Background.from_settings(settings)

    async def initialise(application: App) -> None:
        await start(application)
        if post_init is not None:
            await post_init(application)

    application = build_application(
        settings,
        store,
        summarize_link=summarize_link or default_summarizer(settings, chosen.pages),
        traffic=traffic,
        post_init=initialise,
        post_shutdown=stop,
        alerts=alerts,
    )
    application.bot_data[RUNTIME_KEY] = Wiring(settings, store, chosen, traffic)
    return application


def _wiring(application: App) -> Wiring:
    value = application.bot_data.get(RUNTIME_KEY)
    if not isinstance(value, Wiring):  # pragma: no cover - a wiring mistake
        raise TypeError("the application was not built by bot.runtime.build_bot")
    return value


async def start(application: App) -> None:
    """Announce the menu and start the periodic work (once, however often it is called).

    `run_polling` calls it as `post_init`; code that drives the lifecycle itself (the webhook
    server, the sandbox, tests) calls it after `initialize()` and before `start()`.
    """
    if application.bot_data.get(STARTED_KEY):
        return
    application.bot_data[STARTED_KEY] = True
    wiring = _wiring(application)
    await announce_menu(application)
    install_jobs(application, wiring.settings, wiring.store, wiring.background)
    wiring.background.start_sender(wiring.settings, wiring.store, wiring.traffic)


async def stop(application: App) -> None:
    """Stop the periodic work started by `start`."""
    if not application.bot_data.pop(STARTED_KEY, False):
        return
    await _wiring(application).background.stop()


@asynccontextmanager
async def serving(application: App) -> AsyncIterator[App]:
    """Initialise, start the periodic work and the application; undo it all on exit.

    Updates still need a source: `application.updater.start_polling()` or a webhook.
    """
    async with application:
        await start(application)
        await application.start()
        try:
            yield application
        finally:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            await application.stop()
            await stop(application)
