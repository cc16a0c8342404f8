"""Delivery of the outbox: the sender, the transport seam it sends through, and its outcomes.

`Sender` claims due outbox rows and hands each part to a `Transport`, which answers `Sent`,
`RetryAt`, `ChatGone` or `Failed`; the sender turns that into the outbox's bookkeeping. None of
this package imports `telegram` except `bot.delivery.telegram_transport`, the Bot API adapter
(which also holds `OutboxSender`, the sender wired to a `telegram.Bot`); importing this package
does not load it.
"""

from __future__ import annotations

from bot.delivery.sender import Sender, SenderConfig
from bot.delivery.transport import (
    ChatGone,
    Failed,
    FailKind,
    GoneKind,
    Outcome,
    Part,
    RetryAt,
    Sent,
    Transport,
)

__all__ = [
    "ChatGone",
    "FailKind",
    "Failed",
    "GoneKind",
    "Outcome",
    "Part",
    "RetryAt",
    "Sender",
    "SenderConfig",
    "Sent",
    "Transport",
]
