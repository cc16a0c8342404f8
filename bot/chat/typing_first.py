"""Show "typing" at once to everyone whose answer has to wait while the bot is busy.

An update is handled when one of the application's handling slots is free, and its answer
goes out when the overall budget has a slot for it; under a crowd both take seconds. This
update processor sends the "typing" action on arrival, before the update queues for a
handling slot, whenever the bot is busy (every slot taken, or replies queued for more than a
second). PTB's own semaphore (in the final `process_update`) only bounds how many updates may
wait at all; the handling slots are this processor's own, so the action can come first. When
the bot is idle the answer itself comes at once, and each extra call would only count against
Telegram's limits. The action is a courtesy: any failure is logged and the update goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

import telegram
from telegram import Update
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import SimpleUpdateProcessor

from bot.digest.traffic import Traffic

log = logging.getLogger(__name__)
# Replies queued for longer than this make a user wait visibly.
BUSY_AFTER_SECONDS = 1.0
# Updates that may wait for a handling slot at once (PTB's bound); beyond it PTB holds them.
MAX_WAITING_UPDATES = 1024


def expects_answer(update: object) -> bool:
    """A command anywhere, or any text in a private chat: the bot will answer it."""
    if not isinstance(update, Update) or update.message is None:
        return False
    message = update.message
    text = message.text or message.caption or ""
    return text.startswith("/") or (message.chat.type == ChatType.PRIVATE and bool(text))


class TypingFirst(SimpleUpdateProcessor):
    """Concurrent update handling that acknowledges waiting users with "typing" first."""

    def __init__(self, handling: int, traffic: Traffic) -> None:
        super().__init__(MAX_WAITING_UPDATES)
        self._handling = handling
        self._slots = asyncio.Semaphore(handling)
        self._in_hand = 0
        self._traffic = traffic
        self._bot: telegram.Bot | None = None

    def attach(self, bot: telegram.Bot) -> None:
        """The Bot to send the action with (the application's, known once it is built)."""
        self._bot = bot

    def busy(self) -> bool:
        """Every slot taken, or replies queued for more than `BUSY_AFTER_SECONDS`."""
        full = self._in_hand >= self._handling
        return full or self._traffic.budget.expected_wait() > BUSY_AFTER_SECONDS

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Say "typing" when the answer will be late, then handle the update in its turn."""
        if self._bot is not None and expects_answer(update) and self.busy():
            await self._typing(update)
        async with self._slots:
            self._in_hand += 1
            try:
                await coroutine
            finally:
                self._in_hand -= 1

    async def _typing(self, update: object) -> None:
        assert isinstance(update, Update)
        assert update.message is not None
        message = update.message
        thread = message.message_thread_id if message.is_topic_message else None
        try:
            assert self._bot is not None
            await self._bot.send_chat_action(
                message.chat_id, ChatAction.TYPING, message_thread_id=thread
            )
        except TelegramError as exc:
            log.debug("typing action to %s failed: %s", message.chat_id, exc)
