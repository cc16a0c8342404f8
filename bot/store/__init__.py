"""Persistence: schema, migrations, repositories returning frozen records, full-text search.

This package is the only door into the store: code outside it imports from `bot.store` and never
from its submodules (an import-linter contract in pyproject.toml holds that).
"""

from __future__ import annotations

from bot.store.alert_batch import AlertBatch
from bot.store.alerts import (
    CAPPED,
    HELD,
    QUEUED,
    Alert,
    AlertsRepository,
    HeldStory,
    HourUsage,
    NewStory,
    OutgoingMessage,
)
from bot.store.articles import (
    Article,
    ArticleForClustering,
    ArticleForDigest,
    ArticlesRepository,
    NewArticle,
    SectionSummaryRecord,
)
from bot.store.boilerplate import BoilerplateRepository
from bot.store.chat_tables import chats as chats_table
from bot.store.chat_tables import subscriptions as subscriptions_table
from bot.store.chats import ChatRecord, ChatsRepository
from bot.store.crowd_tables import search_pages as search_pages_table
from bot.store.errors import (
    DuplicateArticleError,
    InvalidFieldError,
    StoreError,
    StoreUnavailableError,
    UnknownRegionError,
)
from bot.store.feed_schedule import FeedSchedule
from bot.store.feeds import (
    CheckFailed,
    CheckOutcome,
    CheckSucceeded,
    Feed,
    FeedsRepository,
    FeedState,
)
from bot.store.heartbeats import HeartbeatsRepository
from bot.store.migrate import downgrade, head_revision, upgrade
from bot.store.outbox import OutboxRepository
from bot.store.outbox_records import Delivery, NewDigest, Recipient, StoredDigest
from bot.store.regions import Region, RegionsRepository
from bot.store.schema import articles as articles_table
from bot.store.schema import metadata
from bot.store.schema import send_slots as send_slots_table
from bot.store.search import SearchHit, SearchPage, SearchRepository
from bot.store.search_index import INDEXED_TEXT_CHARS
from bot.store.search_pages import PAGE_LIFETIME, SearchPagesRepository
from bot.store.search_sql import POOL_SIZE
from bot.store.segment import MAX_QUERY_GROUPS, fold, index_terms, query_groups
from bot.store.send_slots import Booking, SendSlots
from bot.store.snippets import make_snippet
from bot.store.store import Store, open_store
from bot.store.throttle_marks import ThrottleMarksRepository

__all__ = [
    "CAPPED",
    "HELD",
    "INDEXED_TEXT_CHARS",
    "MAX_QUERY_GROUPS",
    "PAGE_LIFETIME",
    "POOL_SIZE",
    "QUEUED",
    "Alert",
    "AlertBatch",
    "AlertsRepository",
    "Article",
    "ArticleForClustering",
    "ArticleForDigest",
    "ArticlesRepository",
    "BoilerplateRepository",
    "Booking",
    "ChatRecord",
    "ChatsRepository",
    "CheckFailed",
    "CheckOutcome",
    "CheckSucceeded",
    "Delivery",
    "DuplicateArticleError",
    "Feed",
    "FeedSchedule",
    "FeedState",
    "FeedsRepository",
    "HeartbeatsRepository",
    "HeldStory",
    "HourUsage",
    "InvalidFieldError",
    "NewArticle",
    "NewDigest",
    "NewStory",
    "OutboxRepository",
    "OutgoingMessage",
    "Recipient",
    "Region",
    "RegionsRepository",
    "SearchHit",
    "SearchPage",
    "SearchPagesRepository",
    "SearchRepository",
    "SectionSummaryRecord",
    "SendSlots",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "StoredDigest",
    "ThrottleMarksRepository",
    "UnknownRegionError",
    "articles_table",
    "chats_table",
    "downgrade",
    "fold",
    "head_revision",
    "index_terms",
    "make_snippet",
    "metadata",
    "open_store",
    "query_groups",
    "search_pages_table",
    "send_slots_table",
    "subscriptions_table",
    "upgrade",
]
