"""`newsbot ingest --once [--all | --feed ID|URL] [-v]` on both stores, over the local server."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.store import open_store


@pytest.fixture
def cli_env(monkeypatch, tmp_path, store_url):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    return store_url


def test_all_checks_every_feed_now_with_conditional_requests(cli_env, feed_server, capsys):
    good = feed_server.site["good"]
    for url in good:
        assert main(["feeds", "add", url]) == 0
    capsys.readouterr()
    assert main(["ingest", "--once", "-v"]) == 0
    out = capsys.readouterr().out
    assert "3 feeds checked, 0 not modified, 0 failed" in out
    for url in good:
        assert f"{url}: checked, new " in out
    with open_store(cli_env) as store:
        stored = store.articles.count()
    assert stored > 0

    assert main(["ingest", "--once"]) == 0  # nothing is due yet
    assert "0 feeds checked" in capsys.readouterr().out

    before = dict(feed_server.conditional_requests)
    assert main(["ingest", "--once", "--all", "-v"]) == 0
    out = capsys.readouterr().out
    assert "3 feeds checked, 3 not modified, 0 failed, 0 new articles" in out
    for url in good:
        path = url.removeprefix(feed_server.base_url)
        assert feed_server.conditional_requests[path] == before.get(path, 0) + 1, path
        assert f"{url}: checked, not modified" in out
    with open_store(cli_env) as store:
        assert store.articles.count() == stored


def test_a_database_without_feeds_says_how_to_add_one(cli_env, capsys):
    assert main(["ingest", "--once"]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first == "ingest: no feeds yet: `newsbot feeds add URL` or `newsbot feeds sync`"
    assert second.startswith("ingest: 0 feeds checked")


def test_one_feed_by_id_or_url_and_unknown_feeds(cli_env, feed_server, capsys):
    good = feed_server.site["good"]
    for url in good[:2]:
        assert main(["feeds", "add", url]) == 0
    broken = feed_server.url("/status/500")
    assert main(["feeds", "add", good[2]]) == 0
    with open_store(cli_env) as store:
        failing = store.feeds.add(broken)
    capsys.readouterr()

    assert main(["ingest", "--feed", "1", "-v"]) == 0  # --feed implies one run
    out = capsys.readouterr().out
    assert "1 feeds checked" in out
    assert f"#1 {good[0]}: checked, new " in out
    assert good[1] not in out

    assert main(["ingest", "--once", "--feed", broken, "-v"]) == 0
    out = capsys.readouterr().out
    assert f"#{failing.id} {broken}: failed — HTTP 500 — server error" in out

    assert main(["ingest", "--once", "--feed", "999"]) == 2
    assert "no feed '999'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["ingest", "--once", "--all", "--feed", "1"])  # one selection at a time
