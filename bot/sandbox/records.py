"""The emulator's records: users, chats, messages and files, plus the snapshots tests read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class User:
    """A Telegram user (or the bot itself)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        """The Bot API `User` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class Chat:
    """A chat as tests refer to it: pass it (or its id) to the emulator's scripting methods."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    is_forum: bool = False


@dataclass
class ChatState:
    """Everything the emulator knows about one chat."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_forum: bool = False
    members: set[int] = field(default_factory=set)
    admins: dict[int, str] = field(default_factory=dict)
    bot_status: str = "member"
    topics: dict[int, str] = field(default_factory=dict)
    fault: str | None = None
    migrated_to: int | None = None
    next_message_id: int = 1

    def public(self) -> Chat:
        """The frozen handle given to tests."""
        return Chat(self.id, self.type, self.title, self.username, self.is_forum)

    def to_api(self) -> dict[str, Any]:
        """The Bot API `Chat` object embedded in messages."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.is_forum:
            data["is_forum"] = True
        return data


@dataclass
class StoredFile:
    """An uploaded file, downloadable through getFile and the file route."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def to_api(self) -> dict[str, Any]:
        """The Bot API `File` object returned by getFile."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class MessageState:
    """One message in a chat, from the bot or from a user, with edits applied."""

    chat_id: int
    message_id: int
    date: int
    sender_id: int
    from_bot: bool
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    source: str | None = None
    parse_mode: str | None = None
    caption: str | None = None
    document: dict[str, Any] | None = None
    photo: list[dict[str, Any]] | None = None
    reply_markup: dict[str, Any] | None = None
    thread_id: int | None = None
    reply_to: int | None = None
    edit_date: int | None = None
    edits: int = 0
    deleted: bool = False
    service: dict[str, Any] = field(default_factory=dict)
    link_preview_options: dict[str, Any] | None = None
    via_bot_id: int | None = None


@dataclass(frozen=True)
class Button:
    """One inline keyboard button."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SentMessage:
    """A snapshot of one message as it stands now (edits applied), for assertions."""

    chat_id: int
    message_id: int
    text: str
    html: str
    entities: tuple[Mapping[str, Any], ...]
    from_bot: bool
    date: int
    thread_id: int | None = None
    reply_to_message_id: int | None = None
    reply_markup: Mapping[str, Any] | None = None
    document: Mapping[str, Any] | None = None
    edits: int = 0
    deleted: bool = False
    via_bot_id: int | None = None

    @property
    def buttons(self) -> tuple[tuple[Button, ...], ...]:
        """The inline keyboard as rows of buttons (empty when there is none)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return tuple(
            tuple(Button(b.get("text", ""), b.get("callback_data"), b.get("url")) for b in row)
            for row in rows
        )

    @property
    def button_list(self) -> tuple[Button, ...]:
        """Every inline button, row by row, in reading order."""
        return tuple(button for row in self.buttons for button in row)


@dataclass(frozen=True)
class SendStats:
    """How many calls of one method to one chat Telegram accepted and refused (by status)."""

    accepted: int
    refused: int
    refused_by_status: Mapping[int, int]


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a pressed inline button."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class ApiCall:
    """One Bot API request the emulator answered, for tests that look at traffic."""

    method: str
    chat_id: int | str | None
    status: int
    description: str | None
    at: float
