"""Records of alerts: an alert, an alerted story waiting for quiet hours to end, a message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

QUEUED, HELD, CAPPED = "queued", "held", "capped"
"""What became of a matched story: sent to the outbox, waiting for quiet hours, over the cap."""


@dataclass(frozen=True)
class Alert:
    """Words a destination waits for, optionally in one region (`region_id` None: any)."""

    id: int
    chat_id: int
    thread_id: int
    words: str
    region_id: str | None
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class OutgoingMessage:
    """One message for the outbox: Telegram HTML and optional inline buttons (Bot API JSON)."""

    text: str
    reply_markup: dict[str, Any] | None = None


@dataclass(frozen=True)
class HeldStory:
    """An alerted story held back by quiet hours, with the message rendered when it matched."""

    chat_id: int
    thread_id: int
    cluster_id: int
    article_id: int
    release_at: datetime
    message: OutgoingMessage | None


@dataclass(frozen=True)
class NewStory:
    """A story that matched a destination, with what becomes of it (see the statuses above).

    Held and queued stories carry their message; a held one without a message was already
    over the hourly cap when it was held, and is only counted when quiet hours end.
    """

    cluster_id: int
    alert_id: int
    article_id: int
    status: str
    release_at: datetime | None = None
    message: OutgoingMessage | None = None


@dataclass(frozen=True)
class HourUsage:
    """Alerts queued for a destination in the current UTC hour, and whether it heard of the cap."""

    sent: int
    told: bool
