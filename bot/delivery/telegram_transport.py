"""The Telegram side of delivery: sends a part through python-telegram-bot, maps its errors.

The only module of `bot.delivery` that imports `telegram` (an import-linter contract holds the
others to that). `TelegramTransport.send` makes one sendMessage call and turns the answer into
an outcome of `bot.delivery.transport`: what python-telegram-bot raises for each documented
Bot API error body is listed in `outcome_of`. `OutboxSender` is the sender wired to it, taking
a `telegram.Bot` as it always has.

The sender's Bot (`sender_bot`) has its own connection pool and no PTB rate limiter on it: the
sender must see each 429 itself to put off only the row and the chat concerned.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import telegram
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning

from bot.delivery.sender import Sender, SenderConfig
from bot.delivery.transport import ChatGone, Failed, Outcome, Part, RetryAt, Sent
from bot.digest.traffic import Traffic
from bot.ops.liveness import LoopStamp
from bot.settings import Settings
from bot.store import Store

# SenderConfig is re-exported: callers building an OutboxSender import both from here.
__all__ = [
    "OutboxSender",
    "SenderConfig",
    "TelegramTransport",
    "inline_markup",
    "outcome_of",
    "retry_seconds",
    "sender_bot",
]

_NO_PREVIEW = telegram.LinkPreviewOptions(is_disabled=True)
# Descriptions (lower case) of a 400 whose chat, or forum topic, is gone for good.
_GONE = ("chat not found", "user not found", "peer_id_invalid", "group chat was deactivated")
_TOPIC_GONE = ("message thread not found", "topic_deleted", "topic_closed")


def sender_bot(settings: Settings, concurrency: int = 8) -> telegram.Bot:
    """A Bot for broadcasting with its own connection pool, apart from the one replying."""
    if not settings.bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    request = HTTPXRequest(connection_pool_size=concurrency + 2, read_timeout=15.0)
    return telegram.Bot(
        settings.bot_token,
        base_url=f"{settings.api_url}/bot",
        base_file_url=f"{settings.api_url}/file/bot",
        request=request,
    )


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter's delay in seconds, whichever type this PTB version hands back."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def inline_markup(data: dict[str, Any] | None) -> telegram.InlineKeyboardMarkup | None:
    """The stored Bot API JSON of inline buttons as PTB's markup (None when there is none)."""
    if not data or not isinstance(data.get("inline_keyboard"), list):
        return None
    rows = [
        [
            telegram.InlineKeyboardButton(str(b["text"]), callback_data=str(b["callback_data"]))
            for b in row
            if isinstance(b, dict) and "text" in b and "callback_data" in b
        ]
        for row in data["inline_keyboard"]
        if isinstance(row, list)
    ]
    rows = [row for row in rows if row]
    return telegram.InlineKeyboardMarkup(rows) if rows else None


def outcome_of(exc: TelegramError) -> Outcome:
    """What a python-telegram-bot error means for the message that raised it."""
    text = str(exc.message)
    lowered = text.lower()
    # Order matters: BadRequest and TimedOut are both NetworkErrors in PTB.
    if isinstance(exc, RetryAfter):  # 429 with parameters.retry_after
        return RetryAt(retry_seconds(exc), text)
    if isinstance(exc, ChatMigrated):  # 400 with parameters.migrate_to_chat_id
        return ChatGone(text, "migrated", int(exc.new_chat_id))
    if isinstance(exc, Forbidden):  # 403: blocked, kicked, user deactivated
        return ChatGone(text, "blocked")
    if isinstance(exc, BadRequest):  # 400
        if any(s in lowered for s in _GONE):
            return ChatGone(text, "chat_not_found")
        if any(s in lowered for s in _TOPIC_GONE):
            return ChatGone(text, "topic_not_found")
        # Too long, unparsable HTML, a bad button: the same message would be refused again.
        return Failed(text, permanent=True, kind="bad_request")
    if isinstance(exc, TimedOut):
        return Failed(text, permanent=False, kind="timeout")
    if isinstance(exc, NetworkError):  # 5xx, connection trouble
        return Failed(text, permanent=False, kind="server_error")
    return Failed(text, permanent=False, kind="error")  # 401, 409 and the like: try again


class TelegramTransport:
    """Sends parts as HTML messages (no link preview) with one Bot API call each."""

    def __init__(self, bot: telegram.Bot) -> None:
        self._bot = bot

    async def send(self, part: Part) -> Outcome:
        """One sendMessage; a `TelegramError` becomes its outcome, anything else propagates."""
        try:
            message = await self._bot.send_message(
                chat_id=part.chat_id,
                text=part.text,
                parse_mode=ParseMode.HTML,
                message_thread_id=part.thread_id or None,
                link_preview_options=_NO_PREVIEW,
                reply_markup=inline_markup(part.reply_markup),
            )
        except TelegramError as exc:
            return outcome_of(exc)
        return Sent(message.message_id)


class OutboxSender(Sender):
    """The outbox sender delivering through `bot` (see `bot.delivery.sender.Sender`)."""

    def __init__(
        self,
        bot: telegram.Bot,
        store: Store,
        config: SenderConfig | None = None,
        *,
        worker_id: str | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        loop_stamp: LoopStamp | None = None,
        traffic: Traffic | None = None,
    ) -> None:
        super().__init__(
            TelegramTransport(bot),
            store,
            config,
            worker_id=worker_id,
            clock=clock,
            loop_stamp=loop_stamp,
            traffic=traffic,
        )
