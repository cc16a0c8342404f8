"""Leader election for the ingest and digest ticks: one process at a time runs them.

On PostgreSQL the leader holds a session-level advisory lock on a dedicated connection.
PostgreSQL releases the lock the moment that session ends, so when the leader dies (crash,
`kill -9`, lost host) another process's next tick acquires it. TCP keepalives on both ends
bound how long a vanished host can keep its session: about half a minute.

The lock is re-checked at the start of every tick, not held blindly: a leader whose connection
broke learns it at its next tick and stops. A tick already running when leadership moves may
overlap the new leader's first tick; ingestion and digests are idempotent in the database
(unique keys, outbox rows), so the overlap costs work, not duplicates.

Session-level locks need a real session: point DATABASE_URL at PostgreSQL directly or through
a pooler in session mode, never transaction mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import threading
from typing import Protocol

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.ops.errors import OpsError
from bot.ops.metrics import LEADER

DEFAULT_LOCK_NAME = "newsbot:ticks"

# libpq client keepalives notice a dead server; the SET statements make the server notice a
# dead client, so a vanished leader's lock is freed in ~25 s instead of the kernel's ~2 hours.
_CLIENT_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "connect_timeout": 10,
    "application_name": "newsbot-leader",
}
_SERVER_KEEPALIVES = (
    "SET tcp_keepalives_idle = 10",
    "SET tcp_keepalives_interval = 5",
    "SET tcp_keepalives_count = 3",
)

_log = logging.getLogger(__name__)


class Leadership(Protocol):
    """Answers, once per tick, whether this process should run the singleton ticks."""

    def check(self) -> bool:
        """True when this process is the leader right now (blocking; may touch the database)."""
        ...

    def release(self) -> None:
        """Give up leadership and close any connection held for it."""
        ...


def lock_key(name: str) -> int:
    """A stable non-negative 63-bit advisory-lock key derived from `name`."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & (2**63 - 1)


class SingleProcessLeader:
    """SQLite serves one process, which is therefore always the leader."""

    def check(self) -> bool:
        """Always true."""
        LEADER.set(1)
        return True

    def release(self) -> None:
        """Nothing to release."""
        LEADER.set(0)


class AdvisoryLockLeader:
    """Holds `pg_try_advisory_lock(key)` on its own connection and re-checks it each tick."""

    def __init__(self, url: str, name: str = DEFAULT_LOCK_NAME) -> None:
        self.key = lock_key(name)
        self._engine = create_engine(url, poolclass=NullPool, connect_args=_CLIENT_KEEPALIVES)
        self._conn: Connection | None = None
        self._mutex = threading.Lock()

    @property
    def backend_pid(self) -> int | None:
        """The PostgreSQL backend pid of the lock connection (None when not connected)."""
        with self._mutex:
            if self._conn is None:
                return None
            pid = self._conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        return int(pid)

    def check(self) -> bool:
        """Confirm the lock is still ours, or try to take it; never raises on database errors."""
        with self._mutex:
            leader = self._check_locked()
        LEADER.set(1 if leader else 0)
        return leader

    async def check_async(self) -> bool:
        """`check()` off the event loop, for use inside a JobQueue callback."""
        return await asyncio.to_thread(self.check)

    def _check_locked(self) -> bool:
        try:
            if self._conn is not None and self._holds():
                return True
            if self._conn is None:
                self._conn = self._connect()
            acquired = self._conn.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}
            ).scalar_one()
        except SQLAlchemyError as exc:
            # The session is gone, and with it any lock it held: reconnect on the next tick.
            _log.warning("leader lock connection failed: %s", type(exc).__name__)
            self._drop()
            return False
        if acquired:
            _log.info("this process is now the leader (advisory lock %d)", self.key)
        return bool(acquired)

    def _holds(self) -> bool:
        assert self._conn is not None
        held = self._conn.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'"
                " AND pid = pg_backend_pid() AND granted AND objsubid = 1"
                " AND classid::bigint = :hi AND objid::bigint = :lo)"
            ),
            {"hi": self.key >> 32, "lo": self.key & 0xFFFFFFFF},
        ).scalar_one()
        return bool(held)

    def _connect(self) -> Connection:
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        for statement in _SERVER_KEEPALIVES:
            conn.execute(text(statement))
        return conn

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(SQLAlchemyError):  # already broken: best effort
                self._conn.close()
            self._conn = None

    def release(self) -> None:
        """Unlock and close the connection; another process can lead at once."""
        with self._mutex:
            if self._conn is not None:
                # If this fails, closing the session below frees the lock anyway.
                with contextlib.suppress(SQLAlchemyError):
                    self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            self._drop()
            self._engine.dispose()
        LEADER.set(0)


def leadership_for(url: str, name: str = DEFAULT_LOCK_NAME) -> Leadership:
    """The right election for the database at `url`: SQLite is single-process."""
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        return SingleProcessLeader()
    if backend == "postgresql":
        return AdvisoryLockLeader(url, name)
    raise OpsError(f"leader election supports SQLite and PostgreSQL, not {backend}")
