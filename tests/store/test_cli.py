from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

import pytest

from bot.cli import db as db_cli
from bot.cli import search as search_cli
from bot.settings import load_settings
from bot.store import NewArticle, Region, head_revision, open_store


def _run(module, argv, url):
    parser = argparse.ArgumentParser(prog="newsbot")
    module.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    settings = load_settings(environ={"DATABASE_URL": url}, env_file=None)
    return args.handler(args, settings)


def _seed(url):
    with open_store(url) as store:
        store.regions.upsert(Region("shanxi", {"en": "Shanxi", "zh": "山西"}))
        store.articles.add(
            NewArticle(
                url="https://a.example/taiyuan-training",
                title="太原市举办干部培训班",
                source="Shanxi Daily",
                published_at=datetime(2024, 11, 28, 8, 30, tzinfo=UTC),
                summary=("太原市委组织部举办了干部培训班。", "学员来自各区县。"),
                regions=("shanxi",),
            )
        )


def test_db_upgrade_then_current(empty_store_url, capsys):
    assert _run(db_cli, ["db", "current"], empty_store_url) == 0
    assert "empty" in capsys.readouterr().out
    assert _run(db_cli, ["db", "upgrade"], empty_store_url) == 0
    assert f"to {head_revision()}" in capsys.readouterr().out
    assert _run(db_cli, ["db", "upgrade"], empty_store_url) == 0
    assert "already" in capsys.readouterr().out
    assert _run(db_cli, ["db", "current"], empty_store_url) == 0
    assert capsys.readouterr().out.strip() == f"{head_revision()} (head)"


def test_db_reports_unreachable_database(capsys):
    url = "postgresql://nobody@127.0.0.1:1/none"
    assert _run(db_cli, ["db", "current"], url) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsbot db current: cannot open the database")
    assert "Traceback" not in err


def test_db_backup_copies_sqlite_and_explains_refusals(store_url, tmp_path, capsys):
    _seed(store_url)
    copy = tmp_path / "copy.db"
    status = _run(db_cli, ["db", "backup", str(copy)], store_url)
    if store_url.startswith("sqlite"):
        assert status == 0
        assert capsys.readouterr().out.startswith(f"backed up to {copy}")
        with open_store(f"sqlite:///{copy}") as restored:
            assert restored.articles.count() == 1
        assert _run(db_cli, ["db", "backup", str(copy)], store_url) == 2
        assert "already exists" in capsys.readouterr().err
    else:
        assert status == 2
        assert "pg_dump" in capsys.readouterr().err
        assert not copy.exists()


def test_search_json(store_url, capsys):
    _seed(store_url)
    assert _run(search_cli, ["search", "干部培训", "--json"], store_url) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits == [
        {
            "title": "太原市举办干部培训班",
            "url": "https://a.example/taiyuan-training",
            "source": "Shanxi Daily",
            "published": "2024-11-28T08:30:00+00:00",
            "regions": ["shanxi"],
            "summary": ["太原市委组织部举办了干部培训班。", "学员来自各区县。"],
        }
    ]


def test_search_text_with_filters(store_url, capsys):
    _seed(store_url)
    argv = ["search", "太原", "--region", "shanxi", "--since", "2024-11-01", "--limit", "3"]
    assert _run(search_cli, argv, store_url) == 0
    out = capsys.readouterr().out
    assert "1. 太原市举办干部培训班" in out
    assert "Shanxi Daily · 2024-11-28 08:30 UTC · shanxi" in out
    assert "1 of 1 matching articles" in out
    assert _run(search_cli, ["search", "太原", "--since", "2024-11-29"], store_url) == 0
    assert "no articles match" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "x", "--since", "yesterday"], "--since must be a date"),
        (["search", "x", "--limit", "many"], "--limit must be a whole number"),
        (["search", "x", "--limit", "0"], "--limit must be between"),
        (["search", "x", "--region", "atlantis"], "unknown region 'atlantis'"),
    ],
)
def test_search_bad_arguments_exit_2(store_url, capsys, argv, message):
    assert _run(search_cli, argv, store_url) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_search_on_unmigrated_database_says_what_to_do(empty_store_url, capsys):
    assert _run(search_cli, ["search", "x"], empty_store_url) == 1
    assert "newsbot db upgrade" in capsys.readouterr().err
