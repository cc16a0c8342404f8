from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.ops.errors import OpsError
from bot.ops.retention import prune_articles
from bot.store import NewArticle, Region, SectionSummaryRecord, Store, open_store

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'newsbot.db'}"


@pytest.fixture
def store(store: Store) -> Store:
    """The shared store fixture (both backends) with the region these tests tag."""
    store.regions.upsert(Region("taiyuan", {"en": "Taiyuan", "zh": "太原"}, ("Taiyuan",)))
    return store


def _article(n: int, days_ago: int) -> tuple[NewArticle, datetime]:
    seen = NOW - timedelta(days=days_ago)
    article = NewArticle(
        url=f"https://news.example/{n}",
        guid=f"guid-{n}",
        fingerprint=f"fp-{n}",
        title=f"Cadre training story {n}",
        text=f"Cadres in Taiyuan attended training number {n}.",
        sections=(SectionSummaryRecord("Training", (f"Training {n} was held.",)),),
        summary=(f"Training {n} was held.",),
        regions=("taiyuan",),
        published_at=seen,
    )
    return article, seen


def test_old_articles_become_tombstones_that_still_deduplicate(store: Store) -> None:
    ages = {1: 5, 2: 89, 3: 91, 4: 200, 5: 400}
    for n, days_ago in ages.items():
        article, seen = _article(n, days_ago)
        store.articles.add_many([article], now=seen)
    assert store.search.search("training").total == 5

    result = prune_articles(store.articles, now=NOW, retention_days=90)

    assert (result.tombstoned, result.deleted) == (2, 1)
    assert store.articles.count() == 4
    assert store.articles.count("taiyuan") == 2
    hits = {hit.article.url for hit in store.search.search("training").hits}
    assert hits == {"https://news.example/1", "https://news.example/2"}
    kept = store.articles.latest(limit=10)
    tomb = next(a for a in kept if a.url == "https://news.example/3")
    assert (tomb.text, tomb.sections, tomb.summary, tomb.regions) == ("", (), (), ())
    # What de-duplication needs survives for tombstones, and only the deleted row is forgotten.
    assert store.articles.seen(canonical_url="https://news.example/3")
    assert store.articles.seen(guid="guid-4")
    assert store.articles.seen(fingerprint="fp-4")
    assert not store.articles.seen(canonical_url="https://news.example/5", guid="guid-5")
    fresh = next(a for a in kept if a.url == "https://news.example/2")
    assert fresh.summary == ("Training 2 was held.",)

    again = prune_articles(store.articles, now=NOW, retention_days=90)
    assert (again.tombstoned, again.deleted) == (0, 0)


def test_batches_cover_everything(sqlite_url: str) -> None:
    opened = open_store(sqlite_url)
    opened.upgrade()
    opened.regions.upsert(Region("taiyuan", {"en": "Taiyuan", "zh": "太原"}, ()))
    batch = [_article(n, 120)[0] for n in range(23)]
    opened.articles.add_many(batch, now=NOW - timedelta(days=120))
    result = prune_articles(opened.articles, now=NOW, retention_days=90, batch_size=5)
    assert result.tombstoned == 23
    assert opened.articles.count("taiyuan") == 0
    opened.close()


def test_bad_arguments_are_refused(sqlite_url: str) -> None:
    opened = open_store(sqlite_url)
    with pytest.raises(OpsError, match="timezone-aware"):
        prune_articles(opened.articles, now=datetime(2025, 1, 1), retention_days=90)
    with pytest.raises(OpsError, match="at least 1"):
        prune_articles(opened.articles, now=NOW, retention_days=0)
    opened.close()
