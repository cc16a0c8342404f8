"""A tiny Bot API on loopback that answers sendMessage with recorded Telegram responses.

Each sendMessage takes the next scripted `Answer` (status, body exactly as Telegram sends it,
an optional delay, or a dropped connection); getMe always succeeds, so a `telegram.Bot` can be
initialised against it. The form of every sendMessage is kept for the test to read.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

TOKEN = "123456:recorded"
_ME = {"id": 123456, "is_bot": True, "first_name": "Recorded", "username": "recorded_bot"}


@dataclass(frozen=True)
class Answer:
    """One HTTP answer to sendMessage; `drop` closes the connection without any."""

    status: int = 200
    body: bytes = b""
    delay: float = 0.0
    content_type: str = "application/json"
    drop: bool = False


def telegram_error(
    status: int, description: str, parameters: dict[str, Any] | None = None
) -> Answer:
    """An error body in Telegram's documented shape (keys in the order Telegram sends them)."""
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters is not None:
        body["parameters"] = parameters
    return Answer(status, json.dumps(body, separators=(",", ":")).encode())


@dataclass
class RecordedApi:
    """The server's script and what it was asked."""

    answers: list[Answer] = field(default_factory=list)
    forms: list[dict[str, str]] = field(default_factory=list)
    base_url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self, form: dict[str, str]) -> Answer:
        """Note the form and take the next scripted answer."""
        with self.lock:
            self.forms.append(form)
            return self.answers.pop(0)


def _accepted(form: dict[str, str]) -> bytes:
    # What Telegram returns for an accepted message, trimmed to the fields PTB needs.
    chat_id = int(form["chat_id"])
    result = {
        "message_id": 4711,
        "from": _ME,
        "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
        "date": 1764633600,
        "text": form.get("text", ""),
    }
    return json.dumps({"ok": True, "result": result}).encode()


def _handler(api: RecordedApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            form = {key: values[0] for key, values in parse_qs(raw).items()}
            method = self.path.rsplit("/", 1)[-1]
            if method == "getMe":
                answer = Answer(200, json.dumps({"ok": True, "result": _ME}).encode())
            else:
                answer = api.next_answer(form)
                if answer.status == 200 and not answer.body:
                    answer = replace(answer, body=_accepted(form))
            if answer.delay:
                time.sleep(answer.delay)
            if answer.drop:
                self.close_connection = True
                self.connection.close()
                return
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting (a timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads the recorded forms instead."""

    return Handler


@contextmanager
def recorded_api() -> Iterator[RecordedApi]:
    """Serve a `RecordedApi` on 127.0.0.1 (a free port) for the duration of the block."""
    api = RecordedApi()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(api))
    server.daemon_threads = True
    api.base_url = f"http://127.0.0.1:{server.server_address[1]}/bot"
    thread = threading.Thread(target=server.serve_forever, name="recorded-api", daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
