"""The Store facade: one Engine and the repositories built on it."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from bot.store.articles import ArticlesRepository
from bot.store.boilerplate import BoilerplateRepository
from bot.store.engine import create_store_engine
from bot.store.errors import StoreError, StoreUnavailableError
from bot.store.feeds import FeedsRepository
from bot.store.heartbeats import HeartbeatsRepository
from bot.store.migrate import current_revision, head_revision, upgrade_engine
from bot.store.regions import RegionsRepository
from bot.store.search import SearchRepository

if TYPE_CHECKING:
    from bot.store.alerts import AlertsRepository
    from bot.store.chats import ChatsRepository
    from bot.store.outbox import OutboxRepository
    from bot.store.search_pages import SearchPagesRepository
    from bot.store.throttle_marks import ThrottleMarksRepository


class Store:
    """Access to everything persisted; create it with `open_store(url)`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.regions = RegionsRepository(engine)
        self.feeds = FeedsRepository(engine)
        self.articles = ArticlesRepository(engine)
        self.search = SearchRepository(engine)
        self.heartbeats = HeartbeatsRepository(engine)
        self.boilerplate = BoilerplateRepository(engine)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @cached_property
    def chats(self) -> ChatsRepository:
        """Chats and subscriptions (bot.store.chats)."""
        from bot.store.chats import ChatsRepository

        return ChatsRepository(self.engine)

    @cached_property
    def outbox(self) -> OutboxRepository:
        """Digests and their delivery queue (bot.store.outbox)."""
        from bot.store.outbox import OutboxRepository

        return OutboxRepository(self.engine)

    @cached_property
    def alerts(self) -> AlertsRepository:
        """Alerts and the queueing of alerted stories (bot.store.alerts)."""
        from bot.store.alerts import AlertsRepository

        return AlertsRepository(self.engine)

    @cached_property
    def search_pages(self) -> SearchPagesRepository:
        """Searches remembered for their paging buttons (bot.store.search_pages)."""
        from bot.store.search_pages import SearchPagesRepository

        return SearchPagesRepository(self.engine)

    @cached_property
    def throttle_marks(self) -> ThrottleMarksRepository:
        """Fleet-wide once-per-window decisions (bot.store.throttle_marks)."""
        from bot.store.throttle_marks import ThrottleMarksRepository

        return ThrottleMarksRepository(self.engine)

    def upgrade(self) -> None:
        """Apply every pending migration."""
        try:
            upgrade_engine(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"migration failed: {_reason(exc)}") from exc

    def current_revision(self) -> str | None:
        """The migration revision of the database (None before the first upgrade)."""
        return current_revision(self.engine)

    def is_up_to_date(self) -> bool:
        """True when the database is at the newest shipped revision."""
        return self.current_revision() == head_revision()

    def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _reason(exc: SQLAlchemyError) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def open_store(url: str) -> Store:
    """Open (without migrating) the database at `url` and check that it answers."""
    store = Store(create_store_engine(url))
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        store.close()
        raise StoreUnavailableError(f"cannot open the database: {_reason(exc)}") from exc
    return store
