"""The emulator over plain HTTP: request encodings, answer shapes and Telegram's errors."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import pytest

from bot.sandbox import BotApiEmulator
from tests.botapi import private_chat


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


def call(http: httpx.Client, api: BotApiEmulator, method: str, **params: object) -> httpx.Response:
    return http.post(f"{api.base_url}{api.token}/{method}", json=params)


def test_send_message_answers_a_bot_api_message(
    http: httpx.Client, bot_api: BotApiEmulator
) -> None:
    _, chat = private_chat(bot_api)
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "y"}]]}
    response = call(
        http,
        bot_api,
        "sendMessage",
        chat_id=chat.id,
        text="<b>Hello</b>",
        parse_mode="HTML",
        reply_markup=markup,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    message = body["result"]
    assert message["message_id"] == 1
    assert message["chat"] == {"id": chat.id, "type": "private", "first_name": "Alice"}
    assert message["from"]["id"] == bot_api.bot.id
    assert message["from"]["is_bot"] is True
    assert message["text"] == "Hello"
    assert message["entities"] == [{"type": "bold", "offset": 0, "length": 5}]
    assert message["reply_markup"] == markup
    assert isinstance(message["date"], int)
    assert bot_api.messages(chat)[0].html == "<b>Hello</b>"


def test_form_encoded_and_query_string_requests_are_understood(
    http: httpx.Client, bot_api: BotApiEmulator
) -> None:
    _, chat = private_chat(bot_api)
    form = {
        "chat_id": str(chat.id),
        "text": "42",
        "reply_markup": json.dumps(
            {"inline_keyboard": [[{"text": "A", "url": "https://a.example"}]]}
        ),
    }
    response = http.post(f"{bot_api.base_url}{bot_api.token}/sendMessage", data=form)
    assert response.json()["result"]["text"] == "42"
    response = http.get(
        f"{bot_api.base_url}{bot_api.token}/SENDMESSAGE", params={"chat_id": chat.id, "text": "q"}
    )
    assert response.json()["result"]["text"] == "q"
    assert [m.text for m in bot_api.messages(chat)] == ["42", "q"]
    assert bot_api.messages(chat)[0].buttons[0][0].url == "https://a.example"


def test_wrong_token_unknown_method_and_unknown_path(
    http: httpx.Client, bot_api: BotApiEmulator
) -> None:
    wrong = http.post(f"{bot_api.base_url}1:wrong/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    unknown = call(http, bot_api, "sendTelepathy")
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert http.get(f"{bot_api.root}/elsewhere").status_code == 404


def test_html_errors_are_400_with_telegrams_description(
    http: httpx.Client, bot_api: BotApiEmulator
) -> None:
    _, chat = private_chat(bot_api)
    response = call(
        http, bot_api, "sendMessage", chat_id=chat.id, text="a <br> b", parse_mode="HTML"
    )
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: can't parse entities: "
        'Unsupported start tag "br" at byte offset 2',
    }
    assert bot_api.send_stats(chat).refused_by_status == {400: 1}
    assert bot_api.messages(chat) == []


def test_length_limit_counts_utf16_code_units(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    _, chat = private_chat(bot_api)
    assert call(http, bot_api, "sendMessage", chat_id=chat.id, text="😀" * 2048).status_code == 200
    too_long = call(http, bot_api, "sendMessage", chat_id=chat.id, text="😀" * 2047 + "ab>")
    assert too_long.status_code == 400
    assert too_long.json()["description"] == "Bad Request: message is too long"
    stats = bot_api.send_stats(chat)
    assert (stats.accepted, stats.refused) == (1, 1)


def test_unknown_chat_and_missing_reply_target(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    missing = call(http, bot_api, "sendMessage", chat_id=987654, text="x")
    assert missing.json()["description"] == "Bad Request: chat not found"
    _, chat = private_chat(bot_api)
    reply = call(
        http, bot_api, "sendMessage", chat_id=chat.id, text="x", reply_parameters={"message_id": 77}
    )
    assert reply.json()["description"] == "Bad Request: message to be replied not found"


def test_bad_inline_keyboards_are_refused(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    _, chat = private_chat(bot_api)
    long_data = {"inline_keyboard": [[{"text": "A", "callback_data": "x" * 65}]]}
    response = call(http, bot_api, "sendMessage", chat_id=chat.id, text="x", reply_markup=long_data)
    assert response.json()["description"] == "Bad Request: BUTTON_DATA_INVALID"
    no_action = {"inline_keyboard": [[{"text": "A"}]]}
    response = call(http, bot_api, "sendMessage", chat_id=chat.id, text="x", reply_markup=no_action)
    assert "Text buttons are unallowed" in response.json()["description"]


def test_multipart_upload_and_download(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    _, chat = private_chat(bot_api)
    content = bytes(range(256)) * 10
    response = http.post(
        f"{bot_api.base_url}{bot_api.token}/sendDocument",
        data={"chat_id": str(chat.id), "caption": "<b>feeds</b>", "parse_mode": "HTML"},
        files={"document": ("feeds.opml", content, "text/x-opml")},
    )
    document = response.json()["result"]["document"]
    assert document["file_name"] == "feeds.opml"
    assert document["file_size"] == len(content)
    info = call(http, bot_api, "getFile", file_id=document["file_id"]).json()["result"]
    download = http.get(f"{bot_api.base_file_url}{bot_api.token}/{info['file_path']}")
    assert download.status_code == 200
    assert download.content == content
    assert http.get(f"{bot_api.base_file_url}{bot_api.token}/documents/nothing").status_code == 404
    assert (
        call(http, bot_api, "getFile", file_id="nope").json()["description"]
        == "Bad Request: invalid file_id"
    )


def test_edit_delete_and_not_modified(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    _, chat = private_chat(bot_api)
    markup = {"inline_keyboard": [[{"text": "▶", "callback_data": "next"}]]}
    sent = call(
        http, bot_api, "sendMessage", chat_id=chat.id, text="page 1", reply_markup=markup
    ).json()["result"]
    edited = call(
        http,
        bot_api,
        "editMessageText",
        chat_id=chat.id,
        message_id=sent["message_id"],
        text="page 2",
        reply_markup=markup,
    )
    assert edited.json()["result"]["text"] == "page 2"
    assert "edit_date" in edited.json()["result"]
    same = call(
        http,
        bot_api,
        "editMessageText",
        chat_id=chat.id,
        message_id=sent["message_id"],
        text="page 2",
        reply_markup=markup,
    )
    assert same.json()["description"].startswith("Bad Request: message is not modified")
    (message,) = bot_api.messages(chat)
    assert (message.text, message.edits) == ("page 2", 1)
    assert (
        call(http, bot_api, "deleteMessage", chat_id=chat.id, message_id=sent["message_id"]).json()[
            "result"
        ]
        is True
    )
    assert bot_api.messages(chat) == []
    gone = call(http, bot_api, "deleteMessage", chat_id=chat.id, message_id=sent["message_id"])
    assert gone.json()["description"] == "Bad Request: message to delete not found"


def test_commands_are_kept_per_scope_and_language(
    http: httpx.Client, bot_api: BotApiEmulator
) -> None:
    commands = [{"command": "start", "description": "Start"}]
    chinese = [{"command": "start", "description": "开始"}]
    assert call(http, bot_api, "setMyCommands", commands=commands).json()["result"] is True
    assert (
        call(http, bot_api, "setMyCommands", commands=chinese, language_code="zh").json()["result"]
        is True
    )
    assert call(http, bot_api, "getMyCommands").json()["result"] == commands
    assert call(http, bot_api, "getMyCommands", language_code="zh").json()["result"] == chinese
    scope = {"type": "all_group_chats"}
    assert call(http, bot_api, "getMyCommands", scope=scope).json()["result"] == []
    assert bot_api.commands("zh") == chinese
    bad = call(
        http, bot_api, "setMyCommands", commands=[{"command": "Bad Name", "description": "x"}]
    )
    assert bad.status_code == 400


def test_webhook_is_stored_and_blocks_get_updates(
    http: httpx.Client, bot_api: BotApiEmulator
) -> None:
    assert call(
        http, bot_api, "setWebhook", url="https://example.org/hook", secret_token="s"
    ).json()["result"]
    assert (
        call(http, bot_api, "getWebhookInfo").json()["result"]["url"] == "https://example.org/hook"
    )
    conflict = call(http, bot_api, "getUpdates")
    assert conflict.status_code == 409
    assert call(http, bot_api, "deleteWebhook").json()["result"] is True
    assert call(http, bot_api, "getUpdates").json() == {"ok": True, "result": []}


@pytest.mark.parametrize("method", ["logOut", "close"])
def test_log_out_and_close_acknowledge(
    http: httpx.Client, bot_api: BotApiEmulator, method: str
) -> None:
    assert call(http, bot_api, method).json() == {"ok": True, "result": True}


def test_updates_are_pushed_to_a_webhook(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    received: list[tuple[str | None, dict[str, object]]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("X-Telegram-Bot-Api-Secret-Token"), json.loads(body)))
            status = 500 if len(received) == 1 else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        assert call(http, bot_api, "setWebhook", url=url, secret_token="s3cret").json()["ok"]
        _, chat = private_chat(bot_api)
        bot_api.send_text(chat, "/start")
        bot_api.send_text(chat, "/help")
        bot_api.wait_until(lambda: bot_api.pending_updates() == 0, timeout=10)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    texts = [update["message"]["text"] for _, update in received]  # type: ignore[index]
    assert texts == ["/start", "/start", "/help"]
    assert {secret for secret, _ in received} == {"s3cret"}


def test_chat_actions_and_membership_queries(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    admin = bot_api.create_user("Ada")
    member = bot_api.create_user("Bo")
    group = bot_api.create_group("G", members=[member], creator=admin)
    assert call(http, bot_api, "sendChatAction", chat_id=group.id, action="typing").json()["result"]
    wrong = call(http, bot_api, "sendChatAction", chat_id=group.id, action="dancing")
    assert wrong.status_code == 400
    assert call(http, bot_api, "getChatMemberCount", chat_id=group.id).json()["result"] == 3
    assert call(http, bot_api, "leaveChat", chat_id=group.id).json()["result"] is True
    after = call(http, bot_api, "sendMessage", chat_id=group.id, text="x")
    assert after.json()["description"] == "Forbidden: bot was kicked from the group chat"
    private = call(http, bot_api, "getChatAdministrators", chat_id=admin.id)
    assert private.json()["description"] == "Bad Request: chat not found"


def test_random_server_errors_are_reproducible(http: httpx.Client, bot_api: BotApiEmulator) -> None:
    _, chat = private_chat(bot_api)
    # 80 messages to one chat at once: only server errors are under test here, not flood limits.
    bot_api.set_flood_limits(None, None, None)

    def run() -> list[int]:
        bot_api.set_server_error_rate(0.2, status=500, seed=7)
        return [
            call(http, bot_api, "sendMessage", chat_id=chat.id, text="x").status_code
            for _ in range(40)
        ]

    first = run()
    assert set(first) == {200, 500}
    assert run() == first
    bot_api.set_server_error_rate(0.0)
    assert call(http, bot_api, "sendMessage", chat_id=chat.id, text="x").status_code == 200
