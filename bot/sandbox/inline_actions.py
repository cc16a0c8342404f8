"""Inline mode from the user's side: type `@bot words`, read the bot's answer, pick a result.

api.set_inline_mode(feedback=True)           # BotFather /setinline, /setinlinefeedback
query_id = api.inline_query(alice, "metro")  # an `inline_query` update for the bot
answer = api.wait_for_inline_answer(query_id)
api.choose_inline_result(query_id, answer.results[0].id, group, user=alice)
"""

from __future__ import annotations

import secrets

from bot.sandbox.errors import SandboxError
from bot.sandbox.inline_records import CHAT_TYPES, InlineAnswer, InlineQueryState
from bot.sandbox.observation import Observation
from bot.sandbox.population import ChatRef, UserRef
from bot.sandbox.records import SentMessage

# What Telegram clients let a user type after the bot's name.
MAX_QUERY_CHARS = 256


class InlineActions(Observation):
    """Inline queries, their answers, and results posted into chats "via @bot"."""

    def set_inline_mode(
        self, enabled: bool = True, *, placeholder: str = "Search…", feedback: bool = False
    ) -> None:
        """Switch inline mode as BotFather's /setinline does (and /setinlinefeedback)."""
        with self._world.lock:
            book = self._world.inline
            book.enabled, book.placeholder, book.feedback = enabled, placeholder, feedback
            self._world.touch()

    def inline_query(
        self,
        user: UserRef,
        query: str = "",
        *,
        offset: str = "",
        chat: ChatRef | None = None,
    ) -> str:
        """`user` types `@bot query` (in `chat`, else in their chat with the bot); the query id."""
        with self._world.lock:
            world = self._world
            if not world.inline.enabled:
                raise SandboxError("inline mode is off for this bot (BotFather /setinline)")
            if len(query) > MAX_QUERY_CHARS:
                raise SandboxError(f"an inline query holds at most {MAX_QUERY_CHARS} characters")
            person = self._user(user)
            chat_type = "sender"
            if chat is not None:
                state = self._chat(chat)
                chat_type = "sender" if state.id == person.id else state.type
            assert chat_type in CHAT_TYPES
            query_id = str(secrets.randbits(63))
            world.inline.queries[query_id] = InlineQueryState(
                query_id, person.id, query, offset, chat_type, asked_at=world.clock()
            )
            payload = {
                "id": query_id,
                "from": person.to_api(),
                "query": query,
                "offset": offset,
                "chat_type": chat_type,
            }
            world.add_update("inline_query", payload)
            return query_id

    def inline_answer(self, query_id: str) -> InlineAnswer | None:
        """The bot's answer to an inline query, if it came."""
        with self._world.lock:
            state = self._world.inline.queries.get(query_id)
            return state.answer if state is not None else None

    def wait_for_inline_answer(self, query_id: str, *, timeout: float = 10.0) -> InlineAnswer:
        """Block until the bot answered the query; return the answer."""
        self.wait_until(
            lambda: self.inline_answer(query_id) is not None,
            timeout=timeout,
            what=f"the answer to inline query {query_id}",
        )
        answer = self.inline_answer(query_id)
        assert answer is not None
        return answer

    async def wait_for_inline_answer_async(
        self, query_id: str, *, timeout: float = 10.0
    ) -> InlineAnswer:
        """`wait_for_inline_answer` for async tests."""
        await self.wait_until_async(
            lambda: self.inline_answer(query_id) is not None,
            timeout=timeout,
            what=f"the answer to inline query {query_id}",
        )
        answer = self.inline_answer(query_id)
        assert answer is not None
        return answer

    def choose_inline_result(
        self,
        query_id: str,
        result_id: str,
        chat: ChatRef,
        *,
        thread_id: int | None = None,
    ) -> SentMessage:
        """The user who asked picks a result: its message appears in `chat` "via @bot".

        With feedback on, the bot also gets a `chosen_inline_result` update.
        """
        with self._world.lock:
            world = self._world
            state = world.inline.queries.get(query_id)
            if state is None or state.answer is None:
                raise SandboxError(f"inline query {query_id} has no answer to choose from")
            result = state.answer.result(result_id)
            if result is None:
                ids = [r.id for r in state.answer.results]
                raise SandboxError(f"the answer holds no result {result_id!r}; it has {ids}")
            target = self._chat(chat)
            if target.type == "private" and target.id != state.user_id:
                raise SandboxError(f"user {state.user_id} cannot post in chat {target.id}")
            if target.type == "channel" and state.user_id not in target.admins:
                raise SandboxError(f"user {state.user_id} cannot post in channel {target.id}")
            fields = {
                "text": result.text,
                "entities": [dict(e) for e in result.entities],
                "source": result.source,
                "parse_mode": result.parse_mode,
                "reply_markup": dict(result.reply_markup) if result.reply_markup else None,
                "link_preview_options": (
                    dict(result.link_preview_options) if result.link_preview_options else None
                ),
                "via_bot_id": world.bot.id,
            }
            author = self._author(target, None if target.type == "private" else state.user_id)
            posted = self._post(target, author, None, thread_id, fields)
            if world.inline.feedback:
                chosen = {
                    "result_id": result.id,
                    "from": world.users[state.user_id].to_api(),
                    "query": state.query,
                }
                if result.reply_markup:
                    # Telegram names the message only when it has buttons the bot may edit.
                    chosen["inline_message_id"] = secrets.token_urlsafe(16)
                world.add_update("chosen_inline_result", chosen)
            return posted
