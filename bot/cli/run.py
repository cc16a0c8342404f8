"""`newsbot run`: migrate, then serve Telegram by polling or by webhook; no token: the sandbox."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import logging
import signal
import sys
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.chat.logging_setup import setup_logging
from bot.cli import sandbox
from bot.cli.region_seed import seed_regions
from bot.news.errors import FeedError
from bot.ops.endpoints import OperatorEndpoints
from bot.ops.health import UndecodableUpdateError, WebhookRoute
from bot.runtime import build_bot, serving
from bot.settings import Settings
from bot.store import Store, StoreError, open_store

log = logging.getLogger(__name__)
DEFAULT_WEBHOOK_PORT = 8443

App = Application[Any, Any, Any, Any, Any, Any]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `run` subcommand."""
    parser = subparsers.add_parser(
        "run", help="run the bot (polling, or webhook with --webhook-url); no token: sandbox"
    )
    parser.add_argument(
        "--webhook-url",
        metavar="URL",
        help="public HTTPS address Telegram posts updates to (its path is served locally)",
    )
    parser.add_argument(
        "--port",
        type=int,
        metavar="P",
        help=f"webhook and /healthz, /readyz, /metrics port (default {DEFAULT_WEBHOOK_PORT})",
    )
    parser.add_argument("--listen", default="0.0.0.0", metavar="HOST", help="address to bind")
    # The sandbox fallback reads the sandbox command's options: give them their defaults.
    parser.set_defaults(handler=run, script=None, html=False)


def webhook_secret(token: str) -> str:
    """The secret Telegram presents with each webhook call.

    Derived from the token, so every process of a deployment agrees on it without a setting.
    """
    return hashlib.sha256(f"newsbot-webhook:{token}".encode()).hexdigest()


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of `newsbot run`."""
    if not settings.has_token:
        print("No TELEGRAM_BOT_TOKEN is set: starting the offline sandbox instead.", flush=True)
        return sandbox.run(args, settings)
    if args.webhook_url and urlsplit(args.webhook_url).scheme not in {"https", "http"}:
        print("newsbot run: --webhook-url must be an http(s) URL", file=sys.stderr)
        return 2
    secrets = [settings.bot_token or "", webhook_secret(settings.bot_token or "")]
    setup_logging(level=settings.log_level, log_format=settings.log_format, secrets=secrets)
    try:
        store = prepare_store(settings)
    except (StoreError, FeedError) as exc:
        print(f"newsbot run: {exc}", file=sys.stderr)
        return 1
    try:
        asyncio.run(_serve(args, settings, store))
    except InvalidToken:
        print("newsbot run: the Bot API rejected TELEGRAM_BOT_TOKEN", file=sys.stderr)
        return 1
    except TelegramError as exc:
        # The exception text may quote the request URL, which carries the token.
        reason = str(exc).replace(settings.bot_token or "", "[token]")
        print(f"newsbot run: the Bot API refused to start the bot: {reason}", file=sys.stderr)
        return 1
    except ListenError as exc:
        print(f"newsbot run: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


class ListenError(Exception):
    """The webhook or health port cannot be bound (in use, or not allowed)."""


async def _listen(endpoints: OperatorEndpoints, port: int, host: str) -> None:
    try:
        await endpoints.start(port, host)
    except OSError as exc:
        raise ListenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def prepare_store(settings: Settings) -> Store:
    """Open the database, apply pending migrations, and load the regions if it has none."""
    store = open_store(settings.database_url)
    store.upgrade()
    # Once admins own the regions, a restart must not overwrite what they changed.
    seed_regions(store, settings)
    return store


async def _serve(args: argparse.Namespace, settings: Settings, store: Store) -> None:
    application = build_bot(settings, store)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    async with serving(application):
        endpoints = await _start_receiving(args, settings, store, application)
        log.info("newsbot is running (%s)", "webhook" if args.webhook_url else "polling")
        try:
            await stop.wait()
        finally:
            if endpoints is not None:
                await endpoints.stop()


async def _start_receiving(
    args: argparse.Namespace, settings: Settings, store: Store, application: App
) -> OperatorEndpoints | None:
    """Start receiving updates; returns the operator endpoints server if one runs.

    Webhook: one server takes Telegram's posts and serves the operator endpoints.
    Polling: getUpdates, and the operator endpoints only when NEWSBOT_HEALTH_PORT is set.
    """
    interval = settings.ingest_interval_seconds
    if args.webhook_url:
        token = settings.bot_token or ""
        secret = webhook_secret(token)

        async def on_update(data: dict[str, Any]) -> None:
            try:
                update = Update.de_json(data, application.bot)
            except (TypeError, KeyError, AttributeError, ValueError) as exc:
                raise UndecodableUpdateError(f"{type(exc).__name__}: {exc}") from None
            await application.update_queue.put(update)

        path = urlsplit(args.webhook_url).path or "/telegram"
        route = WebhookRoute(path=path, secret_token=secret, on_update=on_update)
        endpoints = OperatorEndpoints(store, ingest_interval_seconds=interval, webhook=route)
        await _listen(endpoints, args.port or DEFAULT_WEBHOOK_PORT, args.listen)
        try:
            await application.bot.set_webhook(
                args.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
            )
        except BaseException:
            await endpoints.stop()
            raise
        return endpoints
    assert application.updater is not None
    await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
    if settings.health_port is None:
        return None
    endpoints = OperatorEndpoints(store, ingest_interval_seconds=interval)
    await _listen(endpoints, settings.health_port, args.listen)
    return endpoints
