"""The HTTP side of the emulator: `/bot<token>/<method>` and `/file/bot<token>/<path>`.

A threading HTTP/1.1 server with keep-alive: every client connection gets a thread, so a
long-polling getUpdates never holds up the bot's other requests.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from bot.sandbox.dispatch import Answer, call
from bot.sandbox.errors import NOT_FOUND, UNAUTHORIZED, ApiError
from bot.sandbox.params import parse_request
from bot.sandbox.world import World

MAX_BODY = 64 * 1024 * 1024
# Extra routes (e.g. a control API) receive (http method, path, body) and return an Answer.
ExtraRoute = Callable[[str, str, bytes], Answer]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # socketserver's default backlog of 5 drops connections when a bot opens many at once.
    request_queue_size = 1024
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], world: World, extra: ExtraRoute | None) -> None:
        self.world = world
        self.extra = extra
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        conn, addr = super().get_request()
        with self.connections_lock:
            self.connections.add(conn)
        return conn, addr

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up mid-answer is normal (cancelled long polls, killed bots).
        return

    def drop_connections(self) -> None:
        with self.connections_lock:
            open_now = list(self.connections)
        for conn in open_now:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this each answer waits ~40 ms.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        # Request lines carry the bot token; the emulator keeps quiet.
        return

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ApiError(413, "Request Entity Too Large")
        return self.rfile.read(length) if length else b""

    def _serve(self, verb: str) -> None:
        try:
            body = self._body()
            answer = self._route(verb, body)
        except ApiError as err:
            answer = Answer(err.status, err.payload())
        if answer.lose:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send_json(answer.status, answer.body)

    def _route(self, verb: str, body: bytes) -> Answer:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        world = self.server.world
        if path.startswith("/file/bot"):
            token, _, file_path = path[len("/file/bot") :].partition("/")
            self._send_file(world, token, file_path)
            return Answer(0, {})
        if path.startswith("/bot"):
            token, _, method = path[len("/bot") :].partition("/")
            params = parse_request(self.headers.get("Content-Type", ""), body, parts.query)
            return call(world, token, method.strip("/"), params)
        if self.server.extra is not None:
            return self.server.extra(verb, self.path, body)
        return Answer(NOT_FOUND.status, NOT_FOUND.payload())

    def _send_file(self, world: World, token: str, file_path: str) -> None:
        if token != world.token:
            self._send_json(UNAUTHORIZED.status, UNAUTHORIZED.payload())
            return
        with world.lock:
            stored = world.file_paths.get(file_path)
        if stored is None:
            self._send_json(NOT_FOUND.status, NOT_FOUND.payload())
            return
        self.send_response(200)
        self.send_header("Content-Type", stored.mime_type or "application/octet-stream")
        self.send_header("Content-Length", str(len(stored.data)))
        self.end_headers()
        self.wfile.write(stored.data)

    def _send_json(self, status: int, body: dict[str, Any]) -> None:
        if status == 0:
            return
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class HttpFront:
    """Owns the listening socket and its serving thread."""

    def __init__(
        self, world: World, host: str = "127.0.0.1", port: int = 0, extra: ExtraRoute | None = None
    ) -> None:
        self._server = _Server((host, port), world, extra)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    @property
    def address(self) -> tuple[str, int]:
        """The (host, port) actually bound."""
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, hang up every open connection, release the socket."""
        self._server.shutdown()
        self._server.drop_connections()
        self._server.server_close()
        self._thread.join(timeout=5)
