"""Thousands of subscribed private chats, in the emulator and in the store, and news for them."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

from botapi import plain_text

from bot.sandbox import BotApiEmulator
from bot.store import NewArticle, Region, SectionSummaryRecord, Store
from bot.store.chat_tables import chats, subscriptions

SENTENCE = (
    "The provincial government said the new measures would take effect next month and "
    "cover every county, with special funds set aside for rural schools and clinics. "
)


def add_region_and_news(store: Store, stories: int) -> None:
    """The region everyone follows and `stories` summarized articles from the last hour."""
    store.regions.upsert(Region("shanxi", "Shanxi", "山西"))
    now = datetime.now(UTC)
    for n in range(stories):
        store.articles.add(
            NewArticle(
                url=f"https://news.example/shanxi/{n}",
                title=f"Story {n}: Taiyuan & Datong <update>",
                source="Shanxi Daily",
                first_seen_at=now - timedelta(minutes=30 + n),
                published_at=now - timedelta(minutes=30 + n),
                sections=tuple(SectionSummaryRecord(f"Section {k}", (SENTENCE,)) for k in range(4)),
                regions=("shanxi",),
            )
        )


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


def extra_copies(api: BotApiEmulator, store: Store, chat_ids: list[int]) -> Counter[int]:
    """Assert every chat got every part in order; return the repeated copies per chat."""
    extra: Counter[int] = Counter()
    for chat_id in chat_ids:
        rows = store.outbox.for_chat(chat_id)
        assert rows, f"chat {chat_id} has nothing queued"
        assert {d.status for d in rows} == {"sent"}, (chat_id, [d.last_error for d in rows])
        want = [plain_text(d.text) for d in rows]
        got = [re.sub(r"\s+", " ", m.text).strip() for m in api.messages(chat_id)]
        # A repeat can only be a message in flight at the kill, sent again right after itself.
        unique = [text for i, text in enumerate(got) if i == 0 or got[i - 1] != text]
        assert unique == want, f"chat {chat_id}: parts missing or out of order"
        extra[chat_id] = len(got) - len(want)
    return +extra


def busiest_window(stamps: list[float], width: float) -> int:
    """The most events inside any window of `width` seconds."""
    ordered = sorted(stamps)
    best, left = 0, 0
    for right, stamp in enumerate(ordered):
        while stamp - ordered[left] >= width:
            left += 1
        best = max(best, right - left + 1)
    return best
