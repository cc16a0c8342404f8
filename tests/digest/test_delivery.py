"""A digest to 1,000 chats through the real python-telegram-bot and the Bot API emulator."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram import Update
from telegram.ext import CommandHandler, ContextTypes

from bot.delivery.telegram_transport import OutboxSender, SenderConfig, sender_bot
from bot.digest.build import send_now
from bot.digest.pacing import Pacing
from bot.sandbox import BotApiEmulator
from bot.settings import Settings
from bot.store import Store
from tests.botapi import application_builder, private_chat, running
from tests.digest.delivery_world import check_faults, duplicates, now, populate
from tests.newsroom import add_news

FAST = SenderConfig(
    # Just below the emulator's global budget, so command replies still fit beside it.
    pacing=Pacing(global_rate=140, private_interval=1.0, group_interval=1.0),
    concurrency=16,
    lease=timedelta(seconds=30),
    poll_interval=0.05,
)


async def _pong(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("pong")


async def _drain_while_chatting(
    sender: OutboxSender, store: Store, api: BotApiEmulator, timeout: float = 60
) -> None:
    """Run the broadcast beside a polling Application that must answer a command meanwhile."""
    application = application_builder(api).build()
    application.add_handler(CommandHandler("ping", _pong))
    user, chat = private_chat(api, "Pinger")
    task = asyncio.create_task(sender.run())
    loop = asyncio.get_running_loop()
    async with running(application):
        while await asyncio.to_thread(store.outbox.pending_depth) > 1500:
            await asyncio.sleep(0.05)
        # About 1,500 parts are still queued (over 10 s of sending at 140/s), so a reply within
        # 10 s came while the broadcast ran; before which part exactly is timing, not asserted.
        api.send_text(chat, "/ping", user=user)
        await api.wait_for_text_async(chat, "pong", timeout=10)
    deadline = loop.time() + timeout
    while await asyncio.to_thread(store.outbox.pending_depth) and loop.time() < deadline:
        await asyncio.sleep(0.1)
    sender.stop()
    await task


# SQLite only: the kill -9 test runs the same world on both stores, in a separate process.
@pytest.mark.slow
@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
async def test_digest_to_1000_chats_under_flood_control(
    store: Store, bot_api: BotApiEmulator
) -> None:
    start = now()
    add_news(store, start)
    world = populate(bot_api, store, 1000)
    bot_api.set_flood_limits(global_per_second=150, per_chat_per_second=1)
    for chat_id, _thread in world.active[10:40]:
        # Slower than our per-chat pacing: these chats' second parts meet flood control.
        bot_api.set_chat_flood_limit(chat_id, 0.4)
    report = send_now(store, start)
    assert report.chats == 1000
    assert report.digests == 2, "English and Chinese: each built once"
    assert report.messages >= 2000, "the digest needs several messages"

    settings = Settings(bot_token=bot_api.token, api_url=bot_api.root)
    async with sender_bot(settings, FAST.concurrency) as bot:
        sender = OutboxSender(bot, store, FAST)
        await _drain_while_chatting(sender, store, bot_api)

    assert store.outbox.pending_depth() == 0
    assert duplicates(bot_api, store, world) == {}, "every part exactly once"
    assert sender.counts["retry_after"] > 0, "flood control was hit and survived"
    check_faults(bot_api, store, world)
    assert store.chats.count() == len(world.active)
