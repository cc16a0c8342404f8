"""Administrator commands, and the same commands from everyone else (refused, nothing changes)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import pytest

from bot.store import CheckFailed
from tests.botapi import private_chat
from tests.chat.harness import Bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>feeds</title></head><body>
  <outline text="Taiyuan"><outline type="rss" text="One" xmlUrl="https://one.example/rss"/></outline>
  <outline type="rss" text="Two" xmlUrl="https://two.example/atom"/>
  <outline type="rss" text="Bad" xmlUrl="ftp://three.example/feed"/>
</body></opml>"""


def _state(bot: Bot) -> tuple[object, ...]:
    return (tuple(bot.store.feeds.list()), bot.store.articles.count())


async def test_admin_commands_refuse_everyone_else(bot: Bot) -> None:
    user, chat = private_chat(bot.api, "Oscar")
    before = _state(bot)
    feed_url = bot.pages.url("regional-en.xml")
    for command in (
        f"/addfeed {feed_url} taiyuan",
        "/removefeed 1",
        "/resumefeed 1",
        "/feeds",
        "/import",
        "/export",
        "/stats",
    ):
        (answer,) = await bot.say(chat, command)
        assert answer.text == "Sorry, only the bot's administrators can do that.", command
    bot.api.send_document(chat, OPML.encode(), "feeds.opml", caption="/import", user=user)
    refused = (await bot.api.wait_for_async(8, chat=chat))[-1]
    assert refused.text.startswith("Sorry, only the bot's administrators")
    assert _state(bot) == before


async def test_feed_administration_round_trip(bot: Bot) -> None:
    chat = bot.api.create_private_chat(bot.admin)
    (usage,) = await bot.say(chat, "/addfeed")
    assert usage.text == "Usage: /addfeed <url> [region]"
    url = bot.pages.url("regional-en.xml")
    (added,) = await bot.say(chat, f"/addfeed {url} taiyuan", timeout=30)
    assert added.text.startswith("Added feed #")
    feed = bot.store.feeds.get_by_url(url)
    assert feed is not None
    assert feed.region_id == "taiyuan"
    (refused,) = await bot.say(chat, "/addfeed http://127.0.0.1:9/nothing", timeout=30)
    assert refused.text.startswith("Could not add that feed:")
    (health,) = await bot.say(chat, "/feeds")
    assert f"#{feed.id} " in health.text
    assert "last success: never; last error: none" in health.text
    for _ in range(3):
        bot.store.feeds.record_check(
            feed.id, CheckFailed("HTTP 503 — Service Unavailable"), datetime.now(UTC)
        )
    (health,) = await bot.say(chat, "/feeds")
    assert "last error: HTTP 503 — Service Unavailable (×3)" in health.text
    bot.store.feeds.pause(feed.id)
    (usage,) = await bot.say(chat, "/resumefeed")
    assert usage.text == "Usage: /resumefeed <id|url>"
    (resumed,) = await bot.say(chat, f"/resumefeed {url}")
    assert resumed.text == f"Feed #{feed.id} is active again; it will be checked within a minute."
    active = bot.store.feeds.get(feed.id)
    assert active is not None
    assert (active.state, active.error_count, active.last_error) == ("active", 0, None)

    (exported,) = await bot.say(chat, "/export")
    assert exported.document is not None
    opml = bot.api.file_bytes(exported.document["file_id"]).decode()
    assert url.replace("&", "&amp;") in opml

    (removed,) = await bot.say(chat, f"/removefeed {feed.id}")
    assert removed.text == f"Removed feed #{feed.id}."
    assert bot.store.feeds.get(feed.id) is None
    (unknown,) = await bot.say(chat, "/removefeed 99999")
    assert "No feed matches “99999”" in unknown.text


async def test_import_edits_one_progress_message(bot: Bot) -> None:
    chat = bot.api.create_private_chat(bot.admin)
    before = len(bot.api.messages(chat))
    bot.api.send_document(chat, OPML.encode(), "feeds.opml", caption="/import", user=bot.admin)
    done = await bot.api.wait_for_async(
        lambda ms: any("Imported" in m.text for m in ms[before:]), chat=chat, timeout=30
    )
    new = done[before:]
    assert len(new) == 1  # one message, edited from "Importing…" into the result
    assert new[0].edits >= 1
    assert new[0].text.startswith("Imported 2 new feeds (3 in the file, 1 refused).")
    assert bot.store.feeds.get_by_url("https://one.example/rss").region_id == "taiyuan"  # type: ignore[union-attr]
    # Replying /import to the same file adds nothing new.
    everything = bot.api.messages(chat, include_user=True)
    document = next(m for m in everything if m.document is not None and not m.from_bot)
    before = len(bot.api.messages(chat))
    bot.api.send_text(chat, "/import", reply_to=document.message_id)
    again = await bot.api.wait_for_text_async(chat, "Imported 0 new feeds", timeout=30)
    assert bot.api.messages(chat)[before:] == [again]


async def test_stats_and_channel(bot: Bot) -> None:
    chat = bot.api.create_private_chat(bot.admin)
    (stats,) = await bot.say(chat, "/stats")
    assert "Articles: " in stats.text
    # Usernames are unique in the emulator, which outlives one backend's run of this module.
    name = f"shanxidaily{secrets.token_hex(3)}"
    channel = bot.api.create_channel("Shanxi Daily", username=name, admins=[bot.admin])
    (done,) = await bot.say(chat, f"/channel @{name} shanxi")
    assert f"@{name} now gets the Shanxi digest" in done.text
    record = bot.store.chats.get(channel.id)
    assert record is not None
    assert record.regions == ("shanxi",)
    other = f"elsewhere{secrets.token_hex(3)}"
    bot.api.create_channel("Elsewhere", username=other, bot_is_admin=False)
    (refused,) = await bot.say(chat, f"/channel @{other} shanxi")
    assert f"not an administrator of @{other}" in refused.text
    _outsider, their_chat = private_chat(bot.api, "Trudy")
    (refused,) = await bot.say(their_chat, f"/channel @{name} taiyuan")
    assert "only the bot's administrators" in refused.text
    assert bot.store.chats.get(channel.id).regions == ("shanxi",)  # type: ignore[union-attr]
