"""A local threaded HTTP server for feed and page tests (127.0.0.1 or another loopback address).

Routes are registered per path; each can be slow, gzip-encoded, conditional (ETag /
Last-Modified -> 304, counted), a redirect, an error, or a streaming generator (for
never-ending and oversized bodies). Every request is counted per path.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Stream = Callable[[], Iterator[bytes]]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    raw_encoding: str | None = None  # send `body` as is with this Content-Encoding
    delay: float = 0.0
    stream: Stream | None = None
    content_length: int | None = None  # a lie to tell, for the oversized tests


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients hanging up mid-body is exactly what the cap and timeout tests provoke.
        return


class FeedServer:
    """The server and its routing table; `url(path)` gives absolute addresses."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.conditional_requests: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self._lock = threading.Lock()
        self._httpd = _QuietServer((host, 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.base_url = f"http://{host}:{self._httpd.server_address[1]}"

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return self.base_url + path

    def add(self, path: str, body: bytes | str = b"", **options: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **options)
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        return self.add(path, status=status, headers={"Location": target}, content_type=None)

    def record(self, path: str, conditional: bool, not_modified: bool, agent: str) -> None:
        with self._lock:
            self.hits[path] += 1
            self.user_agents.append(agent)
            if conditional:
                self.conditional_requests[path] += 1
            if not_modified:
                self.not_modified[path] += 1


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            route = server.routes.get(path)
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            fresh = route is not None and (
                (route.etag is not None and inm == route.etag)
                or (
                    route.etag is None
                    and route.last_modified is not None
                    and ims == route.last_modified
                )
            )
            server.record(path, bool(inm or ims), fresh, self.headers.get("User-Agent", ""))
            try:
                if route is None:
                    self._send(404, b"<html><body>Not Found</body></html>", "text/html")
                elif fresh:
                    self._send(304, b"", None, etag=route.etag, last_modified=route.last_modified)
                else:
                    self._serve(route)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                self.close_connection = True

        def _send(self, status: int, body: bytes, content_type: str | None, **extra: Any) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in extra.items():
                if value is not None:
                    self.send_header(name.replace("_", "-").title(), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _serve(self, route: Route) -> None:
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            if route.stream is not None:
                self._stream(route)
                return
            body = route.body
            if route.gzip:
                body = gzip.compress(body)
                self.send_header("Content-Encoding", "gzip")
            elif route.raw_encoding:
                self.send_header("Content-Encoding", route.raw_encoding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, route: Route) -> None:
            assert route.stream is not None
            if route.content_length is not None:
                self.send_header("Content-Length", str(route.content_length))
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            for chunk in route.stream():
                self.wfile.write(chunk)
                self.wfile.flush()

    return Handler


def slow_drip(interval: float = 0.2, limit: float = 120.0) -> Stream:
    """A body that never ends: one byte every `interval` seconds (until the client hangs up)."""

    def stream() -> Iterator[bytes]:
        deadline = time.monotonic() + limit
        yield b"<?xml version='1.0'?><rss version='2.0'><channel>"
        while time.monotonic() < deadline:
            time.sleep(interval)
            yield b" "

    return stream


def endless_bytes(total: int = 2 * 1024**3, chunk: int = 64 * 1024) -> Stream:
    """A huge body (2 GB by default) streamed in chunks; the client is expected to hang up early."""

    def stream() -> Iterator[bytes]:
        block = b"<!-- filler -->" * (chunk // 15)
        sent = 0
        while sent < total:
            yield block
            sent += len(block)

    return stream
