"""Settings and subscription changes that keep the digest schedule right (for chat handlers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.digest.build import reschedule
from bot.digest.errors import DigestError
from bot.digest.filters import parse_keywords
from bot.digest.model import SUMMARY_LENGTHS
from bot.digest.schedule import (
    SCHEDULE_KINDS,
    format_digest_time,
    load_zone,
    parse_digest_time,
)
from bot.i18n import LANGUAGES
from bot.store import ChatRecord, Store

# Changing any of these moves the next digest.
_SCHEDULE_FIELDS = frozenset(
    {"digest_time", "timezone", "paused", "schedule_kind", "digest_time2", "digest_weekday"}
)
_OPTIONAL_TIMES = frozenset({"digest_time2", "quiet_start", "quiet_end"})


def normalize_settings(changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and normalize settings given as user text or values; raises DigestError."""
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "digest_time":
            clean[name] = format_digest_time(parse_digest_time(str(value)))
        elif name == "timezone":
            clean[name] = load_zone(str(value)).key
        elif name == "language":
            if value not in LANGUAGES:
                raise DigestError(f"language must be one of {', '.join(LANGUAGES)}")
            clean[name] = value
        elif name == "summary_length":
            if value not in SUMMARY_LENGTHS:
                raise DigestError(f"length must be one of {', '.join(SUMMARY_LENGTHS)}")
            clean[name] = value
        elif name in {"include_keywords", "exclude_keywords"}:
            clean[name] = parse_keywords(value) if isinstance(value, str) else tuple(value)
        elif name == "paused":
            clean[name] = bool(value)
        elif name == "schedule_kind":
            if value not in SCHEDULE_KINDS:
                raise DigestError(f"schedule must be one of {', '.join(SCHEDULE_KINDS)}")
            clean[name] = value
        elif name in _OPTIONAL_TIMES:
            clean[name] = None if value is None else format_digest_time(parse_digest_time(value))
        elif name == "digest_weekday":
            if value is not None and value not in range(7):
                raise DigestError("the weekday must be 0 (Monday) to 6 (Sunday)")
            clean[name] = value
        else:
            raise DigestError(f"{name} is not a digest setting")
    return clean


def change_settings(
    store: Store, chat_id: int, thread_id: int, now: datetime, **changes: Any
) -> ChatRecord:
    """Apply settings to an existing destination and reschedule its digest when needed.

    Moving the time after today's digest went out schedules tomorrow's, not a second one.
    """
    clean = normalize_settings(changes)
    updated = store.chats.update(chat_id, thread_id, **clean)
    if updated is None:
        raise DigestError("this chat has no settings yet; send /start first")
    if _SCHEDULE_FIELDS.intersection(clean) or updated.next_digest_at is None:
        return reschedule(store, updated, now) or updated
    return updated


def subscribe(
    store: Store, chat_id: int, thread_id: int, region_ids: Sequence[str], now: datetime
) -> list[str]:
    """Subscribe a destination to regions; returns the ones that were new. Schedules it."""
    added = [r for r in region_ids if store.chats.subscribe(chat_id, thread_id, r)]
    chat = store.chats.get(chat_id, thread_id)
    if chat is not None and chat.next_digest_at is None:
        reschedule(store, chat, now)
    return added
