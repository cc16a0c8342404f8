"""Articles in every language ingest: no feed fails for its language (Polish and Greek included)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.news.articles import summarize_feed_content, summarize_page
from bot.news.fetch import FetchLimits
from bot.news.ingest import IngestOptions, run_ingest_tick
from tests.multilingual import STORIES, Story
from tests.news.feedsite import rss_item

NOW = datetime(2024, 7, 11, 8, 0, tzinfo=UTC)
OPTIONS = IngestOptions(
    allow_private_urls=True, fetch_limits=FetchLimits(total_timeout=5.0, read_timeout=5.0)
)
IDS = [story.code for story in STORIES]


@pytest.mark.parametrize("story", STORIES, ids=IDS)
def test_pages_and_feed_content_summarize_in_every_language(story: Story) -> None:
    page = summarize_page(story.html(), f"https://news.example/{story.code}")
    assert page.language == story.code
    assert page.summary
    # trafilatura drops zero-width non-joiners (Persian "می‌کنند" comes out "میکنند").
    written = {sentence.replace("\u200c", "") for sentence in story.sentences}
    assert {sentence.replace("\u200c", "") for sentence in page.summary} <= written
    content = "".join(f"<p>{text}</p>" for text in story.paragraph_texts())
    feed = summarize_feed_content(story.title, content, f"https://news.example/{story.code}")
    assert feed.summary
    assert feed.from_feed_content


async def test_a_feed_per_language_ingests_without_failure(store, feed_server) -> None:
    for story in STORIES:
        link = feed_server.add(f"/lang/{story.code}.html", story.html())
        item = rss_item(story.title, link, f"{story.code}-1")
        channel = f"<title>{story.code}</title><language>{story.code}</language>{item}"
        body = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{channel}'
        feed = feed_server.add(
            f"/lang/{story.code}.rss", body + "</channel></rss>", content_type="application/rss+xml"
        )
        store.feeds.add(feed)
    report = await run_ingest_tick(store, OPTIONS, now=NOW)
    assert report.feeds_failed == 0
    assert report.new_articles == len(STORIES)
    stored = {article.title: article for article in store.articles.latest(limit=100)}
    for story in STORIES:
        article = stored[story.title]
        assert article.language == story.code, story.code
        assert article.summary, story.code
