"""Keeps the full-text index in step with the articles table, on either database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from bot.store.segment import index_terms

# Long bodies add little to ranking but cost index space, and PostgreSQL stops recording
# word positions after 16,383, which phrase (CJK) matching needs.
INDEXED_TEXT_CHARS = 6000

_SQLITE_DELETE = text("DELETE FROM article_fts WHERE rowid = :id")
_SQLITE_INSERT = text("INSERT INTO article_fts (rowid, title, body) VALUES (:id, :title, :body)")
_PG_UPSERT = text(
    "INSERT INTO article_search (article_id, document) VALUES (:id, "
    "setweight(to_tsvector('simple', :title), 'A') || "
    "setweight(to_tsvector('simple', :body), 'D')) "
    "ON CONFLICT (article_id) DO UPDATE SET document = excluded.document"
)


@dataclass(frozen=True)
class IndexEntry:
    """What the index holds for one article: segmented title and body."""

    article_id: int
    title: str
    body: str


def index_entry(article_id: int, title: str, summary: Sequence[str], body_text: str) -> IndexEntry:
    """Segment an article's searchable fields (title; summary and the start of the text)."""
    body = "\n".join([*summary, body_text[:INDEXED_TEXT_CHARS]])
    return IndexEntry(article_id=article_id, title=index_terms(title), body=index_terms(body))


def write_index(conn: Connection, entries: Sequence[IndexEntry]) -> None:
    """Insert or replace the index entries of these articles inside the caller's transaction."""
    if not entries:
        return
    params = [{"id": e.article_id, "title": e.title, "body": e.body} for e in entries]
    if conn.dialect.name == "sqlite":
        conn.execute(_SQLITE_DELETE, [{"id": e.article_id} for e in entries])
        conn.execute(_SQLITE_INSERT, params)
    else:
        conn.execute(_PG_UPSERT, params)
