"""Regions, feeds, articles with their regions and full-text index, heartbeats.

Revision ID: 0001
Revises:
Create Date: 2024-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_regions"),
    )
    op.create_table(
        "feeds",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("region_id", sa.String(64), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(16), server_default="active", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name="fk_feeds_region_id_regions", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )
    op.create_index("ix_feeds_state_next_check_at", "feeds", ["state", "next_check_at"])
    op.create_table(
        "articles",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("feed_id", Id, nullable=True),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("guid", sa.String(2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("source", sa.String(500), server_default="", nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=True),
        sa.Column("cluster_id", Id, nullable=True),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name="fk_articles_feed_id_feeds", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("url", name="uq_articles_url"),
    )
    for column in ("guid", "fingerprint", "published_at", "first_seen_at", "cluster_id", "feed_id"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "article_regions",
        sa.Column("article_id", Id, nullable=False),
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_regions_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name="fk_article_regions_region_id_regions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "region_id", name="pk_article_regions"),
    )
    op.create_index("ix_article_regions_region_id", "article_regions", ["region_id", "article_id"])
    op.create_table(
        "heartbeats",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_heartbeats"),
    )
    _create_search_index()


def _create_search_index() -> None:
    # The index holds segmented text computed by bot.store.segment (CJK as bigrams), so
    # both databases use a plain word tokenizer and see exactly the same terms.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE article_fts USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER article_fts_delete AFTER DELETE ON articles BEGIN "
            "DELETE FROM article_fts WHERE rowid = old.id; END"
        )
        return
    op.create_table(
        "article_search",
        sa.Column("article_id", sa.BigInteger(), nullable=False),
        sa.Column("document", postgresql.TSVECTOR(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_search_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_search"),
    )
    op.create_index(
        "ix_article_search_document",
        "article_search",
        ["document"],
        postgresql_using="gin",
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS article_fts_delete")
        op.execute("DROP TABLE IF EXISTS article_fts")
    else:
        op.drop_table("article_search")
    op.drop_table("heartbeats")
    op.drop_table("article_regions")
    op.drop_table("articles")
    op.drop_table("feeds")
    op.drop_table("regions")
