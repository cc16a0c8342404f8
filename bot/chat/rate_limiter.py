"""The replying Bot's rate limiter: paced per chat and overall, retried after a 429.

python-telegram-bot's `AIORateLimiter` paces one Bot on its own: it cannot share the overall
budget with the outbox sender's Bot or with other processes, has no per-chat pace for private
chats, and a 429 in one chat halts every request. This limiter takes its turns from the
process's `Traffic` instead: the chat's lane (bursts, then about one a second; 20 a minute in
a group), then a slot of the overall budget at reply priority (ahead of the broadcast,
fleet-wide on PostgreSQL). A `retry_after` pauses the chat it came from (everyone, when
several chats get one at once) and the request is sent again.

"typing" (sendChatAction) is not a message: Telegram's published limits are about messages,
and the action is worth something only at once, so it neither waits for nor spends the
message budget. It is sent at most once per chat per few seconds (the action shows for five),
never while that chat is in a flood wait, and a 429 on it is not retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from contextlib import suppress
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery.telegram_transport import retry_seconds
from bot.digest.send_budget import Priority
from bot.digest.traffic import Traffic
from bot.ops.metrics import TELEGRAM_429

log = logging.getLogger(__name__)

Result = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, Result]]
# Endpoints that post or change a message: Telegram's message limits apply to them.
_MESSAGE_PREFIXES = ("send", "edit", "copymessage", "forwardmessage", "stoppoll")
TYPING = "sendchataction"
MAX_RETRIES = 8


def is_message(endpoint: str) -> bool:
    """True for the methods Telegram's message limits apply to."""
    lowered = endpoint.lower()
    return lowered != TYPING and lowered.startswith(_MESSAGE_PREFIXES)


def chat_key(data: dict[str, Any]) -> int | str | None:
    """The chat a request goes to: an id, a "@username", or None."""
    value = data.get("chat_id")
    if value is None or isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


class TrafficRateLimiter(BaseRateLimiter[int]):
    """Pace the replying Bot with the process's shared `Traffic`; retry after a 429."""

    def __init__(self, traffic: Traffic, max_retries: int = MAX_RETRIES) -> None:
        self.traffic = traffic
        self._max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to set up: the traffic lives as long as the process."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send one request in its turn; after a 429, wait as told and send it again."""
        chat = chat_key(data)
        if endpoint.lower() == TYPING:
            return await self._typing(callback, args, kwargs, chat)
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        paced = chat is not None and is_message(endpoint)
        attempt = 0
        while True:
            try:
                if not paced or chat is None:
                    return await callback(*args, **kwargs)
                async with self.traffic.lanes.turn(chat):
                    await self.traffic.budget.acquire(Priority.REPLY)
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                TELEGRAM_429.inc()
                wait = retry_seconds(exc)
                if attempt >= retries:
                    log.warning(
                        "%s to %s: still flood-limited after %d tries", endpoint, chat, attempt
                    )
                    raise
                attempt += 1
                log.info(
                    "%s to %s: flood wait of %.1f s, then try %d", endpoint, chat, wait, attempt
                )
                if paced and chat is not None:
                    await self.traffic.flood_wait(chat, wait)  # the lane waits it out
                else:
                    await asyncio.sleep(wait)

    async def _typing(
        self, callback: Callback, args: Any, kwargs: dict[str, Any], chat: int | str | None
    ) -> Result:
        if chat is not None and not self.traffic.lanes.typing_due(chat):
            return True
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            TELEGRAM_429.inc()
            if chat is not None:
                with suppress(Exception):
                    await self.traffic.flood_wait(chat, retry_seconds(exc))
            return True
