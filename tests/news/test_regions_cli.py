"""`newsbot regions ...`, the first load of config/regions.toml, and unknown-region messages."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.store import open_store


@pytest.fixture
def fresh_env(monkeypatch, tmp_path, empty_store_url):
    """A database nothing has touched yet: no tables, no regions."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir(exist_ok=True)
    monkeypatch.setenv("DATABASE_URL", empty_store_url)
    monkeypatch.setenv("NEWSBOT_ALLOW_PRIVATE_URLS", "1")
    return empty_store_url


def test_feeds_add_with_a_catalogue_region_works_on_a_fresh_database(
    fresh_env, feed_server, capsys
):
    url = feed_server.site["good"][0]
    assert main(["feeds", "add", url, "--region", "taiyuan"]) == 0
    assert ", region taiyuan;" in capsys.readouterr().out
    with open_store(fresh_env) as store:
        assert store.feeds.get_by_url(url).region_id == "taiyuan"
        taiyuan = store.regions.get("taiyuan")
    assert taiyuan is not None
    assert (taiyuan.names["zh"], taiyuan.timezone) == ("太原", "Asia/Shanghai")
    assert "太原" in taiyuan.places


def test_upgrade_loads_the_catalogue_once_and_keeps_admins_changes(fresh_env, capsys):
    assert main(["db", "upgrade"]) == 0
    assert "loaded 7 regions from " in capsys.readouterr().out
    assert main(["regions", "edit", "taiyuan", "--name-en", "Taiyuan City"]) == 0
    assert main(["regions", "remove", "london"]) == 0
    assert main(["db", "upgrade"]) == 0
    assert "loaded" not in capsys.readouterr().out
    with open_store(fresh_env) as store:
        assert store.regions.get("taiyuan").names["en"] == "Taiyuan City"
        assert store.regions.get("london") is None
        for region in store.regions.list():
            store.regions.remove(region.id)
    assert main(["feeds", "add", "http://127.0.0.1:9/feed.xml", "--region", "mars"]) == 2
    err = capsys.readouterr().err
    # An emptied catalogue is loaded again by the next command: admins cannot lock themselves out.
    assert "known: beijing, guangdong, hongkong, london, shanghai, shanxi, taiyuan" in err
    assert "add it with `newsbot regions add ID --name-en NAME --name-zh NAME`" in err


def test_regions_add_list_edit_and_their_checks(fresh_env, capsys):
    assert (
        main(
            [
                "regions",
                "add",
                "datong",
                "--name-en",
                "Datong",
                "--name-zh",
                "大同",
                "--places",
                "Datong, 大同，Yungang",
                "--timezone",
                "Asia/Shanghai",
            ]
        )
        == 0
    )
    assert "added region datong" in capsys.readouterr().out
    assert main(["regions", "list"]) == 0
    listing = capsys.readouterr().out
    assert "datong       Datong / 大同 · Asia/Shanghai" in listing
    assert "Datong, 大同, Yungang" in listing
    refusals = {
        ("add", "datong", "--name-en", "D", "--name-zh", "大"): "exists already",
        ("add", "Da Tong", "--name-en", "D", "--name-zh", "大"): "id must be",
        ("add", "pingyao", "--name-en", " ", "--name-zh", "平遥"): "name_en is required",
        ("add", "pingyao", "--name-en", "P", "--name-zh", "平遥", "--timezone", "Mars/Base"): (
            "'Mars/Base' is not an IANA time zone"
        ),
        ("edit", "datong"): "nothing to change",
        ("edit", "nowhere", "--timezone", "UTC"): "unknown region 'nowhere' (known: ",
        ("remove", "nowhere"): "unknown region 'nowhere'",
    }
    for argv, message in refusals.items():
        assert main(["regions", *argv]) == 2, argv
        assert message in capsys.readouterr().err, argv
    assert main(["regions", "edit", "datong", "--places", "Datong", "--timezone", "UTC"]) == 0
    with open_store(fresh_env) as store:
        datong = store.regions.get("datong")
    assert (datong.places, datong.timezone, datong.names["zh"]) == (("Datong",), "UTC", "大同")


def test_removing_a_followed_region_asks_first_then_tells_each_chat(fresh_env, capsys):
    assert main(["regions", "list"]) == 0  # loads the catalogue
    with open_store(fresh_env) as store:
        for chat_id, language in ((101, "en"), (102, "zh")):
            store.chats.ensure(chat_id, language=language)
            store.chats.subscribe(chat_id, 0, "shanxi")
        store.chats.ensure(103)
        store.chats.subscribe(103, 0, "taiyuan")
    capsys.readouterr()
    assert main(["regions", "remove", "shanxi"]) == 2
    assert "2 chats follow 'shanxi'; run again with --yes" in capsys.readouterr().err
    with open_store(fresh_env) as store:
        assert store.regions.get("shanxi") is not None

    assert main(["regions", "remove", "shanxi", "--yes"]) == 0
    assert "removed region shanxi (Shanxi); 2 subscribers will be told" in capsys.readouterr().out
    with open_store(fresh_env) as store:
        assert store.regions.get("shanxi") is None
        assert store.chats.get(101).regions == ()
        assert store.chats.get(103).regions == ("taiyuan",)
        (english,) = store.outbox.for_chat(101)
        (chinese,) = store.outbox.for_chat(102)
        assert store.outbox.for_chat(103) == []
    assert "The region <b>Shanxi</b> was removed" in english.text
    assert "管理员已删除地区 <b>山西</b>" in chinese.text
    assert english.status == chinese.status == "pending"  # the running bot's sender sends them


def test_run_loads_the_catalogue_once_too(fresh_env):
    from bot.cli.run import prepare_store  # what `newsbot run` opens its store with
    from bot.settings import load_settings

    settings = load_settings()
    with prepare_store(settings) as store:
        assert len(store.regions.list()) == 7
        store.regions.remove("london")
    with prepare_store(settings) as store:  # a restart keeps what the admins changed
        assert store.regions.get("london") is None
        assert len(store.regions.list()) == 6
