"""Page worker processes: a page that crashes, stalls or bloats its worker costs only itself."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape

import pytest

from bot.news.articles import summarize_page, summarize_url
from bot.news.ingest import IngestOptions, run_ingest_tick
from bot.news.page_workers import PagePool, PageWorkerError, PoolConfig
from tests.news.feedsite import SAMPLES, rss_item

MARKER = "newsbot-test-fault-7f3a"
NOW = datetime(2024, 7, 11, 8, 0, tzinfo=UTC)
OPTIONS = IngestOptions(allow_private_urls=True)
METRO = (SAMPLES / "articles" / "taiyuan-metro-line-2.html").read_text(encoding="utf-8")


@pytest.fixture
def pool() -> Iterator[PagePool]:
    with PagePool(PoolConfig(workers=2, page_seconds=20, fault_marker=MARKER)) as pages:
        yield pages


def page(n: int, fault: str | None = None) -> str:
    poison = f"<!-- {MARKER}:{fault} -->" if fault else ""
    paragraphs = "".join(
        f"<p>Story {n} paragraph {k}: the council of district {n} approved a new budget for "
        f"schools and roads on Tuesday, officials said after a long meeting.</p>"
        for k in range(4)
    )
    return (
        f"<html><head><title>District {n} budget</title></head><body>{poison}<article>"
        f"<h1>District {n} budget</h1>{paragraphs}<h2>Reactions</h2><p>Residents of district "
        f"{n} welcomed the plan, saying the roads badly needed repair.</p></article></body></html>"
    )


def feed_content(n: int) -> str:
    return (
        f"<p>Feed text {n}: the district {n} council approved its budget, which covers schools "
        f"and roads, after a meeting that lasted most of Tuesday evening.</p>"
    )


def serve_feed(feed_server, path: str, numbers: range, faults: dict[int, str]) -> str:
    items = []
    for n in numbers:
        link = feed_server.add(f"/pw/{path}/{n}.html", page(n, faults.get(n)))
        items.append(
            rss_item(
                f"District {n} budget",
                link,
                f"{path}-{n}",
                f"<description>{escape(feed_content(n))}</description>",
            )
        )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Districts</title>'
    return feed_server.add(
        f"/pw/{path}.rss",
        f"{head}{''.join(items)}</channel></rss>",
        content_type="application/rss+xml",
    )


def test_a_page_runs_in_a_worker_and_its_memory_is_reported(pool):
    article = pool.call(summarize_page, METRO, "http://127.0.0.1/metro.html")
    assert article.title == "Taiyuan opens its second metro line to passengers"
    stats = pool.stats()
    assert (stats.pages, stats.workers_started, stats.crashes) == (1, 1, 0)
    assert 20 < stats.peak_rss_mib < pool.config.recycle_rss_mib


def test_a_crashing_page_costs_only_itself(pool):
    with pytest.raises(PageWorkerError, match=r"crashed \(killed by SIGSEGV\)"):
        pool.call(summarize_page, page(1, "segv"), "http://127.0.0.1/1.html")
    assert pool.call(summarize_page, page(2), "http://127.0.0.1/2.html").title == (
        "District 2 budget"
    )
    stats = pool.stats()
    assert (stats.crashes, stats.workers_started) == (1, 2)


def test_a_stalled_page_is_stopped_at_the_time_limit():
    config = PoolConfig(workers=1, page_seconds=2, fault_marker=MARKER)
    with PagePool(config) as pages:
        pages.start()  # so the limit measures the page, not the first start
        with pytest.raises(PageWorkerError, match=r"longer than 2 s; its worker was stopped"):
            pages.call(summarize_page, page(1, "hang"), "http://127.0.0.1/1.html")
        assert pages.call(summarize_page, page(2), "http://127.0.0.1/2.html").summary
        assert pages.stats().timeouts == 1


def test_a_page_exhausting_memory_hits_the_cap_and_its_worker_is_replaced():
    config = PoolConfig(workers=1, memory_mib=1200, fault_marker=MARKER)
    with PagePool(config) as pages:
        with pytest.raises(PageWorkerError, match=r"out of memory \(cap 1200 MiB\)"):
            pages.call(summarize_page, page(1, "hog"), "http://127.0.0.1/1.html")
        assert pages.call(summarize_page, page(2), "http://127.0.0.1/2.html").summary
        stats = pages.stats()
        assert (stats.out_of_memory, stats.workers_started) == (1, 2)


def test_workers_are_recycled_after_their_task_quota():
    with PagePool(PoolConfig(workers=1, tasks_per_worker=2)) as pages:
        for n in range(5):
            pages.call(summarize_page, page(n), f"http://127.0.0.1/{n}.html")
        stats = pages.stats()
    assert (stats.pages, stats.workers_started, stats.recycled, stats.crashes) == (5, 3, 2, 0)


async def test_a_closed_pool_refuses_work_clearly():
    pages = PagePool(PoolConfig(workers=1))
    pages.close()
    with pytest.raises(PageWorkerError, match="shut down"):
        pages.call(summarize_page, page(1), "http://127.0.0.1/1.html")
    with pytest.raises(PageWorkerError, match="shut down"):
        await pages.run(summarize_page, page(1), "http://127.0.0.1/1.html")


async def test_ingest_with_a_poisoned_page_loses_only_that_page(store, feed_server, pool):
    feed = serve_feed(feed_server, "a", range(1, 6), {3: "segv"})
    store.feeds.add(feed)
    report = await run_ingest_tick(store, OPTIONS, now=NOW, pages=pool)
    assert report.new_articles == 5
    assert report.feeds_failed == 0
    (lost,) = report.pages_lost
    assert lost == (
        f"{feed_server.url('/pw/a/3.html')}: the extraction worker crashed (killed by SIGSEGV); "
        "stored from the feed's own content"
    )
    assert "1 page lost its worker" in report.summary_line()
    by_title = {a.title: a for a in store.articles.latest(limit=10)}
    assert by_title["District 3 budget"].text.startswith("Feed text 3")
    for n in (1, 2, 4, 5):
        text = by_title[f"District {n} budget"].text
        assert f"Story {n} paragraph 0" in text  # from the page itself
        assert "Feed text" not in text
    # The next tick runs on the rebuilt pool as if nothing happened.
    second = serve_feed(feed_server, "b", range(6, 9), {})
    store.feeds.add(second)
    report = await run_ingest_tick(store, OPTIONS, now=NOW, pages=pool)
    assert (report.new_articles, report.pages_lost) == (3, ())
    assert pool.stats().crashes == 1


async def test_ingest_with_a_stalled_page_goes_on_after_the_time_limit(store, feed_server):
    config = PoolConfig(workers=2, page_seconds=3, fault_marker=MARKER)
    with PagePool(config) as pages:
        pages.start()
        store.feeds.add(serve_feed(feed_server, "c", range(1, 4), {2: "hang"}))
        report = await run_ingest_tick(store, OPTIONS, now=NOW, pages=pages)
    assert report.new_articles == 3
    (lost,) = report.pages_lost
    assert "/pw/c/2.html: extraction took longer than 3 s; its worker was stopped" in lost
    texts = {a.title: a.text for a in store.articles.latest(limit=10)}
    assert "Feed text 2" in texts["District 2 budget"]
    assert "Story 1 paragraph 0" in texts["District 1 budget"]


async def test_summary_of_a_link_that_kills_its_worker_answers_in_words(feed_server, pool):
    poisoned = feed_server.add("/pw/summary/bad.html", page(1, "segv"))
    with pytest.raises(PageWorkerError, match="crashed"):
        await summarize_url(poisoned, allow_private_urls=True, pages=pool)
    good = feed_server.url("/articles/taiyuan-metro-line-2.html")
    article = await summarize_url(good, allow_private_urls=True, pages=pool)
    assert article.source == "Shanxi Daily Wire"
