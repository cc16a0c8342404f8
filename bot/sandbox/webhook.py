"""Webhook delivery: while a webhook is set, pending updates are POSTed to it, in order.

Like Telegram, each update is sent as a JSON body with the secret token in the
`X-Telegram-Bot-Api-Secret-Token` header, and retried until the receiver answers 2xx.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

from bot.sandbox.world import World

RETRY_DELAY = 0.5
REQUEST_TIMEOUT = 10.0


class WebhookPusher:
    """A background thread that pushes updates to the configured webhook URL."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._thread = threading.Thread(target=self._run, name="webhook-pusher", daemon=True)
        self._halt = threading.Event()

    def start(self) -> None:
        """Begin delivering."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the request in flight, if any."""
        self._halt.set()
        with self._world.lock:
            self._world.touch()
        self._thread.join(timeout=REQUEST_TIMEOUT + 1)

    def _next(self) -> tuple[str, str | None, dict[str, Any]] | None:
        world = self._world
        with world.changed:
            while not self._halt.is_set():
                url = world.webhook.get("url")
                if url and world.updates:
                    return str(url), world.webhook.get("secret_token"), world.updates[0]
                world.changed.wait(1.0)
        return None

    def _run(self) -> None:
        while (job := self._next()) is not None:
            url, secret, update = job
            if _post(url, secret, update):
                with self._world.lock:
                    if self._world.updates and self._world.updates[0] is update:
                        self._world.updates.popleft()
                        self._world.touch()
            else:
                self._halt.wait(RETRY_DELAY)


def _post(url: str, secret: str | None, update: dict[str, Any]) -> bool:
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        url, data=json.dumps(update).encode("utf-8"), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            return 200 <= int(response.status) < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False
