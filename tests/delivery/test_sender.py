"""The sender's bookkeeping, driven by a scripted transport on real SQLite and PostgreSQL.

Time is virtual (`VirtualClock`): the test moves it, and the sender's pacing waits move it too,
so retry times and per-chat spacing are checked to the second without waiting for them.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.delivery import ChatGone, Failed, Outcome, RetryAt, Sender, SenderConfig
from bot.digest.pacing import Pacing
from bot.store import NewDigest, Recipient, Store
from tests.delivery.scripted import ScriptedTransport, VirtualClock

PARTS = ("part one", "part two")
CONFIG = SenderConfig(pacing=Pacing(global_rate=1000.0, max_attempts=3), concurrency=8)


def queue(store: Store, clock: VirtualClock, *destinations: tuple[int, int]) -> None:
    """One two-part digest to each (chat, topic), due now."""
    now = clock()
    for chat_id, thread_id in destinations:
        kind = "private" if chat_id > 0 else "supergroup"
        store.chats.ensure(chat_id, thread_id, kind=kind, now=now)
    digest = NewDigest("test", now - timedelta(days=1), now, now, PARTS)
    recipients = [Recipient(c, t, None, now + timedelta(days=1), now) for c, t in destinations]
    store.outbox.record_digest(digest, recipients)


def sender(
    store: Store,
    clock: VirtualClock,
    transport: ScriptedTransport,
    worker_id: str | None = None,
) -> Sender:
    return Sender(
        transport, store, CONFIG, worker_id=worker_id, clock=clock, traffic=clock.traffic()
    )


def statuses(store: Store, chat_id: int) -> list[str]:
    return [row.status for row in store.outbox.for_chat(chat_id)]


async def test_every_part_goes_once_in_order_a_chat_interval_apart(store: Store) -> None:
    clock, transport = VirtualClock(), ScriptedTransport()
    chats = [(1000 + n, 0) for n in range(20)]
    queue(store, clock, *chats)
    one = sender(store, clock, transport)
    assert await one.drain() == 20, "each chat's first part"
    assert await one.drain() == 0, "the second parts wait a private chat's interval (1 s)"
    clock.advance(0.9)
    assert await one.drain() == 0
    clock.advance(0.1)
    assert await one.drain() == 20
    clock.advance(3600)
    assert await one.drain() == 0, "nothing is sent twice"
    assert {c: transport.delivered[c] for c, _ in chats} == {c: list(PARTS) for c, _ in chats}
    assert store.outbox.status_counts() == {"sent": 40}
    assert one.counts == {"sent": 40}
    rows = store.outbox.for_chat(1000)
    assert all(row.message_id is not None and row.message_id >= 1000 for row in rows)


async def test_two_senders_on_one_outbox_never_send_a_part_twice(store: Store) -> None:
    clock, transport = VirtualClock(), ScriptedTransport()
    chats = [(2000 + n, 0) for n in range(30)]
    queue(store, clock, *chats)
    pair = [sender(store, clock, transport, f"worker-{n}") for n in range(2)]
    first = await asyncio.gather(*(s.drain() for s in pair))
    clock.advance(1.0)
    second = await asyncio.gather(*(s.drain() for s in pair))
    assert sum(first) == sum(second) == 30
    assert len(transport.calls) == 60
    assert {(p.chat_id, p.text) for p in transport.calls} == {
        (c, text) for c, _ in chats for text in PARTS
    }
    assert store.outbox.status_counts() == {"sent": 60}


async def test_retry_at_holds_the_chat_until_the_time_given(store: Store) -> None:
    clock, transport = VirtualClock(), ScriptedTransport({3001: [RetryAt(30.0, "slow down")]})
    queue(store, clock, (3001, 0), (3002, 0))
    one = sender(store, clock, transport)
    start = clock()
    assert await one.drain() == 2
    first, second = store.outbox.for_chat(3001)
    assert (first.status, first.last_error) == ("pending", "slow down")
    # Thirty seconds from the answer; the budget's pacing moved the clock by milliseconds.
    waited = first.next_attempt_at - start
    assert timedelta(seconds=30) <= waited < timedelta(seconds=30.1)
    assert second.status == "pending", "the chat's next part waits behind it"
    assert transport.delivered[3002] == ["part one"], "other chats go on"
    clock.advance(29.0)
    await one.drain()
    assert transport.delivered[3001] == []
    clock.advance(1.0)
    assert await one.drain() == 1
    clock.advance(1.0)
    assert await one.drain() == 1
    assert transport.delivered[3001] == list(PARTS)
    assert statuses(store, 3001) == ["sent", "sent"]
    assert store.outbox.for_chat(3001)[0].attempts == 2
    assert one.counts["retry_after"] == 1


async def test_a_blocked_chat_is_switched_off_and_its_parts_retired(store: Store) -> None:
    gone = ChatGone("Forbidden: bot was blocked by the user", "blocked")
    clock, transport = VirtualClock(), ScriptedTransport({4001: [gone]})
    queue(store, clock, (4001, 0), (4002, 0))
    one = sender(store, clock, transport)
    await one.drain()
    clock.advance(3600)
    await one.drain()
    assert [p.chat_id for p in transport.calls].count(4001) == 1
    assert statuses(store, 4001) == ["dead", "dead"]
    assert store.outbox.for_chat(4001)[1].last_error == "Forbidden: bot was blocked by the user"
    record = store.chats.get(4001)
    assert record is not None
    assert not record.active
    assert transport.delivered[4002] == list(PARTS)
    assert one.counts["chat_gone"] == 1


async def test_a_gone_topic_retires_that_topic_only(store: Store) -> None:
    forum = -1005000
    gone = ChatGone("Message thread not found", "topic_not_found")
    clock, transport = VirtualClock(), ScriptedTransport({forum: [gone]})
    queue(store, clock, (forum, 5), (forum, 7))
    one = sender(store, clock, transport)
    for _ in range(4):
        await one.drain()
        clock.advance(3.0)  # a group's interval
    by_topic = {
        thread: [r.status for r in store.outbox.for_chat(forum) if r.thread_id == thread]
        for thread in (5, 7)
    }
    assert by_topic == {5: ["dead", "dead"], 7: ["sent", "sent"]}
    closed, open_ = store.chats.get(forum, 5), store.chats.get(forum, 7)
    assert closed is not None
    assert open_ is not None
    assert (closed.active, open_.active) == (False, True)


async def test_a_migrated_group_gets_its_parts_at_the_new_id(store: Store) -> None:
    old, new = -6001, -1006001
    moved = ChatGone("Group migrated to supergroup", "migrated", new)
    clock, transport = VirtualClock(), ScriptedTransport({old: [moved]})
    queue(store, clock, (old, 0))
    one = sender(store, clock, transport)
    for _ in range(3):
        await one.drain()
        clock.advance(3.0)
    assert [p.chat_id for p in transport.calls] == [old, new, new]
    assert transport.delivered[new] == list(PARTS)
    assert statuses(store, new) == ["sent", "sent"]
    assert store.outbox.for_chat(old) == []
    assert store.chats.get(new) is not None
    assert one.counts["migrated"] == 1


async def test_a_permanent_failure_is_not_retried_and_the_chat_goes_on(store: Store) -> None:
    refused = Failed("Message is too long", permanent=True, kind="bad_request")
    clock, transport = VirtualClock(), ScriptedTransport({7001: [refused]})
    queue(store, clock, (7001, 0))
    one = sender(store, clock, transport)
    assert await one.drain() == 2, "the next part is due at once: a refusal holds nothing"
    clock.advance(86400)
    assert await one.drain() == 0
    first, second = store.outbox.for_chat(7001)
    assert (first.status, first.attempts, first.last_error) == (
        "failed",
        1,
        "Message is too long",
    )
    assert second.status == "sent"
    assert len(transport.calls) == 2
    assert one.counts == {"bad_request": 1, "sent": 1}


async def test_transient_failures_back_off_then_give_up(store: Store) -> None:
    down = Failed("Internal Server Error", permanent=False, kind="server_error")
    clock, transport = VirtualClock(), ScriptedTransport({8001: [down, down, down]})
    queue(store, clock, (8001, 0))
    one = sender(store, clock, transport)
    start = clock()
    await one.drain()
    assert store.outbox.for_chat(8001)[0].next_attempt_at == start + timedelta(seconds=2)
    clock.advance(1.9)
    await one.drain()
    assert len(transport.calls) == 1, "not before the backoff"
    clock.advance(0.1)
    await one.drain()
    assert store.outbox.for_chat(8001)[0].next_attempt_at == clock() + timedelta(seconds=4)
    clock.advance(4.0)
    await one.drain()  # the third try fails too: max_attempts is 3
    first = store.outbox.for_chat(8001)[0]
    assert (first.status, first.attempts) == ("failed", 3)
    assert first.last_error == "gave up: Internal Server Error"
    assert one.counts["network"] == 2
    assert one.counts["gave_up"] == 1


async def test_a_transient_failure_then_success_sends_once(store: Store) -> None:
    slow = Failed("Timed out", permanent=False, kind="timeout")
    clock, transport = VirtualClock(), ScriptedTransport({8101: [slow]})
    queue(store, clock, (8101, 0))
    one = sender(store, clock, transport)
    await one.drain()
    clock.advance(2.0)
    await one.drain()
    clock.advance(1.0)
    await one.drain()
    assert transport.delivered[8101] == list(PARTS)
    assert statuses(store, 8101) == ["sent", "sent"]


@pytest.mark.parametrize("problem", [RuntimeError("transport bug"), ValueError("bad part")])
async def test_a_transport_that_raises_is_retried_later(store: Store, problem: Exception) -> None:
    script: dict[int, list[Outcome | Exception]] = {9001: [problem]}
    clock, transport = VirtualClock(), ScriptedTransport(script)
    queue(store, clock, (9001, 0))
    one = sender(store, clock, transport)
    await one.drain()
    first = store.outbox.for_chat(9001)[0]
    assert (first.status, first.last_error) == ("pending", "unexpected error")
    clock.advance(2.0)
    await one.drain()
    assert transport.delivered[9001] == ["part one"]
    assert one.counts["error"] == 1


async def test_run_sends_when_woken_and_returns_when_stopped(store: Store) -> None:
    clock, transport = VirtualClock(), ScriptedTransport()
    config = SenderConfig(pacing=CONFIG.pacing, concurrency=4, poll_interval=30.0)
    one = Sender(transport, store, config, clock=clock, traffic=clock.traffic())
    task = asyncio.create_task(one.run())
    async with asyncio.timeout(10):
        while one.last_loop is None:  # the first pass found nothing; the next poll is 30 s away
            await asyncio.sleep(0.01)
    queue(store, clock, (9501, 0), (9502, 0))
    one.wake()
    async with asyncio.timeout(10):
        while len(transport.delivered) < 2:
            await asyncio.sleep(0.01)
    one.stop()
    await asyncio.wait_for(task, 10)
    assert dict(transport.delivered) == {
        9501: ["part one"],
        9502: ["part one"],
    }
    rows = [row for chat_id in (9501, 9502) for row in store.outbox.for_chat(chat_id)]
    assert [row.status for row in rows] == ["sent", "pending"] * 2
    assert all(row.claimed_until is None for row in rows), "no lease outlives the sender"
