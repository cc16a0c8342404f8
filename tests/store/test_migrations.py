from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, inspect, select

from bot.store import downgrade, head_revision, open_store, send_slots_table, upgrade

CORE_TABLES = {"regions", "feeds", "articles", "article_regions", "heartbeats"}


def _tables(url: str) -> set[str]:
    with open_store(url) as store:
        return set(inspect(store.engine).get_table_names())


def test_upgrade_creates_every_table_and_records_head(empty_store_url):
    assert not CORE_TABLES & _tables(empty_store_url)
    upgrade(empty_store_url)
    assert _tables(empty_store_url) >= CORE_TABLES
    with open_store(empty_store_url) as store:
        assert store.current_revision() == head_revision()
        assert store.is_up_to_date()


def test_upgrade_twice_is_harmless(empty_store_url):
    upgrade(empty_store_url)
    upgrade(empty_store_url)
    with open_store(empty_store_url) as store:
        assert store.current_revision() == head_revision()


def test_downgrade_to_base_removes_everything_and_upgrade_again_works(empty_store_url):
    upgrade(empty_store_url)
    downgrade(empty_store_url, "base")
    remaining = _tables(empty_store_url) - {"alembic_version"}
    assert not {t for t in remaining if not t.startswith("sqlite_")}
    with open_store(empty_store_url) as store:
        assert store.current_revision() is None
        assert not store.is_up_to_date()
    upgrade(empty_store_url)
    with open_store(empty_store_url) as store:
        assert store.search.search("anything").total == 0


def test_first_revision_alone_is_usable(empty_store_url):
    upgrade(empty_store_url, "0001")
    with open_store(empty_store_url) as store:
        assert store.current_revision() == "0001"
        feed = store.feeds.add("https://example.org/feed.xml")
        assert store.feeds.get(feed.id) == feed


def test_sqlite_pragmas_are_set(store):
    if store.dialect != "sqlite":
        return
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_send_slot_moves_from_heartbeats_to_its_own_table(empty_store_url):
    upgrade(empty_store_url, "0006_alerts_schedules")
    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with open_store(empty_store_url) as store:
        store.heartbeats.beat("outbox-send-slot", at)  # where earlier versions kept the slot
        store.heartbeats.beat("ingest", at)
        assert "send_slots" not in inspect(store.engine).get_table_names()
    upgrade(empty_store_url, "0007_send_slots")
    with open_store(empty_store_url) as store:
        assert "send_slots" in inspect(store.engine).get_table_names()
        assert store.heartbeats.get("outbox-send-slot") is None
        assert store.heartbeats.get("ingest") == at, "the real heartbeats stay"
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(send_slots_table)).scalar() == 0
    downgrade(empty_store_url, "0006_alerts_schedules")
    with open_store(empty_store_url) as store:
        assert "send_slots" not in inspect(store.engine).get_table_names()
