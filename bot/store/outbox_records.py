"""Records of the digest outbox: stored digests, their recipients and queued deliveries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row

PENDING, SENT, FAILED, DEAD = "pending", "sent", "failed", "dead"


@dataclass(frozen=True)
class Delivery:
    """One message of the outbox."""

    id: int
    chat_id: int
    thread_id: int
    digest_id: int
    part_no: int
    text: str
    status: str
    attempts: int
    next_attempt_at: datetime
    claimed_by: str | None
    claimed_until: datetime | None
    sent_at: datetime | None
    message_id: int | None
    last_error: str | None
    # Inline buttons in the Bot API's JSON shape (alert messages carry a Summary button).
    reply_markup: dict[str, Any] | None = None


@dataclass(frozen=True)
class NewDigest:
    """A rendered digest about to be stored: its key, window and message parts."""

    key: str
    window_start: datetime
    window_end: datetime
    built_at: datetime
    parts: tuple[str, ...]


@dataclass(frozen=True)
class StoredDigest:
    """A stored digest."""

    id: int
    key: str
    window_start: datetime
    window_end: datetime
    built_at: datetime
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Recipient:
    """A destination of a digest and the schedule to record for it.

    `scheduled_for` is the `next_digest_at` the caller saw; the chat is only updated (and the
    rows only queued) if it still holds, so two schedulers never queue one digest twice.
    """

    chat_id: int
    thread_id: int
    scheduled_for: datetime | None
    next_digest_at: datetime | None
    last_digest_at: datetime


def delivery_from_row(row: Row[Any]) -> Delivery:
    """The `Delivery` of one `deliveries` row."""
    return Delivery(**{name: getattr(row, name) for name in Delivery.__dataclass_fields__})
