"""An inline answer that comes after Telegram stopped waiting is logged as a warning only."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator
from bot.settings import Settings
from bot.store import Store
from tests.chat.harness import seed


async def test_a_late_answer_is_a_warning_not_an_error(
    store: Store, store_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    ticks = iter(range(0, 10**7, 20))  # every reading of the emulator's clock is 20 s later
    seed(store, datetime.now(UTC))
    with BotApiEmulator(clock=lambda: float(next(ticks))) as api:
        api.set_inline_mode()
        user = api.create_user("Slow")
        settings = Settings(bot_token=api.token, api_url=api.root, database_url=store_url)
        application = build_bot(settings, store, background=Background.none())
        with caplog.at_level(logging.WARNING):
            async with serving(application):
                assert application.updater is not None
                await application.updater.start_polling(poll_interval=0.0, timeout=1)
                query_id = api.inline_query(user, "metro")
                await api.wait_until_async(
                    lambda: any("too late" in r.getMessage() for r in caplog.records),
                    timeout=15,
                )
    assert api.inline_answer(query_id) is None
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
