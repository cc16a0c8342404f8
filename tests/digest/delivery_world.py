"""A populated world for delivery tests: emulator chats, matching store chats, news to send."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from botapi import plain_text

from bot.sandbox import BotApiEmulator
from bot.store import NewArticle, Region, SectionSummaryRecord, Store
from bot.store.chat_tables import chats, subscriptions

SENTENCE = (
    "The provincial government said the new measures would take effect next month and "
    "cover every county, with special funds set aside for rural schools and clinics. "
)


@dataclass
class World:
    """Who should receive what."""

    active: list[tuple[int, int]] = field(default_factory=list)  # (chat_id, thread_id)
    blocked: list[int] = field(default_factory=list)
    deleted: int = 0
    migrated_from: int = 0
    migrated_to: int = 0


def add_news(store: Store, now: datetime, stories: int = 8) -> None:
    store.regions.upsert(Region("shanxi", "Shanxi", "山西"))
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


def populate(api: BotApiEmulator, store: Store, chats: int) -> World:
    """`chats` destinations: mostly private (a tenth in Chinese), groups and a forum topic."""
    world = World()
    rows: list[tuple[int, int, str, str]] = []
    admin = api.create_user("Admin")
    forum = api.create_group("Forum", creator=admin, forum=True)
    topic = api.create_topic(forum, "News", by=admin)
    rows.append((forum.id, topic, "supergroup", "en"))
    world.active.append((forum.id, topic))
    migrating = api.create_group("Old group", creator=admin)
    rows.append((migrating.id, 0, "group", "en"))
    world.migrated_from = migrating.id
    deleted = api.create_group("Gone group", creator=admin)
    rows.append((deleted.id, 0, "group", "en"))
    world.deleted = deleted.id
    for n in range(chats - 3):
        language = "zh" if n % 10 == 0 else "en"
        chat = api.create_private_chat(api.create_user(f"User {n}", language_code=language))
        rows.append((chat.id, 0, "private", language))
        if n % 50 == 7:
            api.block_chat(chat)
            world.blocked.append(chat.id)
        else:
            world.active.append((chat.id, 0))
    api.delete_chat(deleted)
    world.migrated_to = api.migrate_chat(migrating).id
    world.active.append((world.migrated_to, 0))
    _subscribe_all(store, rows)
    return world


def _subscribe_all(store: Store, rows: list[tuple[int, int, str, str]]) -> None:
    # One transaction for a thousand chats keeps set-up fast; the repository's own ensure and
    # subscribe are covered by their tests.
    at = now()
    with store.engine.begin() as conn:
        conn.execute(
            chats.insert(),
            [
                {
                    "chat_id": chat_id,
                    "thread_id": thread_id,
                    "kind": kind,
                    "language": language,
                    "timezone": "Asia/Shanghai",
                    "created_at": at,
                    "updated_at": at,
                }
                for chat_id, thread_id, kind, language in rows
            ],
        )
        conn.execute(
            subscriptions.insert(),
            [
                {"chat_id": c, "thread_id": t, "region_id": "shanxi", "created_at": at}
                for c, t, _kind, _language in rows
            ],
        )


def received(api: BotApiEmulator, chat_id: int, thread_id: int) -> list[str]:
    messages = api.messages(chat_id, thread_id or None)
    return [re.sub(r"\s+", " ", m.text).strip() for m in messages]


def duplicates(api: BotApiEmulator, store: Store, world: World) -> Counter[int]:
    """Check every active destination got every part; return extra copies per chat."""
    extra: Counter[int] = Counter()
    for chat_id, thread_id in world.active:
        rows = store.outbox.for_chat(chat_id)
        assert rows, f"chat {chat_id} has no outbox rows"
        assert {d.status for d in rows} == {"sent"}, (chat_id, [d.last_error for d in rows])
        want = [plain_text(d.text) for d in rows]
        got = received(api, chat_id, thread_id)
        # In order; a repeat can only be the message in flight, sent again right after itself.
        unique = [text for i, text in enumerate(got) if i == 0 or got[i - 1] != text]
        assert unique == want, f"chat {chat_id}: parts missing or out of order"
        extra[chat_id] = len(got) - len(want)
        stats = api.send_stats(chat_id)
        assert stats.accepted == len(got)
    return +extra


def check_faults(api: BotApiEmulator, store: Store, world: World) -> None:
    """Blocked and deleted chats are switched off; the migrated group lives on at its new id."""
    for chat_id in [*world.blocked, world.deleted]:
        assert api.send_stats(chat_id).accepted == 0
        gone = store.chats.get(chat_id)
        assert gone is not None
        assert not gone.active
        assert {d.status for d in store.outbox.for_chat(chat_id)} == {"dead"}
    assert store.chats.get(world.migrated_from) is None
    moved = store.chats.get(world.migrated_to)
    assert moved is not None
    assert moved.regions == ("shanxi",)
    assert api.send_stats(world.migrated_from).accepted == 0
    assert store.chats.count() == len(world.active)


def now() -> datetime:
    return datetime.now(UTC)
