"""/stats through the real application: the chart's failure panel follows the stored history."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from bot.i18n import t, tn
from bot.ops.stats_chart import (
    BACKGROUND,
    FAILURE_COLOR,
    INK,
    ChartWords,
    StatsSeries,
    chart_font,
    draw_stats,
)
from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator, Chat, User
from bot.settings import Settings
from bot.store import CheckFailed, NewArticle, Region, Store, open_store


def _picture(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image.convert("RGB")


async def _stats_png(
    api: BotApiEmulator, chat: Chat, admin: User, folder: Path
) -> tuple[str, bytes]:
    before = len(api.messages(chat))
    api.send_text(chat, "/stats", user=admin)
    found = await api.wait_for_async(before + 1, chat=chat, timeout=20)
    answer = found[before]
    # Snapshots of messages leave photos out; the saved state has them.
    state = folder / "state.json"
    api.save_state(state)
    saved = json.loads(state.read_text(encoding="utf-8"))["messages"]
    (raw,) = [m for m in saved if (m["chat_id"], m["message_id"]) == (chat.id, answer.message_id)]
    assert raw["photo"], f"expected a chart, got {answer.text!r}"
    return raw["caption"] or "", api.file_bytes(raw["photo"][-1]["file_id"])


@asynccontextmanager
async def _running(
    api: BotApiEmulator, store: Store, store_url: str, admin: User
) -> AsyncIterator[Chat]:
    """The real application polling the emulator, with `admin` as its admin; yields their chat."""
    settings = Settings(
        bot_token=api.token,
        api_url=api.root,
        admin_ids=frozenset({admin.id}),
        database_url=store_url,
        timezone="UTC",
    )
    application = build_bot(settings, store, background=Background.none())
    async with serving(application):
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        yield api.create_private_chat(admin)


def _failure_pixels(png: bytes) -> int:
    colours = _picture(png).getcolors(maxcolors=1 << 20)
    assert colours is not None
    return sum(count for count, colour in colours if colour == FAILURE_COLOR)


async def test_stats_chart_draws_todays_feed_failures(store_url: str, tmp_path: Path) -> None:
    api = BotApiEmulator().start()
    store: Store = open_store(store_url)
    try:
        admin = api.create_user("Ada", language_code="en")
        feed = store.feeds.add("https://flaky.example/feed.xml")
        async with _running(api, store, store_url, admin) as chat:
            caption, quiet = await _stats_png(api, chat, admin, tmp_path)
            assert "Articles: " in caption
            assert _failure_pixels(quiet) == 0
            # What the ingest does after a failed fetch.
            store.feeds.record_check(feed.id, CheckFailed("HTTP 500"), datetime.now(UTC))
            store.feeds.record_check(feed.id, CheckFailed("timeout"), datetime.now(UTC))
            _, failing = await _stats_png(api, chat, admin, tmp_path)
            assert _failure_pixels(failing) > 100
        assert store.feeds.failures_by_day(datetime.now(UTC).date()) == {
            datetime.now(UTC).date(): 2
        }
    finally:
        store.close()
        api.stop()


async def test_a_chinese_admin_gets_a_chart_in_chinese(store_url: str, tmp_path: Path) -> None:
    api = BotApiEmulator().start()
    store: Store = open_store(store_url)
    try:
        admin = api.create_user("李雷", language_code="zh-hans")
        store.regions.upsert(Region("taiyuan", {"en": "Taiyuan", "zh": "太原"}, ()))
        store.regions.upsert(Region("shanghai", {"en": "Shanghai", "zh": "上海"}, ()))
        now = datetime.now(UTC)
        for n, region in enumerate(("taiyuan", "taiyuan", "shanghai")):
            story = NewArticle(url=f"https://n.example/{n}", title=f"t{n}", regions=(region,))
            store.articles.add_many([story], now=now - timedelta(minutes=n))
        async with _running(api, store, store_url, admin) as chat:
            caption, png = await _stats_png(api, chat, admin, tmp_path)
    finally:
        store.close()
        api.stop()
    assert "文章：3" in caption
    picture = _picture(png)
    words = ChartWords(tn("zh", "stats_chart_title", 14), t("zh", "stats_chart_failures"))
    # Where the chart puts its words: the busiest region's name first in the legend.
    days = (now.date(),) * 14
    zeros = (0,) * 14
    _, texts = draw_stats(StatsSeries(days, (("太原", zeros), ("上海", zeros)), zeros), words)
    drawn = {d.text: d for d in texts}
    for word in (words.title, words.failures, "太原", "上海"):
        where = drawn[word]
        expected = Image.new("RGB", picture.size, BACKGROUND)
        font = chart_font(where.size)
        ImageDraw.Draw(expected).text((where.x, where.y), word, font=font, fill=INK)
        left, top, right, bottom = font.getbbox(word)
        box = (where.x + int(left), where.y + int(top), where.x + int(right), where.y + int(bottom))
        assert ImageChops.difference(picture.crop(box), expected.crop(box)).getbbox() is None, word
