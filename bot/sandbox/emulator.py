"""The Bot API emulator: an HTTP server on loopback plus a Python API to script and inspect it.

In process::

    with BotApiEmulator() as api:
        alice = api.create_user("Alice")
        chat = api.create_private_chat(alice)
        # point python-telegram-bot at api.base_url / api.base_file_url with api.token
        api.send_text(chat, "/start")
        api.wait_for(1, chat=chat)

As a process (the state survives restarts when --state is given)::

    python -m bot.sandbox --port 8081 --state sandbox-state.json
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from bot.sandbox.control import ControlApi
from bot.sandbox.inline_actions import InlineActions
from bot.sandbox.persistence import load_world, save_world
from bot.sandbox.records import User
from bot.sandbox.server import HttpFront
from bot.sandbox.webhook import WebhookPusher
from bot.sandbox.world import World

DEFAULT_TOKEN = "123456789:SANDBOX-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
DEFAULT_USERNAME = "newsbot_sandbox_bot"


class BotApiEmulator(InlineActions):
    """A Telegram Bot API server of our own on 127.0.0.1, scriptable from tests."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = DEFAULT_USERNAME,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.time,
        control_api: bool = False,
    ) -> None:
        self._world = World(token, bot_username, clock)
        self._host, self._port = host, port
        self._control = ControlApi(self) if control_api else None
        self._front: HttpFront | None = None
        self._pusher: WebhookPusher | None = None

    @property
    def token(self) -> str:
        """The only token this server accepts (others get 401)."""
        return self._world.token

    @property
    def bot(self) -> User:
        """The emulated bot's own user."""
        return self._world.bot

    @property
    def root(self) -> str:
        """The server's root URL, e.g. http://127.0.0.1:41234 (what TELEGRAM_API_URL takes)."""
        if self._front is None:
            raise RuntimeError("the emulator is not started")
        host, port = self._front.address
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """python-telegram-bot's `base_url`: methods are called at base_url + token + /method."""
        return f"{self.root}/bot"

    @property
    def base_file_url(self) -> str:
        """python-telegram-bot's `base_file_url` for downloads."""
        return f"{self.root}/file/bot"

    def start(self) -> BotApiEmulator:
        """Start serving in background threads; returns self."""
        if self._front is None:
            extra = self._control.route if self._control is not None else None
            self._front = HttpFront(self._world, self._host, self._port, extra)
            with self._world.lock:
                self._world.stopping = False
            self._front.start()
            self._pusher = WebhookPusher(self._world)
            self._pusher.start()
        return self

    def stop(self) -> None:
        """Answer pending long polls, hang up every connection, free the port."""
        if self._front is None:
            return
        with self._world.lock:
            self._world.stopping = True
            self._world.touch()
        if self._pusher is not None:
            self._pusher.stop()
            self._pusher = None
        self._front.stop()
        self._front = None

    def __enter__(self) -> BotApiEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def save_state(self, path: Path) -> None:
        """Write the whole emulated state (chats, messages, files, updates) to a JSON file."""
        with self._world.lock:
            save_world(self._world, path)

    def load_state(self, path: Path) -> None:
        """Replace the emulated state by one written with `save_state`."""
        with self._world.lock:
            load_world(self._world, path)
            self._world.touch()

    @property
    def state_version(self) -> int:
        """A counter that grows on every change (for savers and pollers)."""
        return self._world.version


def main(argv: Sequence[str] | None = None) -> int:
    """Run the emulator as a process until SIGTERM or Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument(
        "--state", type=Path, help="JSON file the state is loaded from and saved to"
    )
    args = parser.parse_args(argv)
    emulator = BotApiEmulator(args.token, host=args.host, port=args.port, control_api=True)
    if args.state is not None and args.state.exists():
        emulator.load_state(args.state)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    with emulator:
        print(f"Bot API emulator listening on {emulator.root}", flush=True)
        saved = emulator.state_version
        while not done.wait(0.5):
            if args.state is not None and emulator.state_version != saved:
                saved = emulator.state_version
                emulator.save_state(args.state)
        if args.state is not None:
            emulator.save_state(args.state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
