from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.store import (
    ArticleForDigest,
    DuplicateArticleError,
    NewArticle,
    SectionSummaryRecord,
    UnknownRegionError,
)

NOW = datetime(2024, 11, 29, 12, 0, tzinfo=UTC)


def test_add_and_get_roundtrip(store, regions):
    feed = store.feeds.add("https://a.example/rss", "shanxi")
    beijing = timezone(timedelta(hours=8))
    new = NewArticle(
        url="https://a.example/news/1",
        title="太原举办干部培训",
        feed_id=feed.id,
        guid="tag:a.example,2024:1",
        source="A News",
        published_at=datetime(2024, 11, 29, 9, 0, tzinfo=beijing),
        first_seen_at=datetime(2024, 11, 29, 2, 0, tzinfo=UTC),
        language="zh",
        text="全文。第二段。",
        sections=(
            SectionSummaryRecord("", ("导语。",)),
            SectionSummaryRecord("培训内容", ("第一句。", "第二句。")),
        ),
        summary=("总括一句。",),
        fingerprint="f" * 16,
        regions=("shanxi", "hebei", "shanxi"),
    )
    stored = store.articles.add(new)
    assert stored.id > 0
    assert stored.feed_id == feed.id
    assert stored.url == new.url
    assert stored.guid == new.guid
    assert stored.title == new.title
    assert stored.source == "A News"
    assert stored.published_at == datetime(2024, 11, 29, 1, 0, tzinfo=UTC)
    assert stored.published_at.utcoffset() == timedelta(0)
    assert stored.first_seen_at == datetime(2024, 11, 29, 2, 0, tzinfo=UTC)
    assert stored.language == "zh"
    assert stored.text == new.text
    assert stored.sections == new.sections
    assert stored.summary == new.summary
    assert stored.fingerprint == new.fingerprint
    assert stored.cluster_id == stored.id
    assert stored.regions == ("hebei", "shanxi")
    assert store.articles.get(stored.id) == stored
    assert store.articles.get(stored.id + 99) is None


def test_published_falls_back_to_first_seen(store):
    seen = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    stored = store.articles.add(NewArticle(url="https://x.example/", title="t", first_seen_at=seen))
    assert stored.published_at == seen
    assert stored.first_seen_at == seen


def test_seen_by_url_guid_or_fingerprint(store):
    store.articles.add(
        NewArticle(url="https://a.example/1", title="t", guid="g-1", fingerprint="abc123")
    )
    assert store.articles.seen(canonical_url="https://a.example/1")
    assert store.articles.seen(guid="g-1")
    assert store.articles.seen(fingerprint="abc123")
    assert store.articles.seen(canonical_url="https://other.example/", guid="g-1")
    assert not store.articles.seen(canonical_url="https://a.example/2")
    assert not store.articles.seen(guid="g-2", fingerprint="zzz")
    assert not store.articles.seen()


def test_duplicate_url_is_refused_and_nothing_half_written(store):
    store.articles.add(NewArticle(url="https://a.example/1", title="first"))
    with pytest.raises(DuplicateArticleError, match=r"a\.example/1"):
        store.articles.add(NewArticle(url="https://a.example/1", title="second copy"))
    with pytest.raises(DuplicateArticleError):
        store.articles.add_many(
            [
                NewArticle(url="https://a.example/2", title="new"),
                NewArticle(url="https://a.example/2", title="same again"),
            ]
        )
    assert store.articles.count() == 1
    assert store.search.search("second").total == 0
    assert store.search.search("new").total == 0


def test_unknown_region_is_refused(store):
    with pytest.raises(UnknownRegionError):
        store.articles.add(NewArticle(url="https://a.example/1", title="t", regions=("mars",)))
    assert store.articles.count() == 0


def test_latest_filters_by_region_and_since(store, make_article):
    old = make_article(regions=("shanxi",), published_at=NOW - timedelta(days=3))
    new = make_article(regions=("shanxi",), published_at=NOW - timedelta(hours=1))
    other = make_article(regions=("hebei",), published_at=NOW - timedelta(hours=2))
    assert [a.id for a in store.articles.latest()] == [new.id, other.id, old.id]
    assert [a.id for a in store.articles.latest(region_id="shanxi")] == [new.id, old.id]
    assert [a.id for a in store.articles.latest(limit=1)] == [new.id]
    since = NOW - timedelta(days=1)
    assert [a.id for a in store.articles.latest(region_id="shanxi", since=since)] == [new.id]


