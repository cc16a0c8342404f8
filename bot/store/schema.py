"""The relational schema as SQLAlchemy Core metadata (revisions 0001 and later create these).

The full-text index is not part of this metadata: it differs per database (an FTS5 virtual
table on SQLite, a tsvector table with a GIN index on PostgreSQL) and is created by the
migration and maintained by `bot.store.search_index`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from bot.store.timestamps import UTCDateTime

# Deterministic constraint names keep migrations identical on SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
IdType = BigInteger().with_variant(Integer(), "sqlite")

regions = Table(
    "regions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("places", JSON, nullable=False),
    Column("timezone", String(64)),  # revision 0004_regions
)

# A region's name per interface language (revision 0007_region_names); English is always there.
region_names = Table(
    "region_names",
    metadata,
    Column("region_id", String(64), ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True),
    Column("language", String(16), primary_key=True),
    Column("name", String(200), nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("url", String(2048), nullable=False),
    Column("region_id", String(64), ForeignKey("regions.id", ondelete="SET NULL")),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("next_check_at", UTCDateTime()),
    Column("error_count", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("last_success_at", UTCDateTime()),
    Column("state", String(16), nullable=False, server_default="active"),
    Column("created_at", UTCDateTime(), nullable=False),
    UniqueConstraint("url"),
    Index("ix_feeds_state_next_check_at", "state", "next_check_at"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", IdType, primary_key=True, autoincrement=True),
    Column("feed_id", IdType, ForeignKey("feeds.id", ondelete="SET NULL")),
    Column("url", String(2048), nullable=False),
    Column("guid", String(2048)),
    Column("title", Text, nullable=False),
    Column("source", String(500), nullable=False, server_default=""),
    Column("published_at", UTCDateTime(), nullable=False),
    Column("first_seen_at", UTCDateTime(), nullable=False),
    Column("language", String(16)),
    Column("text", Text, nullable=False, server_default=""),
    Column("sections", JSON, nullable=False),
    Column("summary", JSON, nullable=False),
    Column("fingerprint", String(128)),
    Column("cluster_id", IdType),
    Column("note", Text),  # revision 0004_regions: why the feed's own text was stored
    UniqueConstraint("url"),
    Index("ix_articles_guid", "guid"),
    Index("ix_articles_fingerprint", "fingerprint"),
    Index("ix_articles_published_at", "published_at"),
    Index("ix_articles_first_seen_at", "first_seen_at"),
    Index("ix_articles_cluster_id", "cluster_id"),
    Index("ix_articles_feed_id", "feed_id"),
)

article_regions = Table(
    "article_regions",
    metadata,
    Column(
        "article_id",
        IdType,
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "region_id",
        String(64),
        ForeignKey("regions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index("ix_article_regions_region_id", "region_id", "article_id"),
)

heartbeats = Table(
    "heartbeats",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
)

# The fleet-wide send rate's next free slot (revision 0007_send_slots, `bot.store.send_slots`),
# one row per budget; only PostgreSQL uses it, a single SQLite process keeps its slots in memory.
send_slots = Table(
    "send_slots",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("next_at", UTCDateTime(), nullable=False),
)

# Failed fetches per feed per UTC day (revision 0003): the history behind /stats, which the
# feed's own error_count (reset on every success) cannot give.
feed_failures = Table(
    "feed_failures",
    metadata,
    Column("day", Date, primary_key=True),
    Column("feed_id", IdType, ForeignKey("feeds.id", ondelete="CASCADE"), primary_key=True),
    Column("count", Integer, nullable=False, server_default="0"),
    Index("ix_feed_failures_feed_id", "feed_id"),
)

# Short lines seen on pages of one host (revision 0004_boilerplate): a line on several pages
# of the same site is its boilerplate (navigation, credits, calls to follow), in any language.
boilerplate_lines = Table(
    "boilerplate_lines",
    metadata,
    Column("host", String(255), primary_key=True),
    Column("line_key", String(200), primary_key=True),
    Column("pages", Integer, nullable=False, server_default="0"),
)
