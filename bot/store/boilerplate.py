"""Per-host counts of the short lines of article pages: what recurs is the site's boilerplate."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Engine, select

from bot.store.engine import dialect_insert, read_transaction, write_transaction
from bot.store.schema import boilerplate_lines

MIN_PAGES = 3
"""A line seen on this many pages of one host is boilerplate of that host."""
MAX_LINES_PER_PAGE = 400
MAX_KEY_CHARS = 200


class BoilerplateRepository:
    """Record the lines of each page of a host; tell which lines recur on that host."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, host: str, keys: Iterable[str]) -> None:
        """Count one more page of `host` for each distinct line key of that page."""
        distinct = sorted({k[:MAX_KEY_CHARS] for k in keys if k})[:MAX_LINES_PER_PAGE]
        if not host or not distinct:
            return
        stmt = dialect_insert(self._engine, boilerplate_lines)
        stmt = stmt.on_conflict_do_update(
            index_elements=[boilerplate_lines.c.host, boilerplate_lines.c.line_key],
            set_={"pages": boilerplate_lines.c.pages + 1},
        )
        rows = [{"host": host[:255], "line_key": key, "pages": 1} for key in distinct]
        with write_transaction(self._engine) as conn:
            conn.execute(stmt, rows)

    def known(self, host: str, min_pages: int = MIN_PAGES) -> frozenset[str]:
        """Keys of the lines seen on at least `min_pages` pages of `host`."""
        query = select(boilerplate_lines.c.line_key).where(
            boilerplate_lines.c.host == host[:255], boilerplate_lines.c.pages >= min_pages
        )
        with read_transaction(self._engine) as conn:
            return frozenset(conn.execute(query).scalars())
