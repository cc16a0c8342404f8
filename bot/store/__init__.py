"""Persistence: schema, migrations, repositories returning frozen records, full-text search."""

from __future__ import annotations

from bot.store.engine import read_transaction, write_transaction
from bot.store.errors import (
    DuplicateArticleError,
    InvalidFieldError,
    StoreError,
    StoreUnavailableError,
    UnknownRegionError,
)
from bot.store.migrate import downgrade, upgrade
from bot.store.records import (
    Article,
    Feed,
    FeedState,
    NewArticle,
    Region,
    SearchHit,
    SearchPage,
    SectionSummaryRecord,
)
from bot.store.schema import metadata
from bot.store.store import Store, open_store

__all__ = [
    "Article",
    "DuplicateArticleError",
    "Feed",
    "FeedState",
    "InvalidFieldError",
    "NewArticle",
    "Region",
    "SearchHit",
    "SearchPage",
    "SectionSummaryRecord",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "UnknownRegionError",
    "downgrade",
    "metadata",
    "open_store",
    "read_transaction",
    "upgrade",
    "write_transaction",
]
