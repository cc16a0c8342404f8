"""Alembic, driven from code: works from any directory and from an installed package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from bot.store.engine import create_store_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    """An Alembic Config pointing at the packaged migrations, bound to `engine`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # env.py reads the engine from here instead of an alembic.ini URL.
    config.attributes["engine"] = engine
    return config


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to `revision` on `engine`."""
    command.upgrade(alembic_config(engine), revision)


def downgrade_engine(engine: Engine, revision: str = "base") -> None:
    """Revert migrations down to `revision` on `engine`."""
    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this code."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return script.get_current_head()


def upgrade(url: str, revision: str = "head") -> None:
    """Open `url`, apply migrations up to `revision`, close."""
    engine = create_store_engine(url)
    try:
        upgrade_engine(engine, revision)
    finally:
        engine.dispose()


def downgrade(url: str, revision: str = "base") -> None:
    """Open `url`, revert migrations down to `revision`, close."""
    engine = create_store_engine(url)
    try:
        downgrade_engine(engine, revision)
    finally:
        engine.dispose()
