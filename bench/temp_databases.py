"""Throw-away migrated databases for the benches: a SQLite file or a PostgreSQL database."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.store import upgrade

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


@contextmanager
def sqlite_url() -> Iterator[str]:
    """A migrated SQLite database in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        yield url


@contextmanager
def postgres_url(admin_url: str = DEFAULT_POSTGRES) -> Iterator[str]:
    """A migrated temporary PostgreSQL database, dropped afterwards."""
    admin_url = admin_url.replace("postgresql://", "postgresql+psycopg://", 1)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"newsbot_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@contextmanager
def database_url(kind: str, postgres: str = DEFAULT_POSTGRES) -> Iterator[str]:
    """`sqlite` or `postgresql`: a migrated throw-away database of that kind."""
    if kind == "sqlite":
        with sqlite_url() as url:
            yield url
    else:
        with postgres_url(postgres) as url:
            yield url
