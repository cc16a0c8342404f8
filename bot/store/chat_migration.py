"""Moving a group's destinations to its new id when it becomes a supergroup."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select

from bot.store.alert_tables import alerts
from bot.store.chat_tables import chats, deliveries, subscriptions
from bot.store.chats import KEYWORD_FIELDS, ChatRecord, encode_keywords, load_chats
from bot.store.engine import dialect_insert


def migrate_chat(engine: Engine, conn: Connection, old_chat_id: int, new_chat_id: int) -> int:
    """Move settings, subscriptions and pending deliveries; returns the destinations moved."""
    old = load_chats(conn, chats.c.chat_id == old_chat_id)
    for record in old:
        _copy_destination(engine, conn, record, new_chat_id)
    _move_pending(conn, old_chat_id, new_chat_id)
    _move_alerts(engine, conn, old_chat_id, new_chat_id)
    conn.execute(chats.delete().where(chats.c.chat_id == old_chat_id))
    return len(old)


def _copy_destination(
    engine: Engine, conn: Connection, record: ChatRecord, new_chat_id: int
) -> None:
    values = {
        column.name: getattr(record, column.name)
        for column in chats.columns
        if column.name not in KEYWORD_FIELDS
    }
    values.update(
        chat_id=new_chat_id,
        kind="supergroup",
        include_keywords=encode_keywords(record.include_keywords),
        exclude_keywords=encode_keywords(record.exclude_keywords),
        updated_at=datetime.now(UTC),
    )
    # Settings already stored for the new id win.
    conn.execute(dialect_insert(engine, chats).values(**values).on_conflict_do_nothing())
    rows = [
        {
            "chat_id": new_chat_id,
            "thread_id": record.thread_id,
            "region_id": region,
            "created_at": datetime.now(UTC),
        }
        for region in record.regions
    ]
    if rows:
        conn.execute(dialect_insert(engine, subscriptions).on_conflict_do_nothing(), rows)


def _move_alerts(engine: Engine, conn: Connection, old_chat_id: int, new_chat_id: int) -> None:
    # Alerts follow the group too; an alert the new id already has is kept once.
    rows = conn.execute(select(alerts).where(alerts.c.chat_id == old_chat_id)).all()
    for row in rows:
        values = {name: getattr(row, name) for name in row._fields if name != "id"}
        values["chat_id"] = new_chat_id
        conn.execute(dialect_insert(engine, alerts).values(**values).on_conflict_do_nothing())
    conn.execute(alerts.delete().where(alerts.c.chat_id == old_chat_id))


def _move_pending(conn: Connection, old_chat_id: int, new_chat_id: int) -> None:
    # Pending outbox rows follow the chat; a row the new id already has (same digest and part)
    # is not sent twice: the old copy is retired instead.
    pending = conn.execute(
        select(
            deliveries.c.id, deliveries.c.thread_id, deliveries.c.digest_id, deliveries.c.part_no
        )
        .where(deliveries.c.chat_id == old_chat_id)
        .where(deliveries.c.status == "pending")
    ).all()
    for row in pending:
        exists = conn.execute(
            select(deliveries.c.id).where(
                deliveries.c.chat_id == new_chat_id,
                deliveries.c.thread_id == row.thread_id,
                deliveries.c.digest_id == row.digest_id,
                deliveries.c.part_no == row.part_no,
            )
        ).first()
        values: dict[str, Any] = (
            {"status": "dead", "last_error": f"chat moved to {new_chat_id}"}
            if exists
            else {"chat_id": new_chat_id, "claimed_by": None, "claimed_until": None}
        )
        conn.execute(deliveries.update().where(deliveries.c.id == row.id).values(**values))
