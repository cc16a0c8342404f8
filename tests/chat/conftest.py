"""The chat tests' world: one emulator, one store and one running bot per test module.

Starting python-telegram-bot costs more than most tests, so each module gets a single
running Application (module-scoped, on the module's event loop) against the Bot API
emulator, with a store on SQLite and on PostgreSQL (the whole module runs once per backend).
Tests create their own users and chats, so they do not see each other's messages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator
from bot.sandbox.static_server import StaticServer
from bot.settings import PROJECT_ROOT, Settings
from bot.store import open_store
from tests.chat.harness import SEED_ZONE, Bot, seed

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SAMPLE_FEEDS = PROJECT_ROOT / "config" / "sample_feeds"


@pytest.fixture(scope="module")
def api() -> Iterator[BotApiEmulator]:
    """One Bot API emulator for the module (with PTB_TIMEDELTA=true, see tests/botapi.py).

    Flood control is on, so a 429 must become a RetryAfter the bot can wait out, not a
    deprecation warning turned into an error.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PTB_TIMEDELTA", "true")
        emulator = BotApiEmulator().start()
        try:
            yield emulator
        finally:
            emulator.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store_url(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    migrated_database: Callable[[str, Path], AbstractContextManager[str]],
) -> Iterator[str]:
    """A migrated database for the whole module, on each backend."""
    with migrated_database(request.param, tmp_path_factory.mktemp("chat")) as url:
        yield url


@pytest.fixture(scope="module")
def pages() -> Iterator[StaticServer]:
    """The sandbox's sample feeds and article pages, served on loopback."""
    with StaticServer(SAMPLE_FEEDS) as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    api: BotApiEmulator, module_store_url: str, pages: StaticServer
) -> AsyncIterator[Bot]:
    """A running bot (handlers only: the ticks are driven by the tests that need them)."""
    admin = api.create_user("Ada", language_code="en")
    settings = Settings(
        bot_token=api.token,
        api_url=api.root,
        admin_ids=frozenset({admin.id}),
        database_url=module_store_url,
        allow_private_urls=True,
        timezone=SEED_ZONE,
    )
    store = open_store(module_store_url)
    ids = seed(store, datetime.now(UTC))
    application = build_bot(settings, store, background=Background.none())
    try:
        async with serving(application):
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            yield Bot(api, store, settings, application, pages, admin, ids)
    finally:
        store.close()
