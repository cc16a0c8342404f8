"""HTTP endpoints for operators: /healthz, /readyz and /metrics, optionally beside the webhook.

Tornado is what python-telegram-bot's own webhook server uses, so one server can carry both:
in webhook mode the bot passes a `WebhookRoute` and every endpoint shares the webhook port;
when polling, the same server listens on NEWSBOT_HEALTH_PORT with the operator routes only.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.ops.exposition import Exposition
from bot.ops.readiness import Readiness, ReadinessProbe

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# The webhook body is one Telegram update; anything far larger is not from Telegram.
MAX_UPDATE_BYTES = 4 * 1024 * 1024

UpdateSink = Callable[[dict[str, Any]], Awaitable[None]]


class UndecodableUpdateError(ValueError):
    """Raised by an `UpdateSink` for a JSON object that is not a Telegram update."""


_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebhookRoute:
    """Where Telegram posts updates, the secret it must present, and who receives them."""

    path: str
    secret_token: str
    on_update: UpdateSink


class _HealthzHandler(tornado.web.RequestHandler):
    """Alive: the event loop answers."""

    def get(self) -> None:
        """Answer 200 with a short body."""
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish("ok\n")


class _ReadyzHandler(tornado.web.RequestHandler):
    """Ready: heartbeats and loop stamps are fresh, the database answers; else 503 and reasons."""

    def initialize(self, probe: ReadinessProbe, timeout: float) -> None:
        """Receive the probe and how long the database may take to answer."""
        self.probe = probe
        self.timeout = timeout

    async def get(self) -> None:
        """Run the probe off the event loop (it queries the database) and report."""
        try:
            verdict = await asyncio.wait_for(asyncio.to_thread(self.probe.check), self.timeout)
        except TimeoutError:
            verdict = Readiness(False, (f"database did not answer within {self.timeout:g}s",))
        self.set_status(HTTPStatus.OK if verdict.ready else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(verdict.as_json()))


class _MetricsHandler(tornado.web.RequestHandler):
    """Prometheus exposition, in the format the scraper's Accept header asks for."""

    def initialize(self, exposition: Exposition) -> None:
        """Receive what to render."""
        self.exposition = exposition

    async def get(self) -> None:
        """Render off the event loop: collectors may query the database."""
        accept = self.request.headers.get("Accept", "")
        body, content_type = await asyncio.to_thread(self.exposition.render, accept)
        self.set_header("Content-Type", content_type)
        self.finish(body)


class _WebhookHandler(tornado.web.RequestHandler):
    """Accepts Telegram's POSTed updates after checking the secret token."""

    def initialize(self, route: WebhookRoute) -> None:
        """Receive the route this handler serves."""
        self.route = route

    async def post(self) -> None:
        """Validate, decode and hand the update over; Telegram only needs a 200."""
        presented = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(presented.encode(), self.route.secret_token.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if len(self.request.body) > MAX_UPDATE_BYTES:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            data = json.loads(self.request.body)
        except ValueError:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        try:
            await self.route.on_update(data)
        except UndecodableUpdateError as exc:
            # 400 like python-telegram-bot's own webhook server: a bad body, not our failure.
            _log.warning("webhook: refused an update that cannot be decoded: %s", exc)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        self.finish()


def build_app(
    probe: ReadinessProbe,
    exposition: Exposition,
    *,
    webhook: WebhookRoute | None = None,
    readiness_timeout: float = 5.0,
) -> tornado.web.Application:
    """The tornado application with the operator routes, plus the webhook route if given."""
    routes: list[Any] = [
        (r"/healthz", _HealthzHandler),
        (r"/readyz", _ReadyzHandler, {"probe": probe, "timeout": readiness_timeout}),
        (r"/metrics", _MetricsHandler, {"exposition": exposition}),
    ]
    if webhook is not None:
        path = "/" + webhook.path.strip("/")
        if path in {"/healthz", "/readyz", "/metrics"}:
            raise ValueError(f"webhook path {path} collides with an operator endpoint")
        routes.append((path + "/?", _WebhookHandler, {"route": webhook}))
    return _QuietApplication(routes)


class _QuietApplication(tornado.web.Application):
    """Skips tornado's access log: a scrape every few seconds would drown the real events."""

    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Log only server errors."""
        if handler.get_status() >= 500:
            _log.warning(
                "%s %s -> %d", handler.request.method, handler.request.uri, handler.get_status()
            )


class HealthServer:
    """Runs an application from `build_app` on the current event loop."""

    def __init__(self, app: tornado.web.Application) -> None:
        self._server = HTTPServer(app, max_body_size=MAX_UPDATE_BYTES)
        self.port: int | None = None

    async def start(self, host: str = "0.0.0.0", port: int = 0) -> int:
        """Bind and start serving; returns the port actually bound (useful with port 0)."""
        sockets = bind_sockets(port, address=host)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        _log.info("health endpoints listening on %s:%d", host, self.port)
        return self.port

    async def stop(self) -> None:
        """Stop accepting connections and close the open ones."""
        self._server.stop()
        await self._server.close_all_connections()
