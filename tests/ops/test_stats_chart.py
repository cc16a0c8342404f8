import struct
import zlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.ops.png_canvas import PNG_SIGNATURE, Canvas
from bot.ops.stats_chart import FAILURE_COLOR, PALETTE, StatsSeries, render_stats_png
from bot.ops.stats_data import collect_stats
from bot.store import NewArticle, Region, open_store


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Parse chunks (checking each CRC) and return width, height and RGB scanlines."""
    assert data.startswith(PNG_SIGNATURE)
    pos, idat, header = len(PNG_SIGNATURE), b"", b""
    kinds = []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        kinds.append(kind)
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    assert kinds[0] == b"IHDR"
    assert kinds[-1] == b"IEND"
    width, height, depth, color_type = struct.unpack(">IIBB", header[:10])
    assert (depth, color_type) == (8, 2)
    raw = zlib.decompress(idat)
    stride = width * 3 + 1
    assert len(raw) == stride * height
    rows = [raw[y * stride + 1 : (y + 1) * stride] for y in range(height)]
    assert all(raw[y * stride] == 0 for y in range(height))
    return width, height, rows


def colours(rows: list[bytes]) -> set[tuple[int, int, int]]:
    found = set()
    for row in rows:
        for x in range(0, len(row), 3):
            found.add((row[x], row[x + 1], row[x + 2]))
    return found


DAYS = tuple(date(2025, 5, 19) + timedelta(days=i) for i in range(14))


def test_chart_is_a_valid_png_of_the_expected_size_with_every_series() -> None:
    series = StatsSeries(
        days=DAYS,
        articles=(("taiyuan", tuple(range(14))), ("datong", (3,) * 14)),
        failures=(0,) * 13 + (4,),
    )
    width, height, rows = decode_png(render_stats_png(series))
    assert (width, height) == (800, 480)
    seen = colours(rows)
    assert {PALETTE[0], PALETTE[1], FAILURE_COLOR} <= seen
    assert PALETTE[2] not in seen


def test_other_sizes_and_empty_data_still_render() -> None:
    series = StatsSeries(days=DAYS[:3], articles=(), failures=(0, 0, 0))
    width, height, rows = decode_png(render_stats_png(series, width=320, height=200))
    assert (width, height) == (320, 200)
    assert FAILURE_COLOR not in colours(rows)


def test_series_must_line_up() -> None:
    with pytest.raises(ValueError, match="one count per day"):
        StatsSeries(days=DAYS, articles=(("a", (1,)),), failures=(0,) * 14)
    with pytest.raises(ValueError, match="at least one day"):
        StatsSeries(days=(), articles=(), failures=())


def test_canvas_clips_and_draws_text() -> None:
    canvas = Canvas(10, 10)
    canvas.fill_rect(-5, -5, 8, 8, (1, 2, 3))
    assert canvas.pixel(2, 2) == (1, 2, 3)
    assert canvas.pixel(3, 3) == (255, 255, 255)
    canvas.draw_text(0, 0, "1", (9, 9, 9))
    assert canvas.pixel(2, 0) == (9, 9, 9)  # the top of the digit one


def test_collect_stats_counts_by_local_day_and_region(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'stats.db'}")
    store.upgrade()
    for region in ("taiyuan", "datong"):
        store.regions.upsert(Region(region, region.title(), region, ()))
    now = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
    stamps = {
        1: ("taiyuan", now - timedelta(hours=1)),
        2: ("taiyuan", now - timedelta(hours=13)),  # 23:00 UTC yesterday is 07:00 today in Shanghai
        3: ("datong", now - timedelta(days=1)),
        4: ("", now - timedelta(days=20)),  # outside the window
        5: ("", now - timedelta(days=2)),
    }
    for n, (region, seen) in stamps.items():
        article = NewArticle(
            url=f"https://x.example/{n}", title=f"t{n}", regions=(region,) if region else ()
        )
        store.articles.add_many([article], now=seen)
    series = collect_stats(
        store.engine,
        now=now,
        tz=ZoneInfo("Asia/Shanghai"),
        failures_by_day={date(2025, 6, 1): 2},
    )
    store.close()
    assert series.days[-1] == date(2025, 6, 1)
    assert len(series.days) == 14
    by_region = dict(series.articles)
    assert by_region["taiyuan"][-1] == 2
    assert by_region["datong"][-2] == 1
    assert by_region["other"][-3] == 1
    assert sum(by_region["other"]) == 1
    assert next(name for name, _ in series.articles) == "taiyuan"
    assert series.failures[-1] == 2
    assert sum(series.failures) == 2