def test_digest_window_uses_first_seen_and_regions(store, make_article):
    start = NOW - timedelta(hours=10)
    before = make_article(regions=("shanxi",), first_seen_at=start - timedelta(seconds=1))
    inside = make_article(regions=("shanxi",), first_seen_at=start)
    both = make_article(regions=("shanxi", "hebei"), first_seen_at=start + timedelta(hours=1))
    hebei = make_article(regions=("hebei",), first_seen_at=start + timedelta(hours=2))
    untagged = make_article(first_seen_at=start + timedelta(hours=3))
    at_end = make_article(regions=("shanxi",), first_seen_at=NOW)
    assert before.id
    assert at_end.id
    ids = [a.id for a in store.articles.for_digest(start, NOW, ["shanxi"])]
    assert ids == [inside.id, both.id]
    ids = [a.id for a in store.articles.for_digest(start, NOW, ["hebei", "shanxi"])]
    assert ids == [inside.id, both.id, hebei.id]
    ids = [a.id for a in store.articles.for_digest(start, NOW)]
    assert ids == [inside.id, both.id, hebei.id, untagged.id]
    assert store.articles.for_digest(start, NOW, []) == []


def test_clusters(store, make_article):
    root = make_article(first_seen_at=NOW - timedelta(hours=2))
    assert root.cluster_id == root.id
    copy = make_article(cluster_id=root.id, first_seen_at=NOW - timedelta(hours=1))
    loner = make_article(first_seen_at=NOW - timedelta(days=2))
    assert [a.id for a in store.articles.cluster_members(root.id)] == [root.id, copy.id]
    assert [a.id for a in store.articles.cluster_members(loner.id)] == [loner.id]
    recent = store.articles.for_clustering(NOW - timedelta(days=1), limit=10, lead_chars=5)
    assert [(a.id, a.cluster_id) for a in recent] == [(copy.id, root.id), (root.id, root.id)]
    assert [a.id for a in store.articles.for_clustering(NOW - timedelta(days=3), 1, 5)] == [copy.id]
    store.articles.set_cluster(loner.id, root.id)
    assert len(store.articles.cluster_members(root.id)) == 3


def test_count_and_get_many(store, make_article):
    assert store.articles.count() == 0
    a = make_article(regions=("shanxi",))
    b = make_article()
    assert store.articles.count() == 2
    assert store.articles.count(region_id="shanxi") == 1
    assert [x.id for x in store.articles.get_many([b.id, a.id, 12345, b.id])] == [b.id, a.id]
    assert store.articles.get_many([]) == []


def test_add_many_returns_ids_in_order(store, regions):
    batch = [
        NewArticle(url=f"https://bulk.example/{i}", title=f"bulk {i}", regions=("shanxi",))
        for i in range(30)
    ]
    ids = store.articles.add_many(batch)
    assert len(ids) == 30
    assert [a.url for a in store.articles.get_many(ids)] == [n.url for n in batch]
    assert store.articles.add_many([]) == []
    assert store.search.search("bulk").total == 30


def test_removing_a_feed_keeps_its_articles(store):
    feed = store.feeds.add("https://a.example/rss")
    article = store.articles.add(NewArticle(url="https://a.example/1", title="t", feed_id=feed.id))
    store.feeds.remove(feed.id)
    assert store.articles.get(article.id).feed_id is None


def test_concurrent_writers_from_separate_connections(store_url):
    from concurrent.futures import ThreadPoolExecutor

    from bot.store import open_store

    def write(worker: int) -> int:
        with open_store(store_url) as own:
            for n in range(15):
                if not own.articles.seen(canonical_url=f"https://w{worker}.example/{n}"):
                    own.articles.add(NewArticle(url=f"https://w{worker}.example/{n}", title="t"))
        return worker

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert sorted(pool.map(write, range(4))) == [0, 1, 2, 3]
    with open_store(store_url) as check:
        assert check.articles.count() == 60


def test_read_models_carry_no_bodies(store, make_article):
    sections = (SectionSummaryRecord("Heading", ("One.", "Two.")),)
    full = make_article(
        regions=("shanxi", "hebei"),
        text="Coal prices rose again in Taiyuan this week.",
        sections=sections,
        summary=("Coal prices rose.",),
        first_seen_at=NOW - timedelta(hours=1),
    )
    bare = make_article(summary=("Only a summary.", "Two lines."), first_seen_at=NOW)
    leads = store.articles.for_clustering(NOW - timedelta(days=1), limit=10, lead_chars=11)
    assert [(a.id, a.cluster_id, a.lead) for a in leads] == [
        (bare.id, bare.id, "Only a summary. Two lines."),
        (full.id, full.id, "Coal prices"),
    ]
    assert leads[1].title == full.title
    (shown,) = store.articles.for_digest(NOW - timedelta(hours=2), NOW, ["hebei"])
    assert "text" not in ArticleForDigest.__dataclass_fields__
    assert shown == ArticleForDigest(
        id=full.id,
        cluster_id=full.cluster_id,
        url=full.url,
        title=full.title,
        source=full.source,
        published_at=full.published_at,
        first_seen_at=full.first_seen_at,
        sections=sections,
        summary=full.summary,
        regions=("hebei", "shanxi"),
    )
