"""The emulated Telegram: users, chats, messages, files and the bot's pending updates.

One re-entrant lock guards everything; its condition is notified on every change, which wakes
long-polling getUpdates calls and tests waiting for the bot's answers.
"""

from __future__ import annotations

import itertools
import secrets
import threading
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

from bot.sandbox.errors import bad_request, forbidden
from bot.sandbox.faults import FloodControl, ServerFaults
from bot.sandbox.inline_records import InlineBook
from bot.sandbox.records import ApiCall, ChatState, MessageState, StoredFile, User

_BLOCKED = {
    "private": "bot was blocked by the user",
    "group": "bot was kicked from the group chat",
    "supergroup": "bot was kicked from the supergroup chat",
    "channel": "bot is not a member of the channel chat",
}
CALL_LOG_SIZE = 200_000


class World:
    """All state of one emulated Bot API server."""

    def __init__(self, token: str, bot_username: str, clock: Callable[[], float]) -> None:
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.clock = clock
        self.token = token
        bot_id = int(token.split(":", 1)[0])
        self.bot = User(bot_id, "Newsbot Sandbox", username=bot_username, is_bot=True)
        self.users: dict[int, User] = {bot_id: self.bot}
        self.chats: dict[int, ChatState] = {}
        self.messages: dict[int, dict[int, MessageState]] = {}
        self.files: dict[str, StoredFile] = {}
        self.file_paths: dict[str, StoredFile] = {}
        self.updates: deque[dict[str, Any]] = deque()
        self.update_ids = itertools.count(100_000_001)
        self.allowed_updates: list[str] | None = None
        self.webhook: dict[str, Any] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.profile: dict[Any, Any] = {}
        self.queries: dict[str, tuple[int, int, int]] = {}
        self.answers: dict[str, Any] = {}
        self.outcomes: Counter[tuple[str, int | str | None, int]] = Counter()
        self.calls: deque[ApiCall] = deque(maxlen=CALL_LOG_SIZE)
        self.flood = FloodControl(clock)
        self.faults = ServerFaults()
        self.inline = InlineBook()
        self.poll_generation = 0
        self.stopping = False
        self.version = 0
        self._ids = itertools.count(1)

    def touch(self) -> None:
        """Record a change and wake every waiter."""
        self.version += 1
        self.changed.notify_all()

    def next_id(self) -> int:
        """A fresh sequence number for users, chats and files."""
        return next(self._ids)

    def now(self) -> int:
        """The current Unix time, as Telegram stamps messages."""
        return int(self.clock())

    def find_chat(self, chat_id: int | str) -> ChatState:
        """The chat with this id or @username; 400 "chat not found" otherwise."""
        if isinstance(chat_id, str):
            wanted = chat_id.lstrip("@").lower()
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == wanted:
                    return chat
            raise bad_request("chat not found")
        found = self.chats.get(chat_id)
        if found is None or found.fault == "deleted":
            raise bad_request("chat not found")
        return found

    def reachable_chat(self, chat_id: int | str) -> ChatState:
        """A chat the bot may post to, or the error Telegram gives for it."""
        chat = self.find_chat(chat_id)
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.fault == "deactivated":
            raise forbidden("user is deactivated")
        if chat.fault == "blocked" or chat.bot_status in {"left", "kicked"}:
            raise forbidden(_BLOCKED[chat.type])
        if chat.type == "channel" and chat.bot_status != "administrator":
            raise bad_request("need administrator rights in the channel chat")
        return chat

    def add_message(self, chat: ChatState, sender_id: int, **fields: Any) -> MessageState:
        """Append a message to a chat and return it."""
        message = MessageState(
            chat_id=chat.id,
            message_id=chat.next_message_id,
            date=self.now(),
            sender_id=sender_id,
            from_bot=sender_id == self.bot.id,
            **fields,
        )
        chat.next_message_id += 1
        self.messages.setdefault(chat.id, {})[message.message_id] = message
        return message

    def find_message(self, chat_id: int, message_id: int) -> MessageState | None:
        """A live message of a chat, or None."""
        message = self.messages.get(chat_id, {}).get(message_id)
        return None if message is None or message.deleted else message

    def add_update(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update for the bot and wake getUpdates."""
        update_id = next(self.update_ids)
        self.updates.append({"update_id": update_id, kind: payload})
        self.touch()
        return update_id

    def store_file(
        self, data: bytes, file_name: str | None, mime_type: str | None, folder: str
    ) -> StoredFile:
        """Keep uploaded bytes and give them a file_id and a download path."""
        number = self.next_id()
        extension = ""
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"SBX{number:06d}{secrets.token_hex(8)}",
            file_unique_id=f"U{number:06d}",
            file_path=f"{folder}/file_{number}{extension}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.file_paths[stored.file_path] = stored
        return stored

    def message_api(self, message: MessageState, nested: bool = True) -> dict[str, Any]:
        """The Bot API `Message` object for a stored message."""
        chat = self.chats[message.chat_id]
        data: dict[str, Any] = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": chat.to_api(),
        }
        if chat.type == "channel":
            data["sender_chat"] = chat.to_api()
        else:
            data["from"] = self.users[message.sender_id].to_api()
        if message.via_bot_id is not None:
            data["via_bot"] = self.users[message.via_bot_id].to_api()
        if message.thread_id is not None:
            data["message_thread_id"] = message.thread_id
            data["is_topic_message"] = True
        if nested and message.reply_to is not None:
            replied = self.messages.get(message.chat_id, {}).get(message.reply_to)
            if replied is not None:
                data["reply_to_message"] = self.message_api(replied, nested=False)
        _add_content(data, message)
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.reply_markup:
            data["reply_markup"] = message.reply_markup
        if message.link_preview_options:
            data["link_preview_options"] = message.link_preview_options
        data.update(message.service)
        return data

    def record(self, method: str, chat_id: int | str | None, status: int, why: str | None) -> None:
        """Count one answered call (per method, chat and status) and log it."""
        self.outcomes[(method, chat_id, status)] += 1
        self.calls.append(ApiCall(method, chat_id, status, why, self.clock()))


def _add_content(data: dict[str, Any], message: MessageState) -> None:
    if message.text is not None:
        data["text"] = message.text
        if message.entities:
            data["entities"] = message.entities
    if message.document is not None:
        data["document"] = message.document
    if message.photo is not None:
        data["photo"] = message.photo
    if message.caption is not None:
        data["caption"] = message.caption
        if message.entities and message.text is None:
            data["caption_entities"] = message.entities
