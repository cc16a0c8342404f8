"""The /stats picture: articles per day stacked by region, and feed failures per day, as PNG.

Drawn with Pillow in Noto Sans CJK (shipped by the noto-cjk-sans-otc package, SIL OFL 1.1), so
Chinese region names and titles render as themselves; the caller passes every word already in
the chat's language.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib.resources import as_file, files

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 800, 480
Color = tuple[int, int, int]
PALETTE: tuple[Color, ...] = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189), (140, 86, 75),
    (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207), (174, 199, 232),
)  # fmt: skip
FAILURE_COLOR: Color = (214, 39, 40)
BACKGROUND: Color = (255, 255, 255)
INK: Color = (40, 40, 40)
GRID: Color = (225, 225, 225)
LEFT, RIGHT = 56, 16
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 20, 14, 12
LEGEND_CHARS = 20

FONT_PACKAGE, FONT_FILE = "noto_cjk_sans_otc", "NotoSansCJK-Regular.ttc"
# The collection holds JP, KR, SC, TC and HK faces; SC draws Chinese place names as readers in
# mainland China expect them, and its Latin letters and digits serve the English chart.
FONT_FACE_SC = 2


@dataclass(frozen=True)
class StatsSeries:
    """Counts per day: `articles` holds (region label, one count per day) pairs."""

    days: tuple[date, ...]
    articles: tuple[tuple[str, tuple[int, ...]], ...]
    failures: tuple[int, ...]

    def __post_init__(self) -> None:
        n = len(self.days)
        if n == 0:
            raise ValueError("a chart needs at least one day")
        if len(self.failures) != n or any(len(c) != n for _, c in self.articles):
            raise ValueError("every series needs one count per day")

    def relabeled(self, names: Mapping[str, str]) -> StatsSeries:
        """The same counts with labels replaced by `names` (for example region id -> name)."""
        articles = tuple((names.get(label, label), counts) for label, counts in self.articles)
        return StatsSeries(self.days, articles, self.failures)


@dataclass(frozen=True)
class ChartWords:
    """The chart's words in the chat's language (plain text, not HTML)."""

    title: str
    failures: str


@dataclass(frozen=True)
class DrawnText:
    """One piece of text on the chart: what, where (its left-top anchor) and at which size."""

    text: str
    x: int
    y: int
    size: int


@functools.cache
def chart_font(size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK SC at `size` pixels (loaded once per size)."""
    with as_file(files(FONT_PACKAGE).joinpath(FONT_FILE)) as path:
        return ImageFont.truetype(str(path), size, index=FONT_FACE_SC)


@dataclass(frozen=True)
class _Panel:
    top: int
    height: int


class _Chart:
    """A white picture that remembers every text it draws."""

    def __init__(self, width: int, height: int) -> None:
        self.image = Image.new("RGB", (width, height), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)
        self.texts: list[DrawnText] = []

    @property
    def width(self) -> int:
        return self.image.width

    def text(self, x: int, y: int, text: str, size: int) -> None:
        self.draw.text((x, y), text, font=chart_font(size), fill=INK)
        self.texts.append(DrawnText(text, x, y, size))

    def rect(self, x: int, y: int, width: int, height: int, color: Color) -> None:
        if width > 0 and height > 0:
            self.draw.rectangle((x, y, x + width - 1, y + height - 1), fill=color)


def _text_width(text: str, size: int) -> int:
    return round(chart_font(size).getlength(text))


def _line_height(size: int) -> int:
    ascent, descent = chart_font(size).getmetrics()
    return int(ascent + descent)


