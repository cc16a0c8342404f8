"""Thousands of subscribed private chats, in the emulator and in the store, and rate checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.sandbox import BotApiEmulator
from bot.store import Store
from bot.store import chats_table as chats
from bot.store import subscriptions_table as subscriptions


def subscribe_private_chats(api: BotApiEmulator, store: Store, count: int) -> list[int]:
    """`count` users with a private chat each, all subscribed to shanxi; their chat ids.

    Their scheduled digest is hours away, so only `send_now` queues one during the test.
    """
    ids = [api.create_private_chat(api.create_user(f"Reader {n}")).id for n in range(count)]
    at = datetime.now(UTC)
    later = at + timedelta(hours=12)
    # One transaction for thousands of chats keeps the set-up quick; the repositories' own
    # subscribe paths are covered by the digest tests.
    with store.engine.begin() as conn:
        conn.execute(
            chats.insert(),
            [
                {
                    "chat_id": c,
                    "thread_id": 0,
                    "kind": "private",
                    "language": "en",
                    "timezone": "Asia/Shanghai",
                    "next_digest_at": later,
                    "created_at": at,
                    "updated_at": at,
                }
                for c in ids
            ],
        )
        conn.execute(
            subscriptions.insert(),
            [{"chat_id": c, "thread_id": 0, "region_id": "shanxi", "created_at": at} for c in ids],
        )
    return ids


def busiest_window(stamps: list[float], width: float) -> int:
    """The most events inside any window of `width` seconds."""
    ordered = sorted(stamps)
    best, left = 0, 0
    for right, stamp in enumerate(ordered):
        while stamp - ordered[left] >= width:
            left += 1
        best = max(best, right - left + 1)
    return best
