from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.store import Region


def test_region_upsert_get_list(store):
    assert store.regions.list() == []
    region = Region("shanxi", {"en": "Shanxi", "zh": "山西"}, ("Taiyuan", "太原"))
    store.regions.upsert(region)
    assert store.regions.get("shanxi") == region
    renamed = Region("shanxi", {"en": "Shanxi Province", "zh": "山西省"}, ("Datong",))
    store.regions.upsert(renamed)
    store.regions.upsert(Region("beijing", {"en": "Beijing", "zh": "北京"}))
    assert store.regions.list() == [Region("beijing", {"en": "Beijing", "zh": "北京"}), renamed]
    assert store.regions.get("nowhere") is None


def test_region_remove(store):
    store.regions.upsert(Region("x", {"en": "X", "zh": "X"}))
    assert store.regions.remove("x") is True
    assert store.regions.remove("x") is False


def test_heartbeat_roundtrip_in_utc(store):
    assert store.heartbeats.get("ingest") is None
    shanghai = timezone(timedelta(hours=8))
    store.heartbeats.beat("ingest", datetime(2024, 11, 29, 20, 0, tzinfo=shanghai))
    got = store.heartbeats.get("ingest")
    assert got == datetime(2024, 11, 29, 12, 0, tzinfo=UTC)
    assert got is not None
    assert got.utcoffset() == timedelta(0)
    store.heartbeats.beat("ingest", datetime(2024, 11, 29, 13, 0, tzinfo=UTC))
    assert store.heartbeats.get("ingest") == datetime(2024, 11, 29, 13, 0, tzinfo=UTC)
    assert store.heartbeats.get("outbox") is None
