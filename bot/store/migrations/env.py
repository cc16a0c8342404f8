"""Alembic environment: uses the Engine handed over in code (see bot.store.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from bot.store.crowd_tables import search_pages as _registers_crowd_tables  # noqa: F401
from bot.store.engine import create_store_engine
from bot.store.schema import metadata

try:  # The chat tables live in their own module; register them when present.
    import bot.store.chat_tables  # noqa: F401
except ModuleNotFoundError as exc:
    if exc.name != "bot.store.chat_tables":
        raise


def _engine() -> tuple[Engine, bool]:
    config = context.config
    engine = config.attributes.get("engine")
    if isinstance(engine, Engine):
        return engine, False
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: pass an engine or a url to the Alembic config")
    return create_store_engine(str(url)), True


def run_migrations_online() -> None:
    """Run the migrations in one connection; SQLite uses batch mode for ALTER TABLE."""
    engine, owned = _engine()
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=metadata,
                render_as_batch=connection.dialect.name == "sqlite",
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
    finally:
        if owned:
            engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
