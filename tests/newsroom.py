"""Shared test data for delivery tests: a region's news to send, and the exactly-once check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.sandbox import BotApiEmulator
from bot.store import NewArticle, Region, SectionSummaryRecord, Store
from tests.botapi import plain_text

SENTENCE = (
    "The provincial government said the new measures would take effect next month and "
    "cover every county, with special funds set aside for rural schools and clinics. "
)


def add_news(store: Store, now: datetime, stories: int = 8) -> None:
    """The region everyone follows and `stories` summarized articles first seen before `now`."""
    store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}))
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


def extra_copies(
    api: BotApiEmulator, store: Store, destinations: Iterable[tuple[int, int]]
) -> Counter[int]:
    """Assert each (chat, thread) got every queued part, in order; return repeats per chat."""
    extra: Counter[int] = Counter()
    for chat_id, thread_id in destinations:
        rows = store.outbox.for_chat(chat_id)
        assert rows, f"chat {chat_id} has nothing queued"
        assert {d.status for d in rows} == {"sent"}, (chat_id, [d.last_error for d in rows])
        want = [plain_text(d.text) for d in rows]
        got = [" ".join(m.text.split()) for m in api.messages(chat_id, thread_id or None)]
        # A repeat can only be the message in flight, sent again right after itself.
        unique = [text for i, text in enumerate(got) if i == 0 or got[i - 1] != text]
        assert unique == want, f"chat {chat_id}: parts missing or out of order"
        extra[chat_id] = len(got) - len(want)
    return +extra
