"""Pure pieces: callback data, time zones by city, summary targets."""

from __future__ import annotations

import pytest

from bot.chat import callbacks
from bot.chat.arguments import ArticleTarget, LinkTarget, RegionTarget, summary_target
from bot.chat.timezones import resolve_zone
from bot.store import Region

TAIYUAN = Region("taiyuan", {"en": "Taiyuan", "zh": "太原"})


@pytest.mark.parametrize(
    "action",
    [
        callbacks.Subscribe("taiyuan"),
        callbacks.Unsubscribe("hong-kong"),
        callbacks.SettingsAction("len"),
        callbacks.SearchPage("0a1b2c3d", 12),
        callbacks.SummaryOf(987654321),
    ],
)
def test_callbacks_round_trip_within_64_bytes(action: callbacks.Callback) -> None:
    data = callbacks.encode(action)
    assert len(data.encode()) <= 64
    assert callbacks.decode(data) == action


@pytest.mark.parametrize(
    "data", [None, "", "sub:", "sub:Taiyuan", "set:drop", "sp:xyz:1", "sum:-1", "x" * 65]
)
def test_foreign_callback_data_is_rejected(data: str | None) -> None:
    assert callbacks.decode(data) is None


@pytest.mark.parametrize(
    ("text", "zone"),
    [("Taiyuan", "Asia/Shanghai"), ("太原", "Asia/Shanghai"), ("new york", "America/New_York"),
     ("Europe/London", "Europe/London"), ("Atlantis", None), ("", None)],
)  # fmt: skip
def test_time_zone_from_city_or_name(text: str, zone: str | None) -> None:
    assert resolve_zone(text) == zone


def test_summary_targets() -> None:
    assert summary_target("see https://a.example/x).", [TAIYUAN]) == LinkTarget(
        "https://a.example/x"
    )
    assert summary_target("#42", [TAIYUAN]) == ArticleTarget(42)
    assert summary_target("太原", [TAIYUAN]) == RegionTarget(TAIYUAN)
    assert summary_target("nowhere", [TAIYUAN]) is None
