"""Revision 0007_region_names moves region names into their own table, and back, on both stores."""

from __future__ import annotations

from sqlalchemy import inspect

from bot.store import Region, downgrade, open_store, upgrade

BEFORE = "0006_alerts_schedules"


def test_names_move_to_region_names_and_back_without_touching_what_refers_to_regions(
    empty_store_url,
):
    upgrade(empty_store_url, BEFORE)
    with open_store(empty_store_url) as store:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO regions (id, name_en, name_zh, places) VALUES "
                "('shanxi', 'Shanxi', '山西', '[\"Taiyuan\"]'), ('london', 'London', '伦敦', '[]')"
            )
        feed = store.feeds.add("https://example.org/feed.xml", region_id="shanxi")
        store.chats.ensure(42, language="zh")
        assert store.chats.subscribe(42, 0, "shanxi")

    upgrade(empty_store_url)
    with open_store(empty_store_url) as store:
        columns = {column["name"] for column in inspect(store.engine).get_columns("regions")}
        assert columns == {"id", "places", "timezone"}
        assert store.regions.list() == [
            Region("london", {"en": "London", "zh": "伦敦"}),
            Region("shanxi", {"en": "Shanxi", "zh": "山西"}, ("Taiyuan",)),
        ]
        # Dropping the columns must not rebuild `regions`: that would fire ON DELETE actions.
        assert store.feeds.get(feed.id).region_id == "shanxi"
        assert [chat.chat_id for chat in store.chats.subscribers("shanxi")] == [42]
        store.regions.upsert(Region("london", {"en": "London", "fr": "Londres"}))
        store.regions.upsert(Region("datong", {"en": "Datong"}))
        assert store.regions.get("london").names == {"en": "London", "fr": "Londres"}
        assert store.regions.remove("datong")
        assert store.regions.get("datong") is None

    downgrade(empty_store_url, BEFORE)
    with open_store(empty_store_url) as store:
        assert "region_names" not in inspect(store.engine).get_table_names()
        with store.engine.begin() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, name_en, name_zh FROM regions ORDER BY id"
            ).all()
        # London lost its Chinese name above: the old columns show the English one.
        assert [tuple(row) for row in rows] == [
            ("london", "London", "London"),
            ("shanxi", "Shanxi", "山西"),
        ]
        assert store.feeds.get(feed.id).region_id == "shanxi"
    upgrade(empty_store_url)
