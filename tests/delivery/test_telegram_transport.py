"""The Telegram adapter against recorded Bot API answers, over real HTTP on loopback.

Each error body is what Telegram documents and returns (`ok`, `error_code`, `description`,
and `parameters` with `retry_after` or `migrate_to_chat_id`); python-telegram-bot turns it
into its exception and `TelegramTransport` into one outcome of the delivery seam.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import pytest
import telegram
from telegram.request import HTTPXRequest

from bot.delivery import ChatGone, Failed, Outcome, Part, RetryAt, Sent
from bot.delivery.telegram_transport import TelegramTransport
from tests.delivery.recorded_api import TOKEN, Answer, RecordedApi, recorded_api, telegram_error

UPGRADED = "Bad Request: group chat was upgraded to a supergroup chat"
CASES: list[tuple[str, Answer, Outcome]] = [
    ("accepted", Answer(200), Sent(4711)),
    (
        "blocked",
        telegram_error(403, "Forbidden: bot was blocked by the user"),
        ChatGone("Forbidden: bot was blocked by the user", "blocked"),
    ),
    (
        "kicked",
        telegram_error(403, "Forbidden: bot was kicked from the group chat"),
        ChatGone("Forbidden: bot was kicked from the group chat", "blocked"),
    ),
    (
        "user deactivated",
        telegram_error(403, "Forbidden: user is deactivated"),
        ChatGone("Forbidden: user is deactivated", "blocked"),
    ),
    (
        "chat not found",
        telegram_error(400, "Bad Request: chat not found"),
        ChatGone("Chat not found", "chat_not_found"),
    ),
    (
        "group deactivated",
        telegram_error(400, "Bad Request: group chat was deactivated"),
        ChatGone("Group chat was deactivated", "chat_not_found"),
    ),
    (
        "topic gone",
        telegram_error(400, "Bad Request: message thread not found"),
        ChatGone("Message thread not found", "topic_not_found"),
    ),
    (
        "topic closed",
        telegram_error(400, "Bad Request: TOPIC_CLOSED"),
        ChatGone("Topic_closed", "topic_not_found"),
    ),
    (
        "too long",
        telegram_error(400, "Bad Request: message is too long"),
        Failed("Message is too long", permanent=True, kind="bad_request"),
    ),
    (
        "unparsable HTML",
        telegram_error(
            400,
            'Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 5',
        ),
        Failed(
            'Can\'t parse entities: unsupported start tag "blink" at byte offset 5',
            permanent=True,
            kind="bad_request",
        ),
    ),
    (
        "flood control",
        telegram_error(429, "Too Many Requests: retry after 35", {"retry_after": 35}),
        RetryAt(35.0, "Flood control exceeded. Retry in 0:00:35"),
    ),
    (
        "migrated",
        telegram_error(400, UPGRADED, {"migrate_to_chat_id": -1001234567890}),
        ChatGone(
            "Group migrated to supergroup. New chat id: -1001234567890", "migrated", -1001234567890
        ),
    ),
    (
        "internal error",
        telegram_error(500, "Internal Server Error"),
        Failed("Internal Server Error", permanent=False, kind="server_error"),
    ),
    (
        "bad gateway page",
        Answer(
            502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", content_type="text/html"
        ),
        Failed(
            "Bad Gateway (502). Parsing the server response "
            "b'<html><body><h1>502 Bad Gateway</h1></body></html>' failed",
            permanent=False,
            kind="server_error",
        ),
    ),
    (
        "unauthorized",
        telegram_error(401, "Unauthorized"),
        Failed("Unauthorized", permanent=False, kind="error"),
    ),
]


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordedApi]:
    # PTB 22 warns on every RetryAfter unless it may hand back a timedelta (tests/botapi.py).
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    with recorded_api() as served:
        yield served


@pytest.fixture
async def transport(api: RecordedApi) -> AsyncIterator[TelegramTransport]:
    # A short read timeout, so the test of a slow answer need not wait long.
    request = HTTPXRequest(read_timeout=0.5, connect_timeout=2.0)
    async with telegram.Bot(TOKEN, base_url=api.base_url, request=request) as bot:
        yield TelegramTransport(bot)


@pytest.mark.parametrize(("answer", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_each_recorded_answer_maps_to_its_outcome(
    api: RecordedApi, transport: TelegramTransport, answer: Answer, expected: Outcome
) -> None:
    api.answers.append(answer)
    assert await transport.send(Part(42, "hi")) == expected
    assert len(api.forms) == 1, "one call, never a retry of its own"


async def test_the_request_carries_html_topic_buttons_and_no_preview(
    api: RecordedApi, transport: TelegramTransport
) -> None:
    api.answers += [Answer(200), Answer(200)]
    markup = {"inline_keyboard": [[{"text": "Summary", "callback_data": "sum:7"}], ["junk"]]}
    assert await transport.send(Part(-100555, "<b>Today</b>", 9, markup)) == Sent(4711)
    assert await transport.send(Part(42, "plain")) == Sent(4711)
    topic, plain = api.forms
    assert topic["chat_id"] == "-100555"
    assert topic["text"] == "<b>Today</b>"
    assert topic["parse_mode"] == "HTML"
    assert topic["message_thread_id"] == "9"
    assert json.loads(topic["link_preview_options"]) == {"is_disabled": True}
    assert json.loads(topic["reply_markup"]) == {
        "inline_keyboard": [[{"text": "Summary", "callback_data": "sum:7"}]]
    }
    assert "message_thread_id" not in plain, "thread 0 is the chat itself"
    assert "reply_markup" not in plain


async def test_a_slow_answer_is_a_timeout_to_retry(
    api: RecordedApi, transport: TelegramTransport
) -> None:
    api.answers.append(Answer(200, delay=1.5))
    outcome = await transport.send(Part(42, "hi"))
    assert isinstance(outcome, Failed)
    assert (outcome.permanent, outcome.kind) == (False, "timeout")


async def test_a_dropped_connection_is_a_network_failure_to_retry(
    api: RecordedApi, transport: TelegramTransport
) -> None:
    api.answers.append(Answer(drop=True))
    outcome = await transport.send(Part(42, "hi"))
    assert isinstance(outcome, Failed)
    assert (outcome.permanent, outcome.kind) == (False, "server_error")
