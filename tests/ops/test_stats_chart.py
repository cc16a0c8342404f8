import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageChops, ImageDraw

from bot.ops.stats_chart import (
    BACKGROUND,
    FAILURE_COLOR,
    INK,
    PALETTE,
    ChartWords,
    DrawnText,
    StatsSeries,
    chart_font,
    draw_stats,
    render_stats_png,
)
from bot.ops.stats_data import collect_stats
from bot.store import NewArticle, Region, open_store

ENGLISH = ChartWords(title="Articles per day by region, last 14 days", failures="Feed failures")
CHINESE = ChartWords(title="各地区每日文章数（最近 14 天）", failures="每日订阅源抓取失败次数")


def decode_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    image.load()
    return image


def colours(image: Image.Image) -> set[tuple[int, int, int]]:
    found = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert found is not None
    return {colour for _count, colour in found}


def dark_pixels(image: Image.Image) -> int:
    return sum(image.convert("L").histogram()[:128])


def rendered_alone(drawn: DrawnText, size: tuple[int, int]) -> Image.Image:
    """The same text by the same font at the same place, on an otherwise empty picture."""
    image = Image.new("RGB", size, BACKGROUND)
    ImageDraw.Draw(image).text(
        (drawn.x, drawn.y), drawn.text, font=chart_font(drawn.size), fill=INK
    )
    return image


def ink_box(drawn: DrawnText) -> tuple[int, int, int, int]:
    left, top, right, bottom = chart_font(drawn.size).getbbox(drawn.text)
    return (drawn.x + int(left), drawn.y + int(top), drawn.x + int(right), drawn.y + int(bottom))


DAYS = tuple(date(2025, 5, 19) + timedelta(days=i) for i in range(14))


def test_chart_is_a_valid_png_of_the_expected_size_with_every_series() -> None:
    series = StatsSeries(
        days=DAYS,
        articles=(("taiyuan", tuple(range(14))), ("datong", (3,) * 14)),
        failures=(0,) * 13 + (4,),
    )
    image = decode_png(render_stats_png(series, ENGLISH))
    assert image.size == (800, 480)
    seen = colours(image)
    assert {PALETTE[0], PALETTE[1], FAILURE_COLOR} <= seen
    assert PALETTE[2] not in seen


def test_other_sizes_and_empty_data_still_render() -> None:
    series = StatsSeries(days=DAYS[:3], articles=(), failures=(0, 0, 0))
    image = decode_png(render_stats_png(series, ENGLISH, width=320, height=200))
    assert image.size == (320, 200)
    assert FAILURE_COLOR not in colours(image)


def test_series_must_line_up() -> None:
    with pytest.raises(ValueError, match="one count per day"):
        StatsSeries(days=DAYS, articles=(("a", (1,)),), failures=(0,) * 14)
    with pytest.raises(ValueError, match="at least one day"):
        StatsSeries(days=(), articles=(), failures=())


def test_a_chinese_chart_draws_chinese_region_names_and_title() -> None:
    series = StatsSeries(
        days=DAYS,
        articles=(("太原", tuple(range(14))), ("上海", (3,) * 14)),
        failures=(0,) * 12 + (1, 2),
    )
    image, texts = draw_stats(series, CHINESE)
    # What was sent is what was drawn.
    assert decode_png(render_stats_png(series, CHINESE)).tobytes() == image.tobytes()
    by_text = {drawn.text: drawn for drawn in texts}
    crops = {}
    for word in (CHINESE.title, CHINESE.failures, "太原", "上海"):
        drawn = by_text[word]
        box = ink_box(drawn)
        crop = image.crop(box)
        alone = rendered_alone(drawn, image.size).crop(box)
        assert ImageChops.difference(crop, alone).getbbox() is None, word
        assert dark_pixels(crop) > 20, f"{word}: no ink where the text should be"
        crops[word] = crop
    # Real glyphs: the two names differ from each other, from question marks and from the
    # font's "missing glyph" boxes drawn in their place.
    assert crops["太原"].tobytes() != crops["上海"].tobytes()
    for name in ("太原", "上海"):
        drawn = by_text[name]
        for stand_in in ("??", "\U000f0000\U000f0001"):
            other = DrawnText(stand_in, drawn.x, drawn.y, drawn.size)
            fake = rendered_alone(other, image.size).crop(ink_box(drawn))
            assert ImageChops.difference(crops[name], fake).getbbox() is not None, stand_in


def test_labels_follow_the_chat_language() -> None:
    series = StatsSeries(days=DAYS, articles=(("taiyuan", (1,) * 14),), failures=(0,) * 14)
    named = series.relabeled({"taiyuan": "太原", "shanghai": "上海"})
    assert named.articles == (("太原", (1,) * 14),)
    _image, english = draw_stats(series.relabeled({"taiyuan": "Taiyuan"}), ENGLISH)
    assert {ENGLISH.title, ENGLISH.failures, "Taiyuan", "05-19"} <= {d.text for d in english}
    _image, chinese = draw_stats(named, CHINESE)
    assert {CHINESE.title, CHINESE.failures, "太原"} <= {d.text for d in chinese}


def test_collect_stats_counts_by_local_day_and_region(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'stats.db'}")
    store.upgrade()
    for region in ("taiyuan", "datong"):
        store.regions.upsert(Region(region, {"en": region.title(), "zh": region}, ()))
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
        store,
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
