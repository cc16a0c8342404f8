"""A crowd at once, through the real bot and under Telegram's limits: every answer arrives."""

from __future__ import annotations

import argparse
import asyncio
import time

import pytest

from bench.crowd import run_once
from tests.chat.harness import Bot

USERS = 60
DIGEST_CHATS = 150


@pytest.mark.slow
def test_a_crowd_beside_a_digest_gets_every_answer_with_few_429s(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # a 429 must become a RetryAfter (botapi.py)
    options = argparse.Namespace(rate=25.0, timeout=120.0)
    result = run_once(store_url, USERS, DIGEST_CHATS, options)
    assert result.answers_lost == 0
    assert result.share_429 < 0.01, f"{result.calls_429} of {result.calls} calls were 429"
    assert (result.digest_missing, result.digest_doubled) == (0, 0)
    # Replies go first: the crowd is answered well before the broadcast ends.
    assert result.percentile(result.answer_seconds, 0.95) < (2 * USERS + 10) / 25.0
    # Everyone who had to wait saw "typing" (the bot was busy when their message came).
    assert result.typing_seen >= 0.9 * result.waited_users
    assert result.total_seconds <= result.bound_seconds


@pytest.mark.asyncio(loop_scope="module")
async def test_start_repeated_within_seconds_is_answered_once(bot: Bot) -> None:
    user = bot.api.create_user("Restless", language_code="en")
    chat = bot.api.create_private_chat(user)
    for _ in range(3):
        bot.api.send_text(chat, "/start", user=user)
    (welcome,) = await bot.api.wait_for_async(1, chat=chat, timeout=15)
    assert "Hello, Restless" in welcome.text
    await asyncio.sleep(2.0)  # the repeats were handled by now, and said nothing
    assert len(bot.api.messages(chat)) == 1
    bot.api.send_text(chat, "/help", user=user)
    await bot.api.wait_for_async(2, chat=chat, timeout=15)


@pytest.mark.asyncio(loop_scope="module")
async def test_a_flood_wait_holds_that_chat_only_and_loses_no_answer(bot: Bot) -> None:
    user = bot.api.create_user("Hasty", language_code="en")
    chat = bot.api.create_private_chat(user)
    # Stricter than the bot's own pacing (one message every 2.5 s, no burst): 429s must come.
    bot.api.set_chat_flood_limit(chat, 0.4)
    for command in ("/help", "/regions", "/settings"):
        bot.api.send_text(chat, command, user=user)
    await asyncio.sleep(0.5)
    calm = bot.api.create_user("Calm", language_code="en")
    other = bot.api.create_private_chat(calm)
    asked = time.monotonic()
    bot.api.send_text(other, "/help", user=calm)
    await bot.api.wait_for_async(1, chat=other, timeout=15)
    assert time.monotonic() - asked < 4.0, "another chat does not wait for this one's flood wait"
    answers = await bot.api.wait_for_async(3, chat=chat, timeout=30)
    assert len(answers) == 3
    stats = bot.api.send_stats(chat)
    assert stats.accepted == 3
    assert stats.refused_by_status.get(429, 0) >= 1
