"""A populated world for delivery tests: emulator chats, matching store chats, news to send."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.sandbox import BotApiEmulator
from bot.store import Store
from bot.store import chats_table as chats
from bot.store import subscriptions_table as subscriptions
from tests.newsroom import extra_copies


@dataclass
class World:
    """Who should receive what."""

    active: list[tuple[int, int]] = field(default_factory=list)  # (chat_id, thread_id)
    blocked: list[int] = field(default_factory=list)
    deleted: int = 0
    migrated_from: int = 0
    migrated_to: int = 0


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


def duplicates(api: BotApiEmulator, store: Store, world: World) -> Counter[int]:
    """Check every active destination got every part; return extra copies per chat."""
    extra = extra_copies(api, store, world.active)
    for chat_id, thread_id in world.active:
        received = len(api.messages(chat_id, thread_id or None))
        assert api.send_stats(chat_id).accepted == received
    return extra


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
