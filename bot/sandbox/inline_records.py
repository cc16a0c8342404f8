"""What the emulator keeps about inline mode: BotFather's switches, queries and their answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The kinds of chat an inline query can come from ("sender": the private chat with the bot).
CHAT_TYPES = frozenset({"sender", "private", "group", "supergroup", "channel"})


@dataclass(frozen=True)
class InlineResult:
    """One validated article result; the message it posts is already parsed like a sent one."""

    id: str
    title: str
    description: str | None
    text: str
    entities: tuple[Mapping[str, Any], ...]
    source: str
    parse_mode: str | None
    reply_markup: Mapping[str, Any] | None
    link_preview_options: Mapping[str, Any] | None
    url: str | None = None


@dataclass(frozen=True)
class InlineButton:
    """The button shown above the results: its text and the /start parameter it sends."""

    text: str
    start_parameter: str


@dataclass(frozen=True)
class InlineAnswer:
    """The bot's answerInlineQuery to one query."""

    query_id: str
    results: tuple[InlineResult, ...]
    next_offset: str
    button: InlineButton | None
    cache_time: int
    is_personal: bool

    def result(self, result_id: str) -> InlineResult | None:
        """The result with this id, if the answer holds it."""
        return next((r for r in self.results if r.id == result_id), None)


@dataclass
class InlineQueryState:
    """A query a user typed, and the answer once the bot gave it."""

    query_id: str
    user_id: int
    query: str
    offset: str
    chat_type: str
    asked_at: float = 0.0
    answer: InlineAnswer | None = None


@dataclass
class InlineBook:
    """BotFather's inline settings (/setinline, /setinlinefeedback) and the queries so far."""

    enabled: bool = False
    placeholder: str = ""
    feedback: bool = False
    queries: dict[str, InlineQueryState] = field(default_factory=dict)
