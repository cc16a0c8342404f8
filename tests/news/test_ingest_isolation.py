"""A failure at any stage of one article marks that article only: its feed, the tick and the
other feeds go on (both stores, real HTTP on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape

import pytest
from sqlalchemy import text

from bot.news.feeds import FeedEntry
from bot.news.fetch import FetchLimits
from bot.news.ingest import IngestOptions, run_ingest_tick
from tests.feedserver import FeedServer

NOW = datetime(2024, 7, 11, 8, 0, tzinfo=UTC)
LIMITS = FetchLimits(total_timeout=5.0, read_timeout=5.0)

PARAGRAPHS = (
    "The county council opened the new {topic} on Monday after two years of building work. "
    "Officials said the project cost less than planned and finished three months early.",
    "Residents had asked for the {topic} since the old one closed in 2019. "
    "A survey last spring found that most families wanted it near the market square.",
    "The council will publish a report on the first month of use in September. "
    "Volunteers will help visitors during the opening weeks.",
)


def content(topic: str) -> str:
    return "".join(f"<p>{escape(p.format(topic=topic))}</p>" for p in PARAGRAPHS)


def page(title: str, topic: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{escape(title)}</title></head><body>"
        f"<article><h1>{escape(title)}</h1>{content(topic)}</article></body></html>"
    )


def item(server: FeedServer, slug: str, title: str, topic: str, *, page_ok: bool = True) -> str:
    link = server.url(f"/pages/{slug}.html")
    if page_ok:
        server.add(f"/pages/{slug}.html", page(title, topic))
    return (
        f"<item><title>{escape(title)}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>{escape(content(topic))}</description></item>"
    )


def rss(title: str, items: list[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}'
        f"</title><link>http://example.org/</link>{''.join(items)}</channel></rss>"
    )


@pytest.fixture
def server() -> Iterator[FeedServer]:
    running = FeedServer().start()
    try:
        yield running
    finally:
        running.stop()


class Faults:
    """A stage hook that raises at the named stage for entries whose title holds a marker."""

    def __init__(self, plan: dict[str, str]) -> None:
        self.plan = plan  # title marker -> stage
        self.raised: list[tuple[str, str]] = []

    def __call__(self, stage: str, entry: FeedEntry) -> None:
        for marker, failing in self.plan.items():
            if marker in entry.title and stage in failing.split("+"):
                self.raised.append((marker, stage))
                raise RuntimeError(f"injected failure at {stage}")


async def test_a_failure_at_each_stage_costs_only_that_article(store, server) -> None:
    items = [
        item(server, "calm-1", "Library opens in the old mill", "library"),
        item(server, "extract", "EXTRACT breaks: swimming pool opens", "swimming pool"),
        item(server, "summary", "SUMMARY breaks: bus station opens", "bus station", page_ok=False),
        item(server, "both", "BOTH break: bridge reopens", "bridge"),
        item(server, "store", "STORE breaks: clinic opens", "clinic"),
        item(server, "calm-2", "Market hall gets a new roof", "market hall"),
    ]
    first = store.feeds.add(server.add("/one.rss", rss("One", items)))
    other_items = [
        item(server, f"other-{n}", f"Harbour news {n}", f"ferry pier {n}") for n in (1, 2)
    ]
    other = store.feeds.add(server.add("/two.rss", rss("Two", other_items)))
    faults = Faults(
        {
            "EXTRACT": "extract",
            "SUMMARY": "summarize",
            "BOTH": "extract+summarize",
            "STORE": "store",
        }
    )
    options = IngestOptions(allow_private_urls=True, fetch_limits=LIMITS, stage_hook=faults)

    report = await run_ingest_tick(store, options, now=NOW)

    assert {marker for marker, _ in faults.raised} == {"EXTRACT", "SUMMARY", "BOTH", "STORE"}
    assert report.feeds_failed == 0
    assert (report.new_articles, report.articles_degraded, report.articles_skipped) == (7, 3, 1)
    assert report.summary_line().endswith(
        "3 articles kept with the feed's own text after an error, 1 article skipped after an error"
    )
    by_title = {a.title: a for a in store.articles.latest(limit=50)}
    assert "STORE breaks: clinic opens" not in by_title
    for title in ("Library opens in the old mill", "Market hall gets a new roof"):
        assert by_title[title].note is None
        assert by_title[title].summary
    extract = by_title["EXTRACT breaks: swimming pool opens"]
    assert extract.note == "extracting the page failed (RuntimeError: injected failure at extract)"
    assert extract.summary  # the feed's own content was summarized instead
    summary = by_title["SUMMARY breaks: bus station opens"]
    assert summary.note == "summarizing failed (RuntimeError: injected failure at summarize)"
    assert "bus station" in summary.text
    assert "<p>" not in summary.text
    assert summary.summary
    assert summary.summary[0].startswith("The county council opened")
    both = by_title["BOTH break: bridge reopens"]
    assert both.note is not None
    assert both.note.startswith("extracting the page failed")
    assert "summarizing failed" in both.note
    assert {a.feed_id for a in by_title.values()} == {first.id, other.id}
    assert sum(a.feed_id == other.id for a in by_title.values()) == 2
    assert (
        f"{server.url('/pages/store.html')}: skipped, "
        "store failed (RuntimeError: injected failure at store)"
    ) in report.article_errors
    (outcome_one, outcome_two) = report.feeds
    assert outcome_one.line().endswith(
        "checked, new 5, 3 articles kept with the feed's own text after an error, "
        "1 article skipped after an error"
    )
    assert outcome_two.line().endswith("checked, new 2")
    assert store.feeds.get(first.id).last_error is None


def _refuse_titles_with(store, marker: str) -> None:
    """A real database rule that refuses some inserts: a trigger (SQLite), a CHECK (PostgreSQL)."""
    with store.engine.begin() as conn:
        if store.dialect == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER refuse_marked BEFORE INSERT ON articles "
                    f"WHEN NEW.title LIKE '%{marker}%' "
                    "BEGIN SELECT RAISE(ABORT, 'marked title refused'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "ALTER TABLE articles ADD CONSTRAINT refuse_marked "
                    f"CHECK (title NOT LIKE '%{marker}%')"
                )
            )


POLISH = (
    "<p>Władze miasta ogłosiły w poniedziałek, że nowa linia tramwajowa zostanie otwarta w "
    "przyszłym roku. Budowa kosztowała ponad dwieście milionów złotych i trwała trzy lata.</p>"
    "<p>Mieszkańcy dzielnicy czekali na to połączenie od dawna. Radni podkreślają, że tramwaj "
    "skróci czas dojazdu do centrum o połowę.</p>"
)
GREEK = (
    "<p>Η δημοτική αρχή ανακοίνωσε σήμερα ότι η νέα βιβλιοθήκη θα ανοίξει τον Σεπτέμβριο. "
    "Το έργο κόστισε λιγότερο από όσο είχε προβλεφθεί και ολοκληρώθηκε νωρίτερα.</p>"
    "<p>Οι κάτοικοι ζητούσαν τη βιβλιοθήκη εδώ και χρόνια. Εθελοντές θα βοηθούν τους "
    "επισκέπτες τις πρώτες εβδομάδες.</p>"
)


async def test_real_failures_a_refusing_database_and_languages_without_a_stemmer(
    store, server
) -> None:
    _refuse_titles_with(store, "REFUSED")
    items = [
        item(server, "ok", "Library opens in the old mill", "library"),
        item(server, "refused", "REFUSED by the database: clinic opens", "clinic"),
        # Pages that cannot be fetched: the feed's own Polish and Greek text is all there is.
        "<item><title>Nowa linia tramwajowa w Krakowie</title>"
        f"<link>{server.url('/gone/pl.html')}</link><description>{escape(POLISH)}</description>"
        "</item>",
        "<item><title>Νέα βιβλιοθήκη στην Πάτρα</title>"
        f"<link>{server.url('/gone/el.html')}</link><description>{escape(GREEK)}</description>"
        "</item>",
    ]
    feed = store.feeds.add(server.add("/mixed.rss", rss("Mixed", items)))
    calm = store.feeds.add(
        server.add("/calm.rss", rss("Calm", [item(server, "c", "Calm", "park")]))
    )

    options = IngestOptions(allow_private_urls=True, fetch_limits=LIMITS)
    report = await run_ingest_tick(store, options, now=NOW)

    assert report.feeds_failed == 0
    assert report.articles_skipped == 1
    assert any("the database refused the article" in line for line in report.article_errors)
    titles = {a.title: a for a in store.articles.latest(limit=20)}
    assert set(titles) == {
        "Library opens in the old mill",
        "Nowa linia tramwajowa w Krakowie",
        "Νέα βιβλιοθήκη στην Πάτρα",
        "Calm",
    }
    for title, word in (
        ("Nowa linia tramwajowa w Krakowie", "tramwaj"),
        ("Νέα βιβλιοθήκη στην Πάτρα", "βιβλιοθήκη"),
    ):
        article = titles[title]
        assert word in article.text
        assert article.summary  # summarized, or the feed's lead when the summarizer raised
        if article.note is not None:
            assert article.note.startswith("summarizing failed (")
    assert store.feeds.get(feed.id).last_error is None
    assert store.feeds.get(calm.id).last_error is None
