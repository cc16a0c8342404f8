"""Search in every language on both databases: title words, folded case and accents, Thai, CJK."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.store import NewArticle, downgrade, fold, open_store, upgrade
from summarizer.languages import get_language
from tests.multilingual import STORIES

NOW = datetime(2024, 11, 29, 12, 0, tzinfo=UTC)


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if c < "\u0300" or c > "\u036f")
    )


def _title_words(code: str, title: str) -> list[str]:
    """What a reader would type: the title's words as the summarizer splits them."""
    return list(dict.fromkeys(get_language(code).tokenizer.to_words(title)))


@pytest.fixture
def indexed(store, make_article):
    return {
        story.code: make_article(
            title=story.title,
            summary=tuple(story.sentences[:2]),
            text="\n\n".join(story.paragraph_texts()),
            published_at=NOW - timedelta(hours=n),
        )
        for n, story in enumerate(STORIES)
    }


def _finds(store, query: str, article_id: int) -> bool:
    page = store.search.search(query, limit=100, now=NOW)
    return article_id in [hit.article.id for hit in page.hits]


def test_a_word_of_the_title_finds_the_article_in_every_language(store, indexed):
    assert len({story.code for story in STORIES}) >= 15
    tried, misses = 0, []
    for story in STORIES:
        article_id = indexed[story.code].id
        for word in _title_words(story.code, story.title):
            for query in {word, word.upper(), _strip_accents(word)}:
                tried += 1
                if not _finds(store, query, article_id):
                    misses.append((story.code, query))
    assert tried > 200
    assert len(misses) <= 0.05 * tried, misses


@pytest.mark.parametrize(
    ("title", "queries"),
    [
        ("École de la Rivière", ["ecole", "ÉCOLE", "riviere", "RIVIÈRE"]),
        ("Über die Straße", ["uber", "über", "ÜBER", "strasse", "STRASSE", "straße"]),
        ("İzmir'de vapur", ["izmir", "İZMİR", "vapur"]),
        ("Ο ΔΉΜΑΡΧΟΣ της Αθήνας", ["δημαρχος", "Δήμαρχος", "αθηνας"]),
        ("Łódź i Kraków", ["lodz", "Łódź", "krakow"]),
        ("Hà Nội khai trương", ["ha noi", "Hà Nội", "HÀ NỘI"]),
        ("افتتاح مَكْتَبَة جديدة", ["مكتبة", "مَكْتَبَة"]),
        ("Ёлка в Москве", ["елка", "ёлка", "ЁЛКА"]),
    ],
)
def test_case_and_accents_are_folded_both_ways(store, make_article, title, queries):
    article = make_article(title=title)
    for query in queries:
        assert _finds(store, query, article.id), query


@pytest.mark.parametrize(
    ("title", "found", "not_found"),
    [
        ("札幌市で新しい図書館が開館", ["図書館", "札幌", "開館", "新しい"], ["図書室"]),
        ("부산시는 새 도서관 문 열어", ["부산", "도서관", "부산시는"], ["서울"]),
        ("เชียงใหม่เปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำปิง", ["เชียงใหม่", "สวนสาธารณะ", "แม่น้ำ"], ["กรุงเทพ"]),
        ("जयपुर में नई मेट्रो लाइन", ["मेट्रो", "जयपुर"], ["मे"]),
    ],
)
def test_unspaced_scripts_and_vowel_signs(store, make_article, title, found, not_found):
    article = make_article(title=title)
    for query in found:
        assert _finds(store, query, article.id), query
    for query in not_found:
        assert not _finds(store, query, article.id), query


def test_migration_rebuilds_an_index_built_without_folding(empty_store_url):
    # The revision just before the folded index.
    upgrade(empty_store_url, "0004_regions")
    with open_store(empty_store_url) as store:
        article = store.articles.add(
            NewArticle(
                url="https://news.example/ecole", title="L'ÉCOLE de Zürich", published_at=NOW
            )
        )
        # What the index held before: case folded, accents kept.
        old_terms = "l école de zürich"
        with store.engine.begin() as conn:
            if store.dialect == "sqlite":
                conn.execute(
                    text("UPDATE article_fts SET title = :t WHERE rowid = :id"),
                    {"t": old_terms, "id": article.id},
                )
            else:
                conn.execute(
                    text(
                        "UPDATE article_search SET document = to_tsvector('simple', :t) "
                        "WHERE article_id = :id"
                    ),
                    {"t": old_terms, "id": article.id},
                )
    upgrade(empty_store_url, "0004_search_fold")
    with open_store(empty_store_url) as store:
        assert store.current_revision() == "0004_search_fold"
        for query in ["ecole", "zurich", "École", "ZÜRICH"]:
            assert _finds(store, query, article.id), query
        if store.dialect == "sqlite":
            with store.engine.connect() as conn:
                sql = conn.execute(
                    text("SELECT sql FROM sqlite_master WHERE name = 'article_fts'")
                ).scalar_one()
            assert "M*" in sql
    downgrade(empty_store_url, "0004_regions")
    with open_store(empty_store_url) as store:
        assert _finds(store, "ecole", article.id)


def test_fold_is_what_both_sides_share():
    assert fold("ÉCOLE Straße İstanbul") == "ecole strasse istanbul"
    assert fold("한국어") == "한국어"
    assert fold("がっこう") == "がっこう"
    assert fold("हिन्दी") == "हिन्दी"
