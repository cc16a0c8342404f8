"""The ingest use case on both stores: new articles once, failures isolated, clusters, dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.news.articles import ArticleError, summarize_url
from bot.news.errors import PrivateAddressError
from bot.news.fetch import FetchLimits
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.store import FeedSchedule, Region
from tests.news.feedsite import rss_item

NOW = datetime(2024, 7, 11, 8, 0, tzinfo=UTC)
OPTIONS = IngestOptions(
    allow_private_urls=True, fetch_limits=FetchLimits(total_timeout=2.0, read_timeout=2.0)
)


def rss(*items: str) -> str:
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    return f"{head}{''.join(items)}</channel></rss>"


async def test_failing_feed_backs_off_then_pauses(store, feed_server):
    feed = store.feeds.add(feed_server.url("/status/403"))
    now = NOW
    delays = []
    for _ in range(8):
        report = await run_ingest_tick(store, OPTIONS, now=now)
        assert report.feeds_failed == 1
        feed = store.feeds.get(feed.id)
        delays.append(feed.next_check_at - now)
        now = feed.next_check_at
    assert feed.last_error == "HTTP 403 — the site blocks bots"
    assert feed.state == "paused"
    assert feed.error_count == 8
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert (await run_ingest_tick(store, OPTIONS, now=now + timedelta(days=1))).feeds_checked == 0


def test_backoff_is_capped():
    schedule = FeedSchedule()
    assert schedule.backoff(30) == timedelta(hours=6)
    assert schedule.pauses(8)
    assert not schedule.pauses(7)


async def test_hostile_feeds_fail_clearly_and_never_stop_the_good_one(store, feed_server):
    hostile = {
        "/hostile/billion-laughs.xml": "unsafe XML (entity declarations are not allowed) — refused",
        "/hostile/gzip-bomb.xml": "response larger than 5 MB",
        "/hostile/huge.xml": "response larger than 5 MB",
        "/hostile/never-ending.xml": "timeout after 2 s",
        "/loop/a": "too many redirects",
        "/feeds/error-page.xml": "not a feed (the address returned an HTML page)",
        "/status/500": "HTTP 500 — server error",
    }
    ids = {path: store.feeds.add(feed_server.url(path)).id for path in hostile}
    good = store.feeds.add(feed_server.url("/feeds/en.rss"))
    private = store.feeds.add("http://169.254.169.254/latest/meta-data/")
    report = await run_ingest_tick(
        store, IngestOptions(fetch_limits=OPTIONS.fetch_limits, allow_private_urls=False), now=NOW
    )
    assert (
        store.feeds.get(private.id).last_error == "address is private (169.254.169.254) — refused"
    )
    assert report.new_articles == 0  # the good feed is local, refused too when private is off
    report = await run_ingest_tick(store, OPTIONS, now=NOW + timedelta(hours=1))
    for path, message in hostile.items():
        assert store.feeds.get(ids[path]).last_error == message, path
    assert store.feeds.get(good.id).last_error is None
    assert report.new_articles == 5
    assert report.feeds_failed == len(hostile) + 1


async def test_hundred_thousand_item_feed_is_capped(store, feed_server):
    feed = store.feeds.add(feed_server.url("/hostile/big-feed.xml"))
    report = await run_ingest_tick(
        store,
        IngestOptions(
            allow_private_urls=True,
            fetch_pages=False,
            fetch_limits=FetchLimits(max_bytes=16 * 1024 * 1024),
        ),
        now=NOW,
    )
    assert report.new_articles == 500
    assert store.feeds.get(feed.id).last_error is None


async def test_undated_entries_keep_their_first_seen_time(store, feed_server):
    path = "/feeds/undated.rss"
    first = rss_item("Datong wall reopens", feed_server.url("/articles/datong-wall.html"), "u1")
    feed_server.add(path, rss(first), content_type="application/rss+xml", etag='"v1"')
    store.feeds.add(feed_server.url(path))
    await run_ingest_tick(store, OPTIONS, now=NOW)
    second = rss_item("Another", feed_server.url("/articles/beijing-book-fair.html"), "u2")
    feed_server.add(path, rss(second, first), content_type="application/rss+xml", etag='"v2"')
    later = NOW + timedelta(hours=2)
    report = await run_ingest_tick(store, OPTIONS, now=later)
    assert report.new_articles == 1
    by_title = {a.title: a for a in store.articles.latest(limit=10)}
    assert by_title["Datong wall reopens"].published_at == NOW
    assert by_title["Another"].published_at == later


async def test_same_story_from_two_outlets_shares_a_cluster(store, feed_server):
    store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}, ("Shanxi", "Taiyuan")))
    lead = "Taiyuan opened the first section of Metro Line 2 on Monday, giving the Shanxi capital"
    pages = {
        "/a/metro.html": (lead + " a north-south rail link. Fares start at two yuan.", "A"),
        "/b/metro.html": (
            lead + " its first north-south rail line. Tickets cost 2 to 6 yuan.",
            "B",
        ),
    }
    for path, (text, outlet) in pages.items():
        feed_server.add(
            path,
            f"<html><head><title>Taiyuan opens metro line 2</title></head>"
            f"<body><article><h1>Taiyuan opens metro line 2</h1><p>{text}</p>"
            f"<p>Reported by outlet {outlet}. More trains follow next year.</p>"
            "</article></body></html>",
        )
        feed_path = f"/feeds/{outlet}.rss"
        item = rss_item("Taiyuan opens metro line 2", feed_server.url(path), f"{outlet}-1")
        feed_server.add(feed_path, rss(item), content_type="application/rss+xml")
        store.feeds.add(feed_server.url(feed_path), region_id="shanxi")
    report = await run_ingest_tick(store, OPTIONS, now=NOW)
    assert report.new_articles == 2
    first, second = store.articles.latest(limit=5)
    assert first.cluster_id == second.cluster_id
    assert first.regions == second.regions == ("shanxi",)


async def test_summarize_url_for_the_summary_command(feed_server):
    url = feed_server.url("/articles/taiyuan-metro-line-2.html?utm_source=chat")
    article = await summarize_url(url, allow_private_urls=True)
    assert article.title == "Taiyuan opens its second metro line to passengers"
    assert article.url == feed_server.url("/articles/taiyuan-metro-line-2.html")
    assert [s.heading for s in article.sections] == [
        "Route and stations",
        "Fares and transfers",
        "What comes next",
    ]
    assert article.summary
    assert article.language == "en"
    assert article.source == "Shanxi Daily Wire"  # the page's og:site_name
    with pytest.raises(PrivateAddressError):
        await summarize_url(url, allow_private_urls=False)
    feed_server.add("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(ArticleError, match=r"not a web page \(application/pdf\)"):
        await summarize_url(feed_server.url("/file.pdf"), allow_private_urls=True)


async def test_summarize_url_names_the_source_by_the_site_name(feed_server):
    sample = await summarize_url(
        feed_server.url("/articles/taiyuan-metro-line-2.html"), allow_private_urls=True
    )
    html = (
        '<html><head><meta property="og:site_name" content="Shanxi Daily">'
        f"<title>{sample.title}</title></head><body><article><h1>{sample.title}</h1>"
        + "".join(f"<p>{sentence}</p>" for sentence in sample.summary)
        + "</article></body></html>"
    )
    url = feed_server.add("/named/metro.html", html)
    article = await summarize_url(url, allow_private_urls=True)
    assert article.title == sample.title
    assert article.source == "Shanxi Daily"
    unnamed = feed_server.add("/unnamed/metro.html", html.replace("og:site_name", "og:other"))
    article = await summarize_url(unnamed, allow_private_urls=True)
    assert article.source == "127.0.0.1"  # no site name: the host stands in


def _page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article><h1>{title}</h1>{body}</article></body></html>"


async def test_lines_recurring_on_a_host_are_learned_at_ingest_and_dropped_next_time(
    store, feed_server
):
    # A sentence the site prints on every page: by its shape it is body text, only its
    # recurrence across the host's pages shows it is the site's own boilerplate.
    house = "The Harbourside newsroom welcomes your tips on our hotline every day."
    towns = ["Northport", "Eastwick", "Southmere", "Westbay"]
    paths = []
    for town in towns:
        paragraphs = [
            f"The council of {town} approved a new budget on Monday after a long debate "
            "about the cost of repairing roads and bridges across the district.",
            house,
            f"Officials in {town} said the first repairs would start in the spring and that "
            "residents would be told about road closures well in advance.",
        ]
        path = f"/harbour/{town.lower()}.html"
        feed_server.add(path, _page(f"{town} approves road budget", paragraphs))
        paths.append(path)
    feed_path = "/harbour/feed.xml"
    items = [
        rss_item(f"{t} approves road budget", feed_server.url(p), t)
        for t, p in zip(towns, paths, strict=True)
    ]
    feed_server.add(feed_path, rss(*items[:3]), content_type="application/rss+xml")
    store.feeds.add(feed_server.url(feed_path))
    assert (await run_ingest_tick(store, OPTIONS, now=NOW)).new_articles == 3
    first_three = store.articles.latest(limit=5)
    assert all(house in article.text for article in first_three)
    feed_server.add(feed_path, rss(*items), content_type="application/rss+xml")
    later = NOW + timedelta(hours=3)
    assert (await run_ingest_tick(store, OPTIONS, now=later)).new_articles == 1
    newest = store.articles.latest(limit=1)[0]
    assert newest.title == "Westbay approves road budget"
    assert house not in newest.text
    assert "Westbay" in newest.text
