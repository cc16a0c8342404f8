"""The /stats picture: articles per day stacked by region, and feed failures per day, as PNG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.ops.png_canvas import GLYPH_HEIGHT, Canvas, Color, text_width

WIDTH, HEIGHT = 800, 480
PALETTE: tuple[Color, ...] = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (148, 103, 189), (140, 86, 75),
    (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207), (174, 199, 232),
)  # fmt: skip
FAILURE_COLOR: Color = (214, 39, 40)
INK: Color = (40, 40, 40)
GRID: Color = (225, 225, 225)
LEFT, RIGHT = 56, 16


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


@dataclass(frozen=True)
class _Panel:
    top: int
    height: int
    title: str


def render_stats_png(series: StatsSeries, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """Draw both panels, the legend and the day labels; returns PNG bytes."""
    canvas = Canvas(width, height)
    canvas.draw_text(LEFT, 8, f"ARTICLES PER DAY BY REGION ({len(series.days)} DAYS)", INK, 2)
    legend_bottom = _legend(canvas, series, top=30)
    usable = height - legend_bottom - 30
    top_panel = _Panel(legend_bottom + 8, usable * 2 // 3 - 24, "")
    bottom_panel = _Panel(top_panel.top + top_panel.height + 24, usable // 3 - 8, "FEED FAILURES")
    totals = [sum(c[i] for _, c in series.articles) for i in range(len(series.days))]
    _axes(canvas, top_panel, max(totals, default=0))
    _stacked_bars(canvas, series, top_panel, max(totals, default=0))
    _axes(canvas, bottom_panel, max(series.failures))
    _plain_bars(canvas, series.failures, bottom_panel, FAILURE_COLOR)
    _day_labels(canvas, series.days, bottom_panel.top + bottom_panel.height + 6)
    return canvas.to_png()


def _legend(canvas: Canvas, series: StatsSeries, top: int) -> int:
    x, y = LEFT, top
    for index, (label, _) in enumerate(series.articles):
        item = label.upper()[:20]
        span = 12 + text_width(item) + 16
        if x + span > canvas.width - RIGHT:
            x, y = LEFT, y + GLYPH_HEIGHT + 6
        canvas.fill_rect(x, y, 8, GLYPH_HEIGHT, PALETTE[index % len(PALETTE)])
        canvas.draw_text(x + 12, y, item, INK)
        x += span
    return y + GLYPH_HEIGHT + 4


def _slot(canvas: Canvas, days: int) -> float:
    return (canvas.width - LEFT - RIGHT) / days


def _axes(canvas: Canvas, panel: _Panel, peak: int) -> None:
    bottom = panel.top + panel.height
    for fraction in (0.5, 1.0):
        y = bottom - round(panel.height * fraction)
        canvas.fill_rect(LEFT, y, canvas.width - LEFT - RIGHT, 1, GRID)
    canvas.fill_rect(LEFT, bottom, canvas.width - LEFT - RIGHT, 1, INK)
    canvas.fill_rect(LEFT - 1, panel.top, 1, panel.height + 1, INK)
    label = str(max(peak, 1))
    canvas.draw_text(LEFT - 6 - text_width(label), panel.top, label, INK)
    canvas.draw_text(LEFT - 6 - text_width("0"), bottom - GLYPH_HEIGHT, "0", INK)
    if panel.title:
        canvas.draw_text(LEFT + 4, panel.top - GLYPH_HEIGHT - 6, panel.title, INK)


def _bar_height(count: int, peak: int, panel: _Panel) -> int:
    return round(panel.height * count / max(peak, 1))


def _stacked_bars(canvas: Canvas, series: StatsSeries, panel: _Panel, peak: int) -> None:
    slot = _slot(canvas, len(series.days))
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
            color = PALETTE[index % len(PALETTE)]
            canvas.fill_rect(x, bottom - high, width, high - low, color)


def _plain_bars(canvas: Canvas, counts: tuple[int, ...], panel: _Panel, color: Color) -> None:
    slot = _slot(canvas, len(counts))
    bottom = panel.top + panel.height
    for day, count in enumerate(counts):
        x = LEFT + round(day * slot + slot * 0.15)
        high = _bar_height(count, max(counts), panel)
        canvas.fill_rect(x, bottom - high, max(1, round(slot * 0.7)), high, color)


def _day_labels(canvas: Canvas, days: tuple[date, ...], y: int) -> None:
    slot = _slot(canvas, len(days))
    step = 1 if slot >= text_width("00-00") + 4 else 2
    for index in range(0, len(days), step):
        label = days[index].strftime("%m-%d")
        center = LEFT + round(index * slot + slot / 2)
        canvas.draw_text(center - text_width(label) // 2, y, label, INK)
