"""Rebuild the search index with folded terms (accents, case beyond ASCII, unspaced scripts).

The terms of every article are computed again by bot.store.segment, which now folds accents
and case in Python and indexes Thai, Lao, Khmer and Myanmar as bigrams. On SQLite the FTS5
table is also recreated so that combining marks count as word characters (Hindi vowel signs
no longer split a word in two). Downgrading restores the old FTS5 tokenizer; the terms stay
folded, which the old code matches for unaccented queries.

Revision ID: 0004_search_fold
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.search_index import index_entry, write_index

revision: str = "0004_search_fold"
down_revision: str | None = "0004_regions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 1000
_NEW_TOKENIZER = "unicode61 remove_diacritics 2 categories ''L* N* Co M*''"
_OLD_TOKENIZER = "unicode61 remove_diacritics 2"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate_fts(_NEW_TOKENIZER)
    _reindex()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate_fts(_OLD_TOKENIZER)
        _reindex()


def _recreate_fts(tokenizer: str) -> None:
    # The delete trigger on articles names the table, so it keeps working once it is back.
    op.execute("DROP TABLE IF EXISTS article_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE article_fts USING fts5(title, body, tokenize = '{tokenizer}')"
    )


def _reindex() -> None:
    """Compute every article's terms again, a batch at a time, oldest first."""
    conn = op.get_bind()
    articles = sa.table(
        "articles",
        sa.column("id", sa.BigInteger()),
        sa.column("title", sa.Text()),
        sa.column("summary", sa.JSON()),
        sa.column("text", sa.Text()),
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(articles.c.id, articles.c.title, articles.c.summary, articles.c.text)
            .where(articles.c.id > last)
            .order_by(articles.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        entries = [
            index_entry(int(row.id), row.title or "", _sentences(row.summary), row.text or "")
            for row in rows
        ]
        write_index(conn, entries)
        last = int(rows[-1].id)


def _sentences(summary: object) -> list[str]:
    if isinstance(summary, list):
        return [str(sentence) for sentence in summary]
    return []
