"""A tiny static HTTP server on loopback for the sandbox's sample feeds and pages.

Text documents (.xml, .rss, .atom, .html, .htm, .opml) may contain the literal `{base_url}`;
it is replaced by the server's own root URL, so feeds can link to pages served beside them.
ETag / If-None-Match is honoured, so conditional GETs are exercised as against a real site.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlsplit

PLACEHOLDER = "{base_url}"
_TEMPLATED = frozenset({".xml", ".rss", ".atom", ".html", ".htm", ".opml"})
_TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".html": "text/html",
    ".htm": "text/html",
    ".opml": "text/x-opml",
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # socketserver's default backlog of 5 drops connections when a bot opens many at once.
    request_queue_size = 1024
    root: Path
    base_url: str

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without this each answer waits ~40 ms.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_HEAD(self) -> None:
        self._serve(include_body=False)

    def do_GET(self) -> None:
        self._serve(include_body=True)

    def _serve(self, include_body: bool) -> None:
        target = self._resolve()
        if target is None:
            self._reply(404, b"not found\n", "text/plain; charset=utf-8", include_body)
            return
        data = target.read_bytes()
        suffix = target.suffix.lower()
        if suffix in _TEMPLATED:
            data = data.replace(PLACEHOLDER.encode(), self.server.base_url.encode())
        etag = '"' + hashlib.sha1(data).hexdigest()[:20] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        kind = (
            _TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        )
        if kind.startswith("text/") or kind.endswith("xml"):
            kind += "; charset=utf-8"
        self._reply(200, data, kind, include_body, {"ETag": etag})

    def _resolve(self) -> Path | None:
        relative = unquote(urlsplit(self.path).path).lstrip("/")
        root = self.server.root
        candidate = (root / relative).resolve()
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_file() or not candidate.is_relative_to(root):
            return None
        return candidate

    def _reply(
        self,
        status: int,
        data: bytes,
        kind: str,
        include_body: bool,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if include_body:
            self.wfile.write(data)


class StaticServer:
    """Serves one directory on 127.0.0.1 (port 0 by default) in a background thread."""

    def __init__(self, directory: Path, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._directory = Path(directory).resolve()
        if not self._directory.is_dir():
            raise FileNotFoundError(f"no such directory: {self._directory}")
        self._host, self._port = host, port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """The root URL, e.g. http://127.0.0.1:40123 (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("the static server is not started")
        return self._server.base_url

    def url(self, relative: str) -> str:
        """The URL of a file under the served directory."""
        return f"{self.base_url}/{relative.lstrip('/')}"

    def start(self) -> StaticServer:
        """Start serving; returns self."""
        if self._server is None:
            server = _Server((self._host, self._port), _Handler)
            server.root = self._directory
            host, port = server.server_address[:2]
            server.base_url = f"http://{host!s}:{port}"
            self._server = server
            self._thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
