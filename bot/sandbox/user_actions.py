"""Scripting what users do: write messages, send documents, press inline buttons."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from bot.sandbox.errors import SandboxError
from bot.sandbox.formatting import detect_entities
from bot.sandbox.population import ChatRef, Population, UserRef, user_id_of
from bot.sandbox.records import ChatState, MessageState, SentMessage
from bot.sandbox.snapshots import snapshot


class UserActions(Population):
    """Updates the bot receives through getUpdates, produced on a test's behalf."""

    def _author(self, state: ChatState, user: UserRef | None) -> int:
        if state.type == "channel":
            return user_id_of(user) if user is not None else self._world.bot.id
        if user is None:
            if state.type == "private":
                return state.id
            raise SandboxError(f"say which user writes in chat {state.id}")
        uid = self._user(user).id
        if state.type != "private":
            state.members.add(uid)
        return uid

    def _post(
        self,
        state: ChatState,
        author: int,
        reply_to: int | SentMessage | None,
        thread_id: int | None,
        fields: dict[str, Any],
    ) -> SentMessage:
        world = self._world
        if state.fault == "deleted" or state.migrated_to is not None:
            raise SandboxError(f"chat {state.id} cannot receive messages any more")
        if thread_id is not None and thread_id not in state.topics:
            raise SandboxError(f"chat {state.id} has no topic {thread_id}")
        replied = reply_to.message_id if isinstance(reply_to, SentMessage) else reply_to
        if replied is not None and world.find_message(state.id, replied) is None:
            raise SandboxError(f"chat {state.id} has no message {replied}")
        message: MessageState = world.add_message(
            state,
            author,
            thread_id=thread_id,
            reply_to=replied if replied is not None else thread_id,
            **fields,
        )
        kind = "channel_post" if state.type == "channel" else "message"
        world.add_update(kind, world.message_api(message))
        return snapshot(message)

    def send_text(
        self,
        chat: ChatRef,
        text: str,
        *,
        user: UserRef | None = None,
        reply_to: int | SentMessage | None = None,
        thread_id: int | None = None,
        entities: Sequence[dict[str, Any]] | None = None,
    ) -> SentMessage:
        """A user writes `text` (commands, links and mentions get Telegram's entities)."""
        with self._world.lock:
            state = self._chat(chat)
            found = list(entities) if entities is not None else detect_entities(text)
            fields = {"text": text, "entities": found}
            return self._post(state, self._author(state, user), reply_to, thread_id, fields)

    def send_document(
        self,
        chat: ChatRef,
        data: bytes,
        file_name: str,
        *,
        user: UserRef | None = None,
        caption: str | None = None,
        mime_type: str | None = None,
        reply_to: int | SentMessage | None = None,
        thread_id: int | None = None,
    ) -> SentMessage:
        """A user sends a file (kept in the file store, so getFile and downloads work)."""
        with self._world.lock:
            state = self._chat(chat)
            stored = self._world.store_file(data, file_name, mime_type, "documents")
            document = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(data),
                "file_name": file_name,
                "mime_type": mime_type or "application/octet-stream",
            }
            fields: dict[str, Any] = {"document": document}
            if caption is not None:
                fields.update(caption=caption, entities=detect_entities(caption))
            return self._post(state, self._author(state, user), reply_to, thread_id, fields)

    def press_button(
        self,
        chat: ChatRef,
        message: int | SentMessage,
        *,
        data: str | None = None,
        label: str | None = None,
        index: int | None = None,
        user: UserRef | None = None,
    ) -> str:
        """Press an inline button (chosen by data, label or 0-based index); return the query id."""
        with self._world.lock:
            world = self._world
            state = self._chat(chat)
            message_id = message.message_id if isinstance(message, SentMessage) else message
            stored = world.find_message(state.id, message_id)
            if stored is None:
                raise SandboxError(f"chat {state.id} has no message {message_id}")
            button = _pick_button(snapshot(stored), data, label, index)
            if state.type == "channel":
                author = self._user(user).id if user is not None else None
            else:
                author = self._author(state, user)
            if author is None:
                raise SandboxError("say which user presses the button in a channel")
            query_id = str(secrets.randbits(63))
            world.queries[query_id] = (author, state.id, message_id)
            payload = {
                "id": query_id,
                "from": world.users[author].to_api(),
                "message": world.message_api(stored),
                "chat_instance": str(abs(state.id)),
                "data": button,
            }
            world.add_update("callback_query", payload)
            return query_id


def _pick_button(
    message: SentMessage, data: str | None, label: str | None, index: int | None
) -> str:
    buttons = [b for b in message.button_list if b.callback_data is not None]
    if index is not None:
        if not 0 <= index < len(message.button_list):
            raise SandboxError(f"message {message.message_id} has no button #{index}")
        chosen = message.button_list[index]
        if chosen.callback_data is None:
            raise SandboxError(f"button {chosen.text!r} is a link, not a callback button")
        return chosen.callback_data
    for button in buttons:
        if (data is not None and button.callback_data == data) or (
            label is not None and button.text == label
        ):
            return str(button.callback_data)
    labels = [b.text for b in message.button_list]
    raise SandboxError(f"no button matches data={data!r} label={label!r}; buttons: {labels}")
