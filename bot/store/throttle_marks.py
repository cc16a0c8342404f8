"""Fleet-wide "at most once per window" decisions, made atomically in the database.

Each subject has one row: when it was last let through, by which call, and how many calls were
held back since. One INSERT ... ON CONFLICT DO UPDATE decides and records at once, so processes
that ask at the same moment never both get a yes (PostgreSQL locks the row; SQLite has a
single writer).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, delete

from bot.store.crowd_tables import throttle_marks
from bot.store.engine import dialect_insert, write_transaction
from bot.store.timestamps import to_utc


@dataclass(frozen=True)
class Admission:
    """Whether this call was let through, and how many on its subject were held back before."""

    admitted: bool
    held_back: int = 0


class ThrottleMarksRepository:
    """Admit one call per subject and window across every process on the database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def admit(self, key: str, now: datetime, window: timedelta) -> Admission:
        """Let this call on `key` through unless one was let through within `window`."""
        token = uuid.uuid4().hex
        at = to_utc(now)
        table = throttle_marks
        insert = dialect_insert(self._engine, table).values(
            key=key, sent_at=at, token=token, held=0, held_before=0
        )
        recent = table.c.sent_at > at - window
        stmt = insert.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "sent_at": case((recent, table.c.sent_at), else_=insert.excluded.sent_at),
                "token": case((recent, table.c.token), else_=insert.excluded.token),
                "held": case((recent, table.c.held + 1), else_=0),
                "held_before": case((recent, table.c.held_before), else_=table.c.held),
            },
        ).returning(table.c.token, table.c.held_before)
        with write_transaction(self._engine) as conn:
            row = conn.execute(stmt).one()
        if row.token != token:
            return Admission(False)
        return Admission(True, int(row.held_before))

    def prune(self, before: datetime) -> int:
        """Forget subjects last let through before `before`; returns how many."""
        stmt = delete(throttle_marks).where(throttle_marks.c.sent_at < to_utc(before))
        with write_transaction(self._engine) as conn:
            return conn.execute(stmt).rowcount or 0
