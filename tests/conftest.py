"""Shared database fixtures: every store-backed test runs on SQLite and on PostgreSQL.

Fixtures (use these names in any test package):

- ``store_url``: the URL of a fresh database migrated to the newest revision, parametrized
  with the ids ``sqlite`` (a file in ``tmp_path``) and ``postgresql`` (a uniquely named database
  on the local server, dropped afterwards). Pass it to ``open_store`` or to a subprocess as
  ``DATABASE_URL``.
- ``store``: an opened ``bot.store.Store`` on ``store_url``, closed afterwards.
- ``empty_store_url``: like ``store_url`` but never migrated (for migration tests).
- ``postgres_url``: like ``store_url`` on PostgreSQL only (advisory locks, several processes).

Migrations run once per session into a template (a SQLite file that is copied, a PostgreSQL
database used as ``TEMPLATE``), so each test gets its database in milliseconds.

PostgreSQL is ``postgresql://postgres@127.0.0.1:5432/test`` unless ``NEWSBOT_TEST_POSTGRES_URL``
says otherwise. When it does not answer, its tests are skipped, except when ``CI=true``: then
they fail, because CI must run both stores.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.store import Store, open_store, upgrade

POSTGRES_ADMIN_URL = os.environ.get(
    "NEWSBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
).replace("postgresql://", "postgresql+psycopg://", 1)
IN_CI = os.environ.get("CI", "").lower() == "true"
BACKENDS = ["sqlite", "postgresql"]

# The Bot API emulator fixtures (`bot_api`, `ptb_bot`) for every test package.
pytest_plugins = ["tests.botapi"]


@dataclass
class _Postgres:
    """The local PostgreSQL server as the tests see it (created once per session)."""

    admin: Engine | None = None
    problem: str | None = None
    template: str | None = None
    created: list[str] = field(default_factory=list)
    # DROP DATABASE waits for a checkpoint; a background thread does it so tests need not.
    dropper: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))

    def url_for(self, database: str) -> str:
        return make_url(POSTGRES_ADMIN_URL).set(database=database).render_as_string(False)

    def require(self) -> Engine:
        if self.admin is None and self.problem is None:
            self._connect()
        if self.admin is None:
            message = f"PostgreSQL at {POSTGRES_ADMIN_URL} is unreachable: {self.problem}"
            if IN_CI:
                pytest.fail(message + " (CI=true requires it)")
            pytest.skip(message)
        return self.admin

    def _connect(self) -> None:
        engine = create_engine(
            POSTGRES_ADMIN_URL,
            isolation_level="AUTOCOMMIT",
            connect_args={"connect_timeout": 3},
        )
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            engine.dispose()
            self.problem = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            return
        self.admin = engine

    def create(self, template: str | None = None) -> str:
        name = f"newsbot_t_{uuid.uuid4().hex[:16]}"
        clause = f" TEMPLATE {template}" if template else ""
        with self.require().connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}{clause}"))
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        if self.admin is None or name not in self.created:
            return
        self.created.remove(name)
        self.dropper.submit(self._drop_now, self.admin, name)

    @staticmethod
    def _drop_now(admin: Engine, name: str) -> None:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def migrated_template(self) -> str:
        if self.template is None:
            name = self.create()
            upgrade(self.url_for(name))
            self.template = name
        return self.template

    def close(self) -> None:
        for name in list(self.created):
            self.drop(name)
        self.dropper.shutdown(wait=True)
        if self.admin is not None:
            self.admin.dispose()


@pytest.fixture(scope="session")
def _postgres() -> Iterator[_Postgres]:
    server = _Postgres()
    yield server
    server.close()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store-template") / "newsbot.db"
    upgrade(f"sqlite:///{path}")
    return path


MigratedDatabase = Callable[[str, Path], AbstractContextManager[str]]


@pytest.fixture(scope="session")
def migrated_database(_postgres: _Postgres, _sqlite_template: Path) -> MigratedDatabase:
    """Open a fresh migrated database on a backend: `with migrated_database(backend, folder)`.

    SQLite copies the template into `folder`; PostgreSQL clones its template database and
    drops it when the block ends.
    """

    @contextmanager
    def database(backend: str, folder: Path) -> Iterator[str]:
        if backend == "sqlite":
            path = folder / "newsbot.db"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_sqlite_template, path)
            yield f"sqlite:///{path}"
            return
        name = _postgres.create(template=_postgres.migrated_template())
        try:
            yield _postgres.url_for(name)
        finally:
            _postgres.drop(name)

    return database


@pytest.fixture(params=BACKENDS)
def store_url(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_database: MigratedDatabase
) -> Iterator[str]:
    """A fresh, fully migrated database on each backend."""
    with migrated_database(request.param, tmp_path / "data") as url:
        yield url


@pytest.fixture
def postgres_url(tmp_path: Path, migrated_database: MigratedDatabase) -> Iterator[str]:
    """A fresh migrated PostgreSQL database only (skipped locally without a server, not in CI)."""
    with migrated_database("postgresql", tmp_path / "data") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def empty_store_url(
    request: pytest.FixtureRequest, tmp_path: Path, _postgres: _Postgres
) -> Iterator[str]:
    """A fresh database with no tables at all, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty' / 'newsbot.db'}"
        return
    name = _postgres.create()
    try:
        yield _postgres.url_for(name)
    finally:
        _postgres.drop(name)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An opened Store on a fresh migrated database (both backends)."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()
