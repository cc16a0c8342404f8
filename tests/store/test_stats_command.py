"""/stats through the real application: the chart's failure panel follows the stored history."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

from bot.chat.app import build_application, serving
from bot.chat.jobs import Background
from bot.ops.stats_chart import FAILURE_COLOR
from bot.sandbox import BotApiEmulator, Chat, User
from bot.settings import Settings
from bot.store import Store, open_store


def _rgb_pixels(png: bytes) -> list[tuple[int, ...]]:
    """Decode the chart's own PNG flavour (8-bit RGB, filter 0 on every row)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    offset, header, data = 8, b"", b""
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        body = png[offset + 8 : offset + 8 + length]
        header = body if kind == b"IHDR" else header
        data += body if kind == b"IDAT" else b""
        offset += 12 + length
    width, height = struct.unpack(">II", header[:8])
    raw = zlib.decompress(data)
    stride = width * 3 + 1
    pixels: list[tuple[int, ...]] = []
    for y in range(height):
        row = raw[y * stride + 1 : (y + 1) * stride]
        pixels.extend(tuple(row[x : x + 3]) for x in range(0, len(row), 3))
    return pixels


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


def _failure_pixels(png: bytes) -> int:
    return sum(1 for pixel in _rgb_pixels(png) if pixel == FAILURE_COLOR)


async def test_stats_chart_draws_todays_feed_failures(store_url: str, tmp_path: Path) -> None:
    api = BotApiEmulator().start()
    store: Store = open_store(store_url)
    try:
        admin = api.create_user("Ada", language_code="en")
        settings = Settings(
            bot_token=api.token,
            api_url=api.root,
            admin_ids=frozenset({admin.id}),
            database_url=store_url,
            timezone="UTC",
        )
        feed = store.feeds.add("https://flaky.example/feed.xml")
        application = build_application(settings, store, background=Background.none())
        async with serving(application):
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            chat = api.create_private_chat(admin)
            caption, quiet = await _stats_png(api, chat, admin, tmp_path)
            assert "Articles: " in caption
            assert _failure_pixels(quiet) == 0
            # What the ingest does after a failed fetch: raise the feed's error count.
            store.feeds.update(feed.id, error_count=1, last_error="HTTP 500")
            store.feeds.update(feed.id, error_count=2, last_error="timeout")
            _, failing = await _stats_png(api, chat, admin, tmp_path)
            assert _failure_pixels(failing) > 100
        assert store.feeds.failures_by_day(datetime.now(UTC).date()) == {
            datetime.now(UTC).date(): 2
        }
    finally:
        store.close()
        api.stop()
