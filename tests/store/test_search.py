from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

NOW = datetime(2024, 11, 29, 12, 0, tzinfo=UTC)


def _ids(page):
    return [hit.article.id for hit in page.hits]


@pytest.fixture
def corpus(make_article):
    return {
        "flood": make_article(
            title="Flood warning for the Fen River",
            summary=("Heavy rain raised the Fen River above the warning level.",),
            text="Residents near Taiyuan were told to move to higher ground.",
            regions=("shanxi",),
            published_at=NOW - timedelta(hours=2),
        ),
        "coal": make_article(
            title="Coal output rises in Datong",
            summary=("Mines in Datong produced more coal this quarter.",),
            regions=("shanxi",),
            published_at=NOW - timedelta(days=3),
        ),
        "training": make_article(
            title="太原市举办干部培训班",
            summary=("太原市委组织部近日举办了为期五天的干部培训班。",),
            text="来自全市各区县的学员参加了培训，内容包括数字经济和基层治理。",
            regions=("shanxi",),
            published_at=NOW - timedelta(days=1),
        ),
        "hebei": make_article(
            title="石家庄地铁新线开通",
            summary=("石家庄地铁三号线今日开通运营。",),
            regions=("hebei",),
            published_at=NOW - timedelta(hours=5),
        ),
    }


def test_english_words_match_title_summary_and_text(store, corpus):
    assert _ids(store.search.search("flood", now=NOW)) == [corpus["flood"].id]
    assert _ids(store.search.search("FLOODS warning")) == []
    assert _ids(store.search.search("Warning FLOOD", now=NOW)) == [corpus["flood"].id]
    assert _ids(store.search.search("higher ground", now=NOW)) == [corpus["flood"].id]
    assert _ids(store.search.search("datong", now=NOW)) == [corpus["coal"].id]
    assert store.search.search("volcano").total == 0


def test_chinese_two_character_query(store, corpus):
    assert _ids(store.search.search("太原", now=NOW)) == [corpus["training"].id]
    assert _ids(store.search.search("地铁", now=NOW)) == [corpus["hebei"].id]


def test_chinese_four_character_query_needs_the_characters_together(store, corpus):
    assert _ids(store.search.search("干部培训", now=NOW)) == [corpus["training"].id]
    assert _ids(store.search.search("数字经济", now=NOW)) == [corpus["training"].id]
    # Every bigram of 培训干部 occurs, but never in that order.
    assert store.search.search("培训干部").total == 0


def test_chinese_single_character_and_mixed_query(store, corpus):
    assert _ids(store.search.search("班", now=NOW)) == [corpus["training"].id]
    assert store.search.search("太原 flood").total == 0
    assert _ids(store.search.search("Taiyuan flood", now=NOW)) == [corpus["flood"].id]


def test_snippet_shows_the_match(store, corpus):
    hit = store.search.search("higher ground", now=NOW).hits[0]
    assert "higher ground" in hit.snippet
    hit = store.search.search("培训", now=NOW).hits[0]
    assert "培训" in hit.snippet


def test_region_filter(store, corpus):
    assert _ids(store.search.search("开通", region_id="hebei", now=NOW)) == [corpus["hebei"].id]
    assert store.search.search("开通", region_id="shanxi").total == 0


def test_date_filters(store, make_article):
    old = make_article(title="Bridge reopens", published_at=NOW - timedelta(days=10))
    new = make_article(title="Bridge closes", published_at=NOW - timedelta(days=1))
    since = NOW - timedelta(days=2)
    assert _ids(store.search.search("bridge", since=since, now=NOW)) == [new.id]
    assert _ids(store.search.search("bridge", until=since, now=NOW)) == [old.id]
    window = store.search.search("bridge", since=NOW - timedelta(days=11), until=NOW, now=NOW)
    assert _ids(window) == [new.id, old.id]


def test_newer_of_two_equal_matches_ranks_first(store, make_article):
    older = make_article(
        title="Museum opens", url="https://a.example/m", published_at=NOW - timedelta(days=5)
    )
    newer = make_article(
        title="Museum opens", url="https://b.example/m", published_at=NOW - timedelta(days=1)
    )
    page = store.search.search("museum", now=NOW)
    assert _ids(page) == [newer.id, older.id]
    assert page.hits[0].score > page.hits[1].score


def test_better_match_ranks_first_at_equal_age(store, make_article):
    when = NOW - timedelta(days=1)
    weak = make_article(
        title="City council meeting",
        text="Many items were discussed, among them a short note about the museum roof. " * 3,
        published_at=when,
    )
    strong = make_article(
        title="Museum reopens after museum roof repairs",
        summary=("The museum reopened on Friday.",),
        published_at=when,
    )
    assert _ids(store.search.search("museum", now=NOW)) == [strong.id, weak.id]


def test_pagination_and_total(store, make_article):
    made = [
        make_article(title=f"Harvest report {i}", published_at=NOW - timedelta(hours=i))
        for i in range(7)
    ]
    first = store.search.search("harvest", limit=5, now=NOW)
    second = store.search.search("harvest", limit=5, offset=5, now=NOW)
    assert first.total == second.total == 7
    assert _ids(first) + _ids(second) == [a.id for a in made]
    assert store.search.search("harvest", limit=0).hits == []


def test_hits_carry_full_articles(store, corpus):
    hit = store.search.search("coal", now=NOW).hits[0]
    assert hit.article == store.articles.get(corpus["coal"].id)
    assert hit.article.regions == ("shanxi",)


def test_deleted_articles_leave_the_index(store, corpus):
    from bot.store import articles_table as articles

    with store.engine.begin() as conn:
        conn.execute(articles.delete().where(articles.c.id == corpus["coal"].id))
    assert store.search.search("coal").total == 0
