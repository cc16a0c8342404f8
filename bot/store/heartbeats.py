"""Liveness marks of background loops (ingest tick, outbox sender) for readiness checks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select

from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.schema import heartbeats
from bot.store.timestamps import to_utc


class HeartbeatsRepository:
    """Record and read the last time a named loop completed."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def beat(self, name: str, at: datetime) -> None:
        """Record that `name` was alive at `at`."""
        stmt = dialect_insert(self._engine, heartbeats).values(name=name, at=to_utc(at))
        stmt = stmt.on_conflict_do_update(
            index_elements=[heartbeats.c.name], set_={"at": stmt.excluded.at}
        )
        with write_transaction(self._engine) as conn:
            conn.execute(stmt)

    def get(self, name: str) -> datetime | None:
        """When `name` last beat, in UTC; None if never."""
        with read_transaction(self._engine) as conn:
            return conn.execute(
                select(heartbeats.c.at).where(heartbeats.c.name == name)
            ).scalar_one_or_none()
