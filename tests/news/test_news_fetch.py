"""The fetcher against a real local server: caps, timeouts, redirects, statuses, 304s."""

from __future__ import annotations

import pytest

from bot.news.errors import (
    FetchTimeoutError,
    HttpStatusError,
    TooLargeError,
    TooManyRedirectsError,
)
from bot.news.fetch import USER_AGENT, Fetcher, FetchLimits


@pytest.fixture
async def fetcher():
    limits = FetchLimits(max_bytes=5 * 1024 * 1024, total_timeout=3.0, read_timeout=2.0)
    async with Fetcher(allow_private_urls=True, limits=limits) as client:
        yield client


async def test_conditional_get_gets_304_and_is_counted(feed_server, fetcher):
    url = feed_server.url("/feeds/en.rss")
    first = await fetcher.get(url)
    assert first.status == 200
    assert first.etag == '"en-v1"'
    assert first.last_modified
    again = await fetcher.get(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified
    assert again.body == b""
    assert feed_server.conditional_requests["/feeds/en.rss"] == 1
    assert feed_server.not_modified["/feeds/en.rss"] == 1


async def test_last_modified_alone_is_enough(feed_server, fetcher):
    url = feed_server.url("/feeds/zh.atom")
    first = await fetcher.get(url)
    again = await fetcher.get(url, last_modified=first.last_modified)
    assert again.not_modified


async def test_gzip_is_decoded(feed_server, fetcher):
    result = await fetcher.get(feed_server.url("/articles/gz/hongkong-electric-ferries.html"))
    assert "Electric ferries join the Victoria Harbour crossing" in result.text()


async def test_gzip_bomb_is_cut_at_the_decoded_cap(feed_server, fetcher):
    with pytest.raises(TooLargeError, match="response larger than 5 MB"):
        await fetcher.get(feed_server.url("/hostile/gzip-bomb.xml"))


@pytest.mark.parametrize("path", ["/hostile/huge.xml", "/hostile/huge-declared.xml"])
async def test_two_gigabyte_response_is_cut(feed_server, fetcher, path):
    with pytest.raises(TooLargeError, match="response larger than 5 MB"):
        await fetcher.get(feed_server.url(path))


async def test_never_ending_response_hits_the_total_deadline(feed_server):
    limits = FetchLimits(total_timeout=1.0, read_timeout=5.0)
    async with Fetcher(allow_private_urls=True, limits=limits) as client:
        with pytest.raises(FetchTimeoutError, match=r"timeout after 1 s"):
            await client.get(feed_server.url("/hostile/never-ending.xml"))


async def test_slow_page_within_the_budget_is_fine(feed_server, fetcher):
    result = await fetcher.get(feed_server.url("/articles/datong-wall.html"))
    assert "Ming dynasty" in result.text()


@pytest.mark.parametrize("path", ["/loop/a", "/chain/0"])
async def test_redirect_loops_and_long_chains_stop(feed_server, fetcher, path):
    with pytest.raises(TooManyRedirectsError, match="too many redirects"):
        await fetcher.get(feed_server.url(path))


async def test_redirect_is_followed_and_final_url_reported(feed_server, fetcher):
    result = await fetcher.get(feed_server.url("/go/book-fair"))
    assert result.url == feed_server.url("/articles/beijing-book-fair.html")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/status/403", "HTTP 403 — the site blocks bots"),
        ("/missing", "HTTP 404 — not found"),
        ("/status/500", "HTTP 500 — server error"),
    ],
)
async def test_error_statuses_in_words(feed_server, fetcher, path, message):
    with pytest.raises(HttpStatusError) as caught:
        await fetcher.get(feed_server.url(path))
    assert str(caught.value) == message


async def test_polite_user_agent(feed_server, fetcher):
    await fetcher.get(feed_server.url("/feeds/en.rss"))
    assert feed_server.user_agents == [USER_AGENT]


async def test_unreachable_port_is_a_clear_error(fetcher):
    from bot.news.errors import FetchError

    with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1 \(connection refused"):
        await fetcher.get("http://127.0.0.1:9/feed")
