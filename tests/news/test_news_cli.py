"""`newsbot feeds ...` and `newsbot ingest --once` end to end, in-process, on both stores."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.news.regions import load_regions
from bot.store import open_store
from tests.news.test_news_regions import CATALOGUE


@pytest.fixture
def cli_env(monkeypatch, tmp_path, store_url):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    with open_store(store_url) as store:
        for entry in load_regions(CATALOGUE):  # regions only: the catalogue's feeds stay offline
            store.regions.upsert(entry.region)
    return store_url


def test_add_then_ingest_stores_each_article_once_and_search_finds_them(
    cli_env, feed_server, capsys
):
    good = feed_server.site["good"]
    assert main(["feeds", "add", good[0], "--region", "taiyuan"]) == 0
    assert main(["feeds", "add", good[1]]) == 0
    assert main(["feeds", "add", good[2], "--region", "shanxi"]) == 0
    assert "added feed #" in capsys.readouterr().out
    with open_store(cli_env) as store:
        for bad in feed_server.site["bad"]:  # broken after being added
            store.feeds.add(bad)

    assert main(["ingest", "--once"]) == 0
    out = capsys.readouterr().out
    assert "5 feeds checked, 0 not modified, 2 failed, 11 new articles" in out
    assert "not a feed (the address returned an HTML page)" in out
    assert "HTTP 404 — not found" in out

    with open_store(cli_env) as store:
        articles = store.articles.latest(limit=50)
        assert len(articles) == 11 == len({a.url for a in articles})
        assert all(a.sections and a.summary for a in articles), [
            a.title for a in articles if not a.sections
        ]
        by_title = {a.title: a for a in articles}
        assert by_title["九龙旧街市活化工程完成"].text.startswith("位於九龍的舊街市")  # Big5
        assert "运城盐湖" in by_title["运城盐湖七彩盐池迎来观赏季"].text
        assert (
            "Hammersmith"
            in by_title["London closes Hammersmith Bridge to cars for a further year"].text
        )  # its page is a 404: the feed's own content was used
        assert by_title["哈尔滨冰雪大世界提前开园"].sections  # page 500: feed content
        metro = by_title["Taiyuan opens its second metro line to passengers"]
        assert metro.url == feed_server.url("/articles/taiyuan-metro-line-2.html")
        assert {"taiyuan", "shanxi"} <= set(metro.regions)
        for feed in store.feeds.list():
            store.feeds.check_at(feed.id, None)  # all due again

    assert main(["ingest", "--once"]) == 0
    assert "3 not modified, 2 failed, 0 new articles" in capsys.readouterr().out
    for path in ("/feeds/en.rss", "/feeds/zh.atom", "/feeds/odd.rdf"):
        assert feed_server.conditional_requests[path] == 1
        assert feed_server.not_modified[path] == 1

    with open_store(cli_env) as store:
        assert store.articles.count() == 11
        english = store.search.search("metro line")
        assert english.hits
        assert english.hits[0].article.title.startswith("Taiyuan opens")
        chinese = store.search.search("洋山港")
        assert chinese.hits
        assert "洋山港" in chinese.hits[0].article.title
        assert store.search.search("九龍").total >= 1


def test_discovery_list_remove_export_import_sync(cli_env, feed_server, capsys, tmp_path):
    assert main(["feeds", "add", feed_server.url("/page-with-feed.html")]) == 0
    out = capsys.readouterr().out
    assert f"<{feed_server.url('/feeds/en.rss')}> (found on " in out
    assert main(["feeds", "add", feed_server.url("/feeds/zh.atom"), "--region", "nowhere"]) == 2
    assert "unknown region 'nowhere'" in capsys.readouterr().err
    assert main(["feeds", "add", "ftp://x.example/feed"]) == 2
    assert "only http and https" in capsys.readouterr().err

    regions = tmp_path / "regions.toml"
    regions.write_text(
        '[[region]]\nid = "taiyuan"\nname_en = "Taiyuan"\nname_zh = "太原"\nplaces = ["太原"]\n'
        f'feeds = ["{feed_server.url("/feeds/zh.atom")}"]\n',
        encoding="utf-8",
    )
    assert main(["feeds", "sync", "--file", str(regions)]) == 0
    assert "loaded 1 regions" in capsys.readouterr().out

    assert main(["feeds", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Regional Wire (English)" in listing
    assert "not checked yet" in listing
    assert "taiyuan" in listing

    exported = tmp_path / "feeds.opml"
    assert main(["feeds", "export", str(exported)]) == 0
    assert "wrote 2 feeds" in capsys.readouterr().out
    assert main(["feeds", "remove", "1"]) == 0
    assert main(["feeds", "remove", feed_server.url("/feeds/zh.atom")]) == 0
    assert main(["feeds", "remove", "999"]) == 2
    capsys.readouterr()
    assert main(["feeds", "import", str(exported)]) == 0
    assert "2 added, 0 already present, 0 rejected" in capsys.readouterr().out
    with open_store(cli_env) as store:
        regions_by_url = {f.url: f.region_id for f in store.feeds.list()}
    assert regions_by_url[feed_server.url("/feeds/zh.atom")] == "taiyuan"
    assert main(["feeds", "import", str(tmp_path / "missing.opml")]) == 2
