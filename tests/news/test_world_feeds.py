"""Feeds in 23 languages, legacy charsets and every format ingest cleanly, their article pages
unreachable: no feed fails by its content and the items are stored from the feed's own text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape

import pytest

from bot.news.fetch import FetchLimits
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.urls import canonical_url
from tests.feedserver import FeedServer
from tests.news.world_feeds import SPECS, serve_world

NOW = datetime(2024, 7, 11, 8, 0, tzinfo=UTC)
OPTIONS = IngestOptions(
    allow_private_urls=True, fetch_limits=FetchLimits(total_timeout=5.0, read_timeout=5.0)
)
LEGACY = {"windows-1251", "iso-8859-7", "gb2312", "big5", "shift_jis", "euc-kr", "tis-620"}


@pytest.fixture
def world() -> Iterator[FeedServer]:
    server = FeedServer()
    server.world = serve_world(server)  # type: ignore[attr-defined]
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_the_fixtures_cover_what_the_world_sends() -> None:
    assert len({spec.language for spec in SPECS}) >= 15
    assert {spec.charset for spec in SPECS} >= LEGACY
    assert {spec.format for spec in SPECS} == {"rss091", "rss092", "rdf", "rss20", "atom"}


@pytest.mark.slow
async def test_every_language_charset_and_format_ingests_from_the_feeds_own_text(
    store, world
) -> None:
    built = world.world
    for feed in built:
        store.feeds.add(feed.url)

    report = await run_ingest_tick(store, OPTIONS, now=NOW)

    assert report.feeds_failed == 0, report.errors
    assert report.feeds_checked == len(built)
    assert report.articles_skipped == 0, report.article_errors
    articles = store.articles.latest(limit=500)
    by_url = {a.url: a for a in articles}
    linked = [(feed, item) for feed in built for item in feed.items if item.link]
    from_feed_text = 0
    for feed, item in linked:
        article = by_url.get(canonical_url(item.link))
        if article is None:
            continue
        first_words = unescape(item.html.removeprefix("<p>").split("</p>", 1)[0])[:12]
        if first_words and first_words in article.text.replace("\n", " "):
            from_feed_text += 1
        if item.title is not None:
            assert article.title == item.title, feed.spec  # legacy charsets decoded right
        if item.date is None:
            assert article.published_at == NOW, (feed.spec, item.guid)  # first seen
        else:
            assert article.published_at == item.date
        assert article.summary, (feed.spec, item.guid)
    assert from_feed_text / len(linked) >= 0.9, (from_feed_text, len(linked))
    titles = {a.title for a in articles}
    unlinked = [item for feed in built for item in feed.items if not item.link]
    assert unlinked
    for item in unlinked:
        if item.title is not None:
            assert item.title in titles
        else:  # a bare description: named by the start of its text
            first = unescape(item.html.removeprefix("<p>").split("</p>", 1)[0])
            assert any(first.startswith(t.removesuffix("…")) for t in titles), first
    untitled = [item for feed in built for item in feed.items if item.title is None and item.link]
    assert untitled
    for item in untitled:
        article = by_url[canonical_url(item.link)]
        first_paragraph = unescape(item.html.removeprefix("<p>").split("</p>", 1)[0])
        assert first_paragraph.startswith(article.title.removesuffix("…")), article.title
