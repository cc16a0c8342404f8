"""Searches remembered under short ids in the database, so paging works on every process."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError

from bot.store.crowd_tables import search_pages
from bot.store.engine import read_transaction, write_transaction
from bot.store.timestamps import to_utc

# Paging buttons of a search older than this answer "expired".
PAGE_LIFETIME = timedelta(days=1)
_ID_ATTEMPTS = 5


class SearchPagesRepository:
    """Remember a query for a chat under an 8-hex-digit id; recall it for a day."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def remember(self, query: str, chat_id: int, now: datetime) -> str:
        """Store `query` asked in `chat_id` and return its new id."""
        for _ in range(_ID_ATTEMPTS):
            search_id = secrets.token_hex(4)
            row = {"id": search_id, "chat_id": chat_id, "query": query, "created_at": to_utc(now)}
            try:
                with write_transaction(self._engine) as conn:
                    conn.execute(search_pages.insert().values(**row))
            except IntegrityError:  # two searches drew the same id: draw again
                continue
            return search_id
        raise RuntimeError("could not find a free search id")

    def recall(
        self, search_id: str, chat_id: int, now: datetime, lifetime: timedelta = PAGE_LIFETIME
    ) -> str | None:
        """The query behind `search_id` if it was asked in `chat_id` within `lifetime`."""
        stmt = select(search_pages.c.query).where(
            search_pages.c.id == search_id,
            search_pages.c.chat_id == chat_id,
            search_pages.c.created_at > to_utc(now) - lifetime,
        )
        with read_transaction(self._engine) as conn:
            return conn.execute(stmt).scalar_one_or_none()

    def prune(self, before: datetime) -> int:
        """Forget searches made before `before`; returns how many."""
        stmt = delete(search_pages).where(search_pages.c.created_at < to_utc(before))
        with write_transaction(self._engine) as conn:
            return conn.execute(stmt).rowcount or 0
