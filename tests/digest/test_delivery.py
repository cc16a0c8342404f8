"""A digest to 1,000 chats through the real python-telegram-bot and the Bot API emulator."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from delivery_world import add_news, duplicates, now, populate

from bot.chat.sender import OutboxSender, SenderConfig, sender_bot
from bot.digest.build import send_now
from bot.digest.pacing import Pacing
from bot.sandbox import BotApiEmulator
from bot.settings import Settings
from bot.store import Store

FAST = SenderConfig(
    pacing=Pacing(global_rate=500, private_interval=0.05, group_interval=0.05),
    concurrency=16,
    lease=timedelta(seconds=30),
    poll_interval=0.05,
)


async def _drain(sender: OutboxSender, store: Store, timeout: float = 60) -> None:
    task = asyncio.create_task(sender.run())
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while await asyncio.to_thread(store.outbox.pending_depth) and loop.time() < deadline:
        await asyncio.sleep(0.1)
    sender.stop()
    await task


async def test_digest_to_1000_chats_under_flood_control(
    store: Store, bot_api: BotApiEmulator
) -> None:
    start = now()
    add_news(store, start)
    world = populate(bot_api, store, 1000)
    bot_api.set_flood_limits(global_per_second=150, per_chat_per_second=1)
    report = send_now(store, start)
    assert report.chats == 1000
    assert report.digests == 2, "English and Chinese: each built once"
    assert report.messages >= 2000, "the digest needs several messages"

    settings = Settings(bot_token=bot_api.token, api_url=bot_api.root)
    async with sender_bot(settings, FAST.concurrency) as bot:
        sender = OutboxSender(bot, store, FAST)
        await _drain(sender, store)

    assert store.outbox.pending_depth() == 0
    assert duplicates(bot_api, store, world) == {}, "every part exactly once"
    assert sender.counts["retry_after"] > 0, "flood control was hit and survived"
    for chat_id in [*world.blocked, world.deleted]:
        assert bot_api.send_stats(chat_id).accepted == 0
        gone = store.chats.get(chat_id)
        assert gone is not None
        assert not gone.active
        assert {d.status for d in store.outbox.for_chat(chat_id)} == {"dead"}
    assert store.chats.get(world.migrated_from) is None
    moved = store.chats.get(world.migrated_to)
    assert moved is not None
    assert moved.regions == ("shanxi",)
    assert bot_api.send_stats(world.migrated_from).accepted == 0
    assert store.chats.count() == len(world.active)