def draw_stats(
    series: StatsSeries, words: ChartWords, width: int = WIDTH, height: int = HEIGHT
) -> tuple[Image.Image, list[DrawnText]]:
    """Draw both panels, the legend and the day labels; returns the picture and its texts."""
    chart = _Chart(width, height)
    # A long title on a small picture steps down in size rather than running off the edge.
    title_size = next(
        (
            s
            for s in range(TITLE_SIZE, SMALL_SIZE, -2)
            if _text_width(words.title, s) <= width - LEFT
        ),
        SMALL_SIZE,
    )
    chart.text(LEFT, 8, words.title, title_size)
    legend_bottom = _legend(chart, series, top=12 + _line_height(title_size))
    day_labels = _line_height(SMALL_SIZE) + 8
    failures_title = _line_height(SMALL_SIZE) + 4
    usable = height - legend_bottom - day_labels - failures_title - 16
    top_panel = _Panel(legend_bottom + 8, max(usable * 2 // 3, 1))
    bottom_top = top_panel.top + top_panel.height + 8 + failures_title
    bottom_panel = _Panel(bottom_top, max(usable - top_panel.height, 1))
    totals = [sum(c[i] for _, c in series.articles) for i in range(len(series.days))]
    peak = max(totals, default=0)
    _axes(chart, top_panel, peak)
    _stacked_bars(chart, series, top_panel, peak)
    chart.text(LEFT + 4, bottom_top - failures_title, words.failures, SMALL_SIZE)
    _axes(chart, bottom_panel, max(series.failures))
    _plain_bars(chart, series.failures, bottom_panel, FAILURE_COLOR)
    _day_labels(chart, series.days, bottom_panel.top + bottom_panel.height + 4)
    return chart.image, chart.texts


def render_stats_png(
    series: StatsSeries, words: ChartWords, width: int = WIDTH, height: int = HEIGHT
) -> bytes:
    """The chart as PNG bytes, ready for sendPhoto."""
    image, _texts = draw_stats(series, words, width, height)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _legend(chart: _Chart, series: StatsSeries, top: int) -> int:
    x, y = LEFT, top
    line = _line_height(LABEL_SIZE)
    for index, (label, _) in enumerate(series.articles):
        item = label[:LEGEND_CHARS]
        span = 14 + _text_width(item, LABEL_SIZE) + 16
        if x + span > chart.width - RIGHT and x > LEFT:
            x, y = LEFT, y + line + 4
        chart.rect(x, y + (line - 10) // 2, 10, 10, PALETTE[index % len(PALETTE)])
        chart.text(x + 14, y, item, LABEL_SIZE)
        x += span
    return y + line + 4


def _slot(chart: _Chart, days: int) -> float:
    return (chart.width - LEFT - RIGHT) / days


def _axes(chart: _Chart, panel: _Panel, peak: int) -> None:
    bottom = panel.top + panel.height
    for fraction in (0.5, 1.0):
        y = bottom - round(panel.height * fraction)
        chart.rect(LEFT, y, chart.width - LEFT - RIGHT, 1, GRID)
    chart.rect(LEFT, bottom, chart.width - LEFT - RIGHT, 1, INK)
    chart.rect(LEFT - 1, panel.top, 1, panel.height + 1, INK)
    label = str(max(peak, 1))
    chart.text(LEFT - 6 - _text_width(label, SMALL_SIZE), panel.top, label, SMALL_SIZE)
    zero_y = bottom - _line_height(SMALL_SIZE)
    chart.text(LEFT - 6 - _text_width("0", SMALL_SIZE), zero_y, "0", SMALL_SIZE)


def _bar_height(count: int, peak: int, panel: _Panel) -> int:
    return round(panel.height * count / max(peak, 1))


def _stacked_bars(chart: _Chart, series: StatsSeries, panel: _Panel, peak: int) -> None:
    slot = _slot(chart, len(series.days))
    bottom = panel.top + panel.height
    for day in range(len(series.days)):
        x = LEFT + round(day * slot + slot * 0.15)
        width = max(1, round(slot * 0.7))
        cumulative = 0
        for index, (_, counts) in enumerate(series.articles):
            # Heights come from cumulative totals so rounding never leaves gaps in a stack.
            low = _bar_height(cumulative, peak, panel)
            cumulative += counts[day]
            high = _bar_height(cumulative, peak, panel)
            chart.rect(x, bottom - high, width, high - low, PALETTE[index % len(PALETTE)])


def _plain_bars(chart: _Chart, counts: tuple[int, ...], panel: _Panel, color: Color) -> None:
    slot = _slot(chart, len(counts))
    bottom = panel.top + panel.height
    for day, count in enumerate(counts):
        x = LEFT + round(day * slot + slot * 0.15)
        high = _bar_height(count, max(counts), panel)
        chart.rect(x, bottom - high, max(1, round(slot * 0.7)), high, color)


def _day_labels(chart: _Chart, days: tuple[date, ...], y: int) -> None:
    slot = _slot(chart, len(days))
    step = 1 if slot >= _text_width("00-00", SMALL_SIZE) + 4 else 2
    for index in range(0, len(days), step):
        label = days[index].strftime("%m-%d")
        center = LEFT + round(index * slot + slot / 2)
        chart.text(center - _text_width(label, SMALL_SIZE) // 2, y, label, SMALL_SIZE)
