"""Reading what the bot did: its messages, counters, answers, and waiting for them."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

from bot.sandbox.errors import SandboxTimeoutError
from bot.sandbox.population import ChatRef, chat_id_of
from bot.sandbox.records import ApiCall, CallbackAnswer, SendStats, SentMessage
from bot.sandbox.snapshots import snapshot
from bot.sandbox.user_actions import UserActions

Condition = int | Callable[[list[SentMessage]], bool]
_ASYNC_POLL = 0.01


class _Probe:
    """A wait predicate that keeps the messages that satisfied `condition`."""

    def __init__(self, read: Callable[[], list[SentMessage]], condition: Condition) -> None:
        self._read = read
        self._condition = condition
        self.found: list[SentMessage] = []

    def __call__(self) -> bool:
        found = self._read()
        condition = self._condition
        met = len(found) >= condition if isinstance(condition, int) else condition(found)
        if met:
            self.found = found
        return met


class Observation(UserActions):
    """Read-only views of the emulator, plus sync and async waits on them."""

    def messages(
        self,
        chat: ChatRef,
        thread_id: int | None = None,
        *,
        include_user: bool = False,
        include_deleted: bool = False,
    ) -> list[SentMessage]:
        """The bot's messages in a chat (one topic when `thread_id` is given), oldest first."""
        with self._world.lock:
            stored = self._world.messages.get(chat_id_of(chat), {}).values()
            return [
                snapshot(m)
                for m in stored
                if (include_user or m.from_bot)
                and (include_deleted or not m.deleted)
                and (thread_id is None or m.thread_id == thread_id)
                and (m.text is not None or m.caption is not None or m.document is not None)
            ]

    def last_message(self, chat: ChatRef, thread_id: int | None = None) -> SentMessage | None:
        """The bot's newest message in a chat (or topic), if any."""
        found = self.messages(chat, thread_id)
        return found[-1] if found else None

    def chats_with_messages(self) -> dict[int, list[SentMessage]]:
        """Every chat the bot posted in, with its live messages."""
        with self._world.lock:
            ids = [cid for cid, stored in self._world.messages.items() if stored]
            return {cid: found for cid in ids if (found := self.messages(cid))}

    def send_stats(self, chat: ChatRef, method: str = "sendMessage") -> SendStats:
        """How many `method` calls for this chat were accepted and refused (by status)."""
        wanted = chat_id_of(chat)
        with self._world.lock:
            accepted, refused = 0, 0
            by_status: dict[int, int] = {}
            for (name, chat_key, status), count in self._world.outcomes.items():
                if name != method or chat_key != wanted:
                    continue
                if status == 200:
                    accepted += count
                else:
                    refused += count
                    by_status[status] = by_status.get(status, 0) + count
            return SendStats(accepted, refused, by_status)

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """The answered Bot API calls, oldest first (optionally of one method)."""
        with self._world.lock:
            return [c for c in self._world.calls if method is None or c.method == method]

    def callback_answer(self, query_id: str) -> CallbackAnswer | None:
        """The bot's answerCallbackQuery for a pressed button, if it came."""
        with self._world.lock:
            answer = self._world.answers.get(query_id)
            return answer if isinstance(answer, CallbackAnswer) else None

    def commands(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[Any]:
        """The command menu the bot set for a scope (default scope) and language."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        with self._world.lock:
            return list(self._world.commands.get(key, []))

    def file_bytes(self, file_id: str) -> bytes:
        """The content of a stored file (what the bot uploaded, or a user sent)."""
        with self._world.lock:
            return self._world.files[file_id].data

    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by the bot."""
        with self._world.lock:
            return len(self._world.updates)

    def _probe(self, condition: Condition, chat: ChatRef, thread_id: int | None) -> _Probe:
        return _Probe(lambda: self.messages(chat, thread_id), condition)

    def wait_for(
        self,
        condition: Condition,
        *,
        chat: ChatRef,
        thread_id: int | None = None,
        timeout: float = 10.0,
    ) -> list[SentMessage]:
        """Block until the chat holds `condition` bot messages (or the predicate holds).

        Do not call it from a coroutine running the bot in the same event loop: use
        `wait_for_async` there.
        """
        probe = self._probe(condition, chat, thread_id)
        self.wait_until(probe, timeout=timeout, what=f"messages in chat {chat_id_of(chat)}")
        return probe.found

    async def wait_for_async(
        self,
        condition: Condition,
        *,
        chat: ChatRef,
        thread_id: int | None = None,
        timeout: float = 10.0,
    ) -> list[SentMessage]:
        """`wait_for` for async tests: polls without blocking the event loop."""
        probe = self._probe(condition, chat, thread_id)
        await self.wait_until_async(
            probe, timeout=timeout, what=f"messages in chat {chat_id_of(chat)}"
        )
        return probe.found

    def wait_for_text(
        self, chat: ChatRef, fragment: str, *, thread_id: int | None = None, timeout: float = 10.0
    ) -> SentMessage:
        """Block until a bot message containing `fragment` is in the chat; return it."""
        found = self.wait_for(
            lambda ms: any(fragment in m.text for m in ms),
            chat=chat,
            thread_id=thread_id,
            timeout=timeout,
        )
        return next(m for m in found if fragment in m.text)

    async def wait_for_text_async(
        self, chat: ChatRef, fragment: str, *, thread_id: int | None = None, timeout: float = 10.0
    ) -> SentMessage:
        """`wait_for_text` for async tests."""
        found = await self.wait_for_async(
            lambda ms: any(fragment in m.text for m in ms),
            chat=chat,
            thread_id=thread_id,
            timeout=timeout,
        )
        return next(m for m in found if fragment in m.text)

    def wait_until(
        self, predicate: Callable[[], bool], *, timeout: float = 10.0, what: str = "condition"
    ) -> None:
        """Block until `predicate()` is true, re-checking on every change in the emulator."""
        deadline = time.monotonic() + timeout
        with self._world.changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise SandboxTimeoutError(f"timed out after {timeout}s waiting for {what}")
                self._world.changed.wait(min(remaining, 0.5))

    async def wait_until_async(
        self, predicate: Callable[[], bool], *, timeout: float = 10.0, what: str = "condition"
    ) -> None:
        """`wait_until` for async tests: yields to the event loop between checks."""
        deadline = time.monotonic() + timeout
        while True:
            if predicate():
                return
            if time.monotonic() >= deadline:
                raise SandboxTimeoutError(f"timed out after {timeout}s waiting for {what}")
            await asyncio.sleep(_ASYNC_POLL)
