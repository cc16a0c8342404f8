"""The delivery seam: one message part in, one outcome out.

A `Transport` sends a `Part` and says what became of it; it never touches the store. The
sender (`bot.delivery.sender`) turns each outcome into the outbox's bookkeeping, so what
Telegram's errors mean is decided once, in the adapter (`bot.delivery.telegram_transport`),
and the sender can be driven by any transport, a scripted one in tests included.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol


@dataclass(frozen=True)
class Part:
    """One message to send: Telegram HTML to a chat (or one forum topic of it)."""

    chat_id: int
    text: str
    thread_id: int = 0  # 0: the chat itself, not a topic
    # Inline buttons in the Bot API's JSON shape ({"inline_keyboard": [[...]]}), or None.
    reply_markup: dict[str, Any] | None = None


@dataclass(frozen=True)
class Sent:
    """Accepted: Telegram gave the message this id."""

    message_id: int


@dataclass(frozen=True)
class RetryAt:
    """Flood control: this chat may be sent to again after `retry_after` seconds, not before."""

    retry_after: float
    reason: str = "flood control"


GoneKind = Literal["blocked", "chat_not_found", "topic_not_found", "migrated"]


@dataclass(frozen=True)
class ChatGone:
    """The destination no longer takes messages: nothing more is sent to it.

    `topic_not_found` retires only the forum topic; `migrated` means the group became the
    supergroup `moved_to`, where its messages continue.
    """

    reason: str
    kind: GoneKind = "chat_not_found"
    moved_to: int | None = None


FailKind = Literal["bad_request", "timeout", "server_error", "error"]


@dataclass(frozen=True)
class Failed:
    """Not sent. `permanent`: this message can never be sent; otherwise try again later."""

    reason: str
    permanent: bool
    kind: FailKind = "error"


Outcome = Sent | RetryAt | ChatGone | Failed


class Transport(Protocol):
    """Sends one part and reports the outcome; raising is reserved for bugs (retried as errors)."""

    async def send(self, part: Part) -> Outcome:
        """Send `part` once, without retrying: the sender owns every retry."""
        ...
