"""The two listings inline mode pages through: ranked match ids, and the newest of some regions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

NOW = datetime(2024, 11, 29, 12, 0, tzinfo=UTC)


def test_ranked_ids_are_search_order_over_every_match(store, make_article):
    for i in range(12):
        make_article(title=f"Harvest report {i}", published_at=NOW - timedelta(hours=i))
    make_article(title="Harvest harvest harvest", published_at=NOW - timedelta(days=2))
    ranked = store.search.ranked_ids("harvest", now=NOW)
    page = store.search.search("harvest", limit=20, now=NOW)
    assert ranked == [hit.article.id for hit in page.hits]
    assert len(ranked) == page.total == 13
    assert store.search.ranked_ids("  ", now=NOW) == []
    assert store.search.ranked_ids('") OR NEAR(*', now=NOW) == []


def test_newest_pages_through_the_chosen_regions(store, make_article):
    shanxi = [
        make_article(regions=("shanxi",), published_at=NOW - timedelta(hours=i)) for i in range(5)
    ]
    hebei = make_article(regions=("hebei",), published_at=NOW - timedelta(minutes=30))
    both = make_article(regions=("shanxi", "hebei"), published_at=NOW - timedelta(minutes=90))
    nowhere = make_article(published_at=NOW + timedelta(hours=1))
    first = store.articles.newest(["shanxi"], limit=3)
    rest = store.articles.newest(["shanxi"], limit=3, offset=3)
    assert [a.id for a in first + rest] == [
        shanxi[0].id,
        shanxi[1].id,
        both.id,
        shanxi[2].id,
        shanxi[3].id,
        shanxi[4].id,
    ]
    either = [a.id for a in store.articles.newest(["shanxi", "hebei"], limit=3)]
    assert either == [shanxi[0].id, hebei.id, shanxi[1].id]
    assert store.articles.newest(None, limit=1)[0].id == nowhere.id
    assert store.articles.newest([], limit=5) == []
