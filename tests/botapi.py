"""Test conveniences around the Bot API emulator (`bot.sandbox`).

Use them from any test package. Either add ``pytest_plugins = ["tests.botapi"]`` to the root
``tests/conftest.py``, or re-export in a package's conftest::

    from tests.botapi import bot_api, ptb_bot  # noqa: F401

Fixtures
- ``bot_api``: a started ``BotApiEmulator`` on 127.0.0.1 (port 0), stopped afterwards.
  Point python-telegram-bot at it with ``bot_api.token``, ``bot_api.base_url`` and
  ``bot_api.base_file_url`` (or give a subprocess ``TELEGRAM_API_URL=bot_api.root`` and
  ``TELEGRAM_BOT_TOKEN=bot_api.token``). It outlives any bot you start and stop in the test,
  so messages delivered before a restart (or a ``kill -9`` of a bot subprocess) stay readable.
  It also sets ``PTB_TIMEDELTA=true``: without it python-telegram-bot 22 emits a
  deprecation warning (an error under ``filterwarnings = error``) whenever it builds a
  ``RetryAfter``, and ``retry_after`` is then a ``datetime.timedelta``, as it will be in PTB 23.
- ``ptb_bot``: an initialised ``telegram.Bot`` talking to ``bot_api`` (async fixture).

Helpers (plain functions)
- ``private_chat(api, name="Alice", language_code="en") -> (User, Chat)``
- ``group_chat(api, admin, *members, supergroup=False, bot_is_admin=False) -> Chat``
- ``forum_chat(api, admin, *topics) -> (Chat, {topic name: message_thread_id})``
- ``application_builder(api)``: a PTB ``ApplicationBuilder`` preset with token and URLs.
- ``running(application)``: async context manager that initialises, starts and polls an
  Application (fast long-polls), and stops it cleanly on exit.

Scripting and reading (methods of the emulator; see ``bot/sandbox/emulator.py``)
- users/chats: ``create_user``, ``create_private_chat``, ``create_group``, ``create_channel``,
  ``create_topic``, ``set_administrators``, ``add_member``, ``set_bot_status``.
- as a user: ``send_text(chat, text, user=, reply_to=, thread_id=)``,
  ``send_document(chat, data, file_name, caption=, user=)``,
  ``press_button(chat, message, data=|label=|index=, user=) -> query_id``.
- inline mode: ``set_inline_mode(feedback=)`` (BotFather's /setinline), then
  ``inline_query(user, query, offset=, chat=) -> query_id``, ``inline_answer(query_id)``,
  ``wait_for_inline_answer(query_id)`` (``*_async`` too), ``choose_inline_result(query_id,
  result_id, chat)`` (posts "via" the bot; a ``chosen_inline_result`` update with feedback on).
- what the bot did: ``messages(chat, thread_id=None)`` (edits applied, ``.text``, ``.html``,
  ``.buttons``), ``last_message``, ``chats_with_messages()``, ``send_stats(chat, method)``
  (accepted/refused), ``callback_answer(query_id)``, ``commands(language_code, scope)``,
  ``calls(method)``, ``file_bytes(file_id)``.
- waiting: ``wait_for(count|predicate, chat=, thread_id=, timeout=)``,
  ``wait_for_text(chat, fragment)``, ``wait_until(predicate)``; in async tests use the
  ``*_async`` variants, never the blocking ones.
- failures: ``set_flood_limits(global_per_second, per_chat_per_second)``,
  ``set_chat_flood_limit``, ``block_chat``, ``delete_chat``, ``set_chat_fault(chat,
  "deactivated")``, ``migrate_chat(chat) -> new Chat``, ``fail_next(n, status=, methods=)``,
  ``set_server_error_rate(rate)``, ``lose_next_responses(n, methods=)``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
import telegram
from telegram.ext import Application, ApplicationBuilder

from bot.sandbox import BotApiEmulator, Chat, User
from bot.sandbox.telegram_html import parse_html


@pytest.fixture
def bot_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[BotApiEmulator]:
    """A started Bot API emulator on loopback (and PTB_TIMEDELTA=true, see the docstring)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    emulator = BotApiEmulator().start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
async def ptb_bot(bot_api: BotApiEmulator) -> AsyncIterator[telegram.Bot]:
    """A python-telegram-bot `Bot` bound to the emulator."""
    bot = telegram.Bot(
        bot_api.token, base_url=bot_api.base_url, base_file_url=bot_api.base_file_url
    )
    async with bot:
        yield bot


def private_chat(
    api: BotApiEmulator, name: str = "Alice", language_code: str | None = "en"
) -> tuple[User, Chat]:
    """A new user and their private chat with the bot."""
    user = api.create_user(name, language_code=language_code)
    return user, api.create_private_chat(user)


def group_chat(
    api: BotApiEmulator,
    admin: User,
    *members: User,
    supergroup: bool = False,
    bot_is_admin: bool = False,
) -> Chat:
    """A group whose creator is `admin`, with the other users as plain members."""
    return api.create_group(
        "Newsroom",
        members=members,
        creator=admin,
        supergroup=supergroup,
        bot_is_admin=bot_is_admin,
    )


def forum_chat(api: BotApiEmulator, admin: User, *topics: str) -> tuple[Chat, dict[str, int]]:
    """A forum supergroup created by `admin`, with the named topics opened."""
    chat = api.create_group("Forum", creator=admin, forum=True)
    return chat, {name: api.create_topic(chat, name, by=admin) for name in topics}


def application_builder(api: BotApiEmulator) -> Any:
    """A PTB ApplicationBuilder pointed at the emulator."""
    return (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
    )


@asynccontextmanager
async def running(application: Application[Any, Any, Any, Any, Any, Any]) -> AsyncIterator[None]:
    """Run an Application with polling for the duration of the block."""
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


def plain_text(html: str) -> str:
    """The text Telegram shows for `html`, white space folded: compares queued and received."""
    text, _entities = parse_html(html)
    return " ".join(text.split())
