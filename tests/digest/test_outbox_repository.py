from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.store import NewDigest, Recipient, Store

NOW = datetime(2026, 5, 12, 0, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


def _digest(parts: tuple[str, ...] = ("one", "two")) -> NewDigest:
    return NewDigest("k", NOW - timedelta(days=1), NOW, NOW, parts)


def _queue(store: Store, chat_ids: list[int], parts: tuple[str, ...] = ("one", "two")) -> int:
    for chat_id in chat_ids:
        store.chats.ensure(chat_id)
    recipients = [Recipient(c, 0, None, NOW + timedelta(days=1), NOW) for c in chat_ids]
    return store.outbox.record_digest(_digest(parts), recipients)


def test_record_digest_queues_parts_and_advances_schedule(store: Store) -> None:
    assert _queue(store, [1, 2]) == 2
    assert store.outbox.pending_depth() == 4
    chat = store.chats.get(1)
    assert chat is not None
    assert chat.last_digest_at == NOW
    assert chat.next_digest_at == NOW + timedelta(days=1)
    assert [d.text for d in store.outbox.for_chat(1)] == ["one", "two"]


def test_a_stale_schedule_queues_nothing(store: Store) -> None:
    store.chats.ensure(1)
    store.chats.update(1, next_digest_at=NOW)
    stale = Recipient(1, 0, NOW - timedelta(hours=1), NOW + timedelta(days=1), NOW)
    assert store.outbox.record_digest(_digest(), [stale]) == 0
    assert store.outbox.pending_depth() == 0


def test_enqueue_is_idempotent(store: Store) -> None:
    _queue(store, [1])
    digest_id = store.outbox.for_chat(1)[0].digest_id
    assert store.outbox.enqueue(1, 0, digest_id, ["one", "two", "three"], NOW) == 1
    assert [d.part_no for d in store.outbox.for_chat(1)] == [1, 2, 3]


def test_claim_takes_one_row_per_chat_in_order(store: Store) -> None:
    _queue(store, [1, 2])
    first = store.outbox.claim("w1", NOW, 10, LEASE)
    assert [(d.chat_id, d.part_no) for d in first] == [(1, 1), (2, 1)]
    assert all(d.attempts == 1 and d.claimed_by == "w1" for d in first)
    assert store.outbox.claim("w2", NOW, 10, LEASE) == [], "heads are leased, later parts wait"
    store.outbox.mark_sent(first[0].id, 1001, NOW, chat_free_at=NOW + timedelta(seconds=1))
    assert store.outbox.claim("w2", NOW, 10, LEASE) == [], "the chat is paced"
    later = store.outbox.claim("w2", NOW + timedelta(seconds=1), 10, LEASE)
    assert [(d.chat_id, d.part_no) for d in later] == [(1, 2)]
    assert store.outbox.status_counts() == {"sent": 1, "pending": 3}


def test_an_expired_lease_comes_back(store: Store) -> None:
    _queue(store, [1], parts=("only",))
    assert len(store.outbox.claim("dead-worker", NOW, 10, LEASE)) == 1
    assert store.outbox.claim("w2", NOW + LEASE - timedelta(seconds=1), 10, LEASE) == []
    again = store.outbox.claim("w2", NOW + LEASE + timedelta(seconds=1), 10, LEASE)
    assert [(d.claimed_by, d.attempts) for d in again] == [("w2", 2)]


def test_release_returns_a_workers_rows(store: Store) -> None:
    _queue(store, [1, 2], parts=("only",))
    store.outbox.claim("w1", NOW, 10, LEASE)
    assert store.outbox.release("w1") == 2
    assert len(store.outbox.claim("w2", NOW, 10, LEASE)) == 2


def test_retry_holds_that_chat_only(store: Store) -> None:
    _queue(store, [1, 2])
    heads = store.outbox.claim("w", NOW, 10, LEASE)
    store.outbox.mark_retry(heads[0].id, NOW + timedelta(seconds=30), "Flood control")
    store.outbox.mark_sent(heads[1].id, 7, NOW, chat_free_at=NOW)
    got = store.outbox.claim("w", NOW + timedelta(seconds=1), 10, LEASE)
    assert [(d.chat_id, d.part_no) for d in got] == [(2, 2)]
    got = store.outbox.claim("w", NOW + timedelta(seconds=31), 10, LEASE)
    assert [(d.chat_id, d.part_no, d.last_error) for d in got] == [(1, 1, "Flood control")]


def test_kill_chat_retires_its_pending_rows(store: Store) -> None:
    _queue(store, [1, 2])
    assert store.outbox.kill_chat(1, "Forbidden: bot was blocked by the user") == 2
    assert [d.chat_id for d in store.outbox.claim("w", NOW, 10, LEASE)] == [2]
    assert store.outbox.status_counts() == {"dead": 2, "pending": 2}


def test_failed_row_unblocks_the_next_part(store: Store) -> None:
    _queue(store, [1])
    head = store.outbox.claim("w", NOW, 10, LEASE)[0]
    store.outbox.mark_failed(head.id, "Bad Request: can't parse entities")
    assert [d.part_no for d in store.outbox.claim("w", NOW, 10, LEASE)] == [2]


def test_migration_moves_pending_rows(store: Store) -> None:
    _queue(store, [-5])
    assert store.chats.migrate(-5, -1005) == 1
    moved = store.outbox.claim("w", NOW, 10, LEASE)
    assert [(d.chat_id, d.part_no) for d in moved] == [(-1005, 1)]
    assert store.outbox.for_chat(-5) == []


def test_depth_and_age_for_metrics(store: Store) -> None:
    assert store.outbox.pending_depth() == 0
    assert store.outbox.oldest_age(NOW) == 0.0
    _queue(store, [1])
    assert store.outbox.oldest_age(NOW + timedelta(seconds=90)) == 90.0


def test_prune_keeps_digests_with_pending_rows(store: Store) -> None:
    _queue(store, [1])
    assert store.outbox.prune(NOW + timedelta(days=1)) == 0
    store.outbox.kill_chat(1, "gone")
    assert store.outbox.prune(NOW + timedelta(days=1)) == 1
    assert store.outbox.for_chat(1) == []
