"""`newsbot sandbox`: the real bot against a Bot API emulator on loopback, in a terminal chat.

Nothing leaves the machine: the emulator stands in for Telegram, a static server serves the
sample feeds of config/sample_feeds, and the database is a fresh SQLite file under
data/sandbox/. The terminal user is the bot's administrator, so admin commands work too.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.chat.logging_setup import setup_logging
from bot.news.errors import FeedError
from bot.news.feed_service import FeedService
from bot.news.fetch import Fetcher
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.page_workers import PagePool, PoolConfig
from bot.news.regions import load_regions
from bot.ops.leader import SingleProcessLeader
from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator, User
from bot.sandbox.static_server import StaticServer
from bot.sandbox.terminal import TerminalChat
from bot.settings import Settings
from bot.store import Store, StoreError, open_store

SAMPLE_FEEDS = ("regional-en.xml", "regional-zh.xml")
log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `sandbox` subcommand."""
    parser = subparsers.add_parser(
        "sandbox",
        help="try the bot offline: emulated Telegram, sample feeds, a chat in the terminal",
    )
    parser.add_argument(
        "--script",
        type=Path,
        metavar="FILE",
        help="read the chat from FILE instead of the keyboard and exit at its end; "
        "{base_url} in FILE stands for the sample server's address",
    )
    parser.add_argument(
        "--html",
        action="store_true",
        help="print the bot's messages as the exact Telegram HTML it sent, not rendered",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of `newsbot sandbox`."""
    script: Path | None = args.script
    if script is not None and not script.is_file():
        print(f"newsbot sandbox: no such script file: {script}", file=sys.stderr)
        return 2
    directory = settings.data_dir / "sandbox"
    directory.mkdir(parents=True, exist_ok=True)
    setup_logging(level="INFO", log_format=settings.log_format, stream=_log_file(directory))
    try:
        return asyncio.run(_session(settings, directory, script, raw_html=args.html))
    except (StoreError, FeedError) as exc:
        print(f"newsbot sandbox: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _log_file(directory: Path) -> TextIO:
    # The terminal belongs to the chat; the bot's own log goes to a file beside the database.
    return (directory / "newsbot.log").open("w", encoding="utf-8")


def fresh_store(directory: Path) -> Store:
    """A new, migrated SQLite database for this run (the previous one is discarded)."""
    path = directory / "newsbot.db"
    for leftover in (path, path.with_name("newsbot.db-wal"), path.with_name("newsbot.db-shm")):
        leftover.unlink(missing_ok=True)
    store = open_store(f"sqlite:///{path}")
    store.upgrade()
    return store


async def load_samples(store: Store, settings: Settings, static: StaticServer) -> str:
    """Load the region catalogue, add the sample feeds and ingest them once; returns a summary."""
    # Regions only: the catalogue's own feeds are on the internet, which the sandbox never uses.
    for entry in load_regions(settings.config_dir / "regions.toml"):
        store.regions.upsert(entry.region)
    fetcher = Fetcher(allow_private_urls=True)
    try:
        service = FeedService(store, fetcher)
        for name in SAMPLE_FEEDS:
            await service.add(static.url(name))
        report = await run_ingest_tick(
            store, IngestOptions(allow_private_urls=True), now=datetime.now(UTC), fetcher=fetcher
        )
    finally:
        await fetcher.aclose()
    return report.summary_line()


async def _session(
    settings: Settings, directory: Path, script: Path | None, *, raw_html: bool = False
) -> int:
    with BotApiEmulator() as api, StaticServer(settings.config_dir / "sample_feeds") as static:
        store = fresh_store(directory)
        # As BotFather's /setinline and /setinlinefeedback would: `@bot words` works in the chat.
        api.set_inline_mode(placeholder="Search news…", feedback=True)
        try:
            user = api.create_user("You", language_code="en")
            print(f"Sandbox: sample feeds at {static.base_url}, Bot API emulator at {api.root}.")
            ingested = await load_samples(store, settings, static)
            print(f"Sandbox: ingested the sample feeds: {ingested}.")
            local = replace(
                settings,
                bot_token=api.token,
                api_url=api.root,
                database_url=f"sqlite:///{directory / 'newsbot.db'}",
                allow_private_urls=True,
                admin_ids=frozenset({user.id}),
            )
            return await _chat(api, store, local, user, script, static.base_url, raw_html=raw_html)
        finally:
            store.close()


async def _chat(
    api: BotApiEmulator,
    store: Store,
    settings: Settings,
    user: User,
    script: Path | None,
    base_url: str,
    *,
    raw_html: bool = False,
) -> int:
    # /summary of a link runs in page workers, as in `newsbot run`.
    background = Background(
        ingest=False, leadership=SingleProcessLeader(), pages=PagePool(PoolConfig.for_machine())
    )
    application = build_bot(settings, store, background=background)
    async with serving(application):
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        if script is not None:
            # Scripts may write {base_url} for the sample server, whose port changes every run.
            text = script.read_text(encoding="utf-8").replace("{base_url}", base_url)
            chat = TerminalChat(
                api, user=user, stdin=io.StringIO(text), color=False, raw_html=raw_html
            )
            return await asyncio.to_thread(chat.run)
        return await asyncio.to_thread(TerminalChat(api, user=user, raw_html=raw_html).run)
