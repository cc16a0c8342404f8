"""`newsbot run` as a real process: webhook mode end to end, and polling with a health port."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.cli.run import webhook_secret
from bot.sandbox import BotApiEmulator, Chat, User
from tests.botapi import private_chat

REPO = Path(__file__).resolve().parents[2]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HOOK_PATH = "/telegram/hook"
STARTUP_SECONDS = 20.0
_COMMAND_COUNT = re.compile(r'^newsbot_command_seconds_count\{command="(\w+)"\} (\S+)$', re.M)


@pytest.fixture
def emulator() -> Iterator[BotApiEmulator]:
    """A Bot API emulator of this test's own, outliving the bot process."""
    with BotApiEmulator() as api:
        yield api


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(database_url: str, api: BotApiEmulator, **extra: str) -> dict[str, str]:
    """Nothing inherited but PATH: the process sees only what a deployment would set."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.root,
        "NEWSBOT_ALLOW_PRIVATE_URLS": "1",
        "PTB_TIMEDELTA": "true",
        **extra,
    }


class BotProcess:
    """A `python -m bot run ...` subprocess whose stderr goes to a file."""

    def __init__(self, args: list[str], env: dict[str, str], folder: Path) -> None:
        self.stderr_path = folder / "bot.err"
        with (folder / "bot.out").open("wb") as out, self.stderr_path.open("wb") as err:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", *args],
                cwd=folder,
                env=env,
                stdout=out,
                stderr=err,
            )

    def stderr(self) -> str:
        """Everything written to stderr so far."""
        return self.stderr_path.read_text(errors="replace")

    def wait_until(self, what: str, check: Callable[[], bool]) -> None:
        """Poll `check`; fail with the log as soon as the process dies or time runs out."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while not check():
            assert self.popen.poll() is None, f"the bot died:\n{self.stderr()[-4000:]}"
            assert time.monotonic() < deadline, f"timed out waiting for {what}:\n{self.stderr()}"
            time.sleep(0.1)

    def terminate(self) -> int:
        """SIGTERM, as a platform stops a process; returns the exit status."""
        self.popen.send_signal(signal.SIGTERM)
        return self.popen.wait(timeout=15)

    def kill(self) -> None:
        """Make sure nothing outlives the test."""
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait()


@contextmanager
def bot_process(args: list[str], env: dict[str, str], folder: Path) -> Iterator[BotProcess]:
    """Start the bot; kill it on the way out if the test did not stop it."""
    process = BotProcess(args, env, folder)
    try:
        yield process
    finally:
        process.kill()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _command_update(update_id: int, user: User, chat: Chat, command: str) -> dict[str, Any]:
    """A message update as Telegram would post it, carrying `command`."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat.id, "type": "private", "first_name": user.first_name},
            "from": user.to_api(),
            "text": command,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
        },
    }


def _command_counts(base: str) -> dict[str, int]:
    """Commands handled so far, from the Prometheus text on /metrics."""
    text = httpx.get(base + "/metrics", timeout=10).text
    return {name: int(float(value)) for name, value in _COMMAND_COUNT.findall(text)}


def _assert_clean_exit(process: BotProcess) -> None:
    status = process.terminate()
    log = process.stderr()
    assert status == 0, log
    assert "Traceback" not in log, log


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_webhook_mode_serves_updates_and_operator_endpoints(
    store_url: str, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    hook = base + HOOK_PATH
    args = ["--webhook-url", hook, "--port", str(port), "--listen", "127.0.0.1"]
    _, chat = private_chat(emulator, "Alice")
    mallory, forged_chat = private_chat(emulator, "Mallory")
    with bot_process(args, _environment(store_url, emulator), tmp_path) as bot:
        bot.wait_until("/healthz", lambda: _answers(base + "/healthz"))
        bot.wait_until("setWebhook", lambda: bool(emulator.calls("setWebhook")))
        assert [call.status for call in emulator.calls("setWebhook")] == [200]
        emulator.save_state(tmp_path / "emulator.json")
        webhook = json.loads((tmp_path / "emulator.json").read_text())["webhook"]
        assert webhook["url"] == hook
        assert webhook["secret_token"] == webhook_secret(emulator.token)

        # Posted by someone who does not know the secret: refused, and never handled.
        forged = _command_update(900_001, mallory, forged_chat, "/help")
        assert httpx.post(hook, json=forged, timeout=5).status_code in {401, 403}
        wrong = {SECRET_HEADER: "not-the-secret"}
        assert httpx.post(hook, json=forged, headers=wrong, timeout=5).status_code in {401, 403}

        # Through Telegram (the emulator pushes both updates to the webhook with the secret).
        emulator.send_text(chat, "/start")
        emulator.wait_for(1, chat=chat, timeout=STARTUP_SECONDS)
        emulator.send_text(chat, "/help")
        replies = emulator.wait_for(2, chat=chat, timeout=STARTUP_SECONDS)
        assert "Hello, Alice!" in replies[0].text
        assert "What I can do" in replies[1].text
        # The reply can be sent before the webhook's 200 reaches the emulator: wait for it.
        bot.wait_until("the pushes confirmed", lambda: emulator.pending_updates() == 0)
        assert emulator.messages(forged_chat) == []
        # The same update with the secret is handled: the refusal above was the secret's doing.
        right = {SECRET_HEADER: webhook_secret(emulator.token)}
        assert httpx.post(hook, json=forged, headers=right, timeout=5).status_code == 200
        assert "What I can do" in emulator.wait_for(1, chat=forged_chat)[0].text

        # Bodies that are no update: refused plainly, and the process carries on.
        for body in (b"not json", b"[]", b"{}", b'{"update_id": 7, "message": 5}'):
            answer = httpx.post(hook, content=body, headers=right, timeout=5)
            assert answer.status_code == 400, body

        ready = httpx.get(base + "/readyz", timeout=10)
        assert ready.status_code == 200, ready.text
        assert ready.json() == {"ready": True, "problems": []}
        metrics = httpx.get(base + "/metrics", timeout=10)
        assert metrics.status_code == 200
        assert metrics.headers["Content-Type"].startswith("text/plain")
        # Recorded just after each reply is sent, so poll rather than read once.
        bot.wait_until("command metrics", lambda: _command_counts(base) == {"help": 2, "start": 1})

        _assert_clean_exit(bot)


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_polling_mode_serves_operator_endpoints_on_the_health_port(
    store_url: str, emulator: BotApiEmulator, tmp_path: Path
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = _environment(store_url, emulator, NEWSBOT_HEALTH_PORT=str(port))
    _, chat = private_chat(emulator, "Bea")
    with bot_process(["--listen", "127.0.0.1"], env, tmp_path) as bot:
        bot.wait_until("/healthz", lambda: _answers(base + "/healthz"))
        emulator.send_text(chat, "/help")
        assert "What I can do" in emulator.wait_for(1, chat=chat, timeout=STARTUP_SECONDS)[0].text
        assert emulator.calls("setWebhook") == []
        assert httpx.get(base + "/readyz", timeout=10).json() == {"ready": True, "problems": []}
        assert "newsbot_" in httpx.get(base + "/metrics", timeout=10).text
        # No webhook route when polling: nobody can inject updates through the health port.
        assert httpx.post(base + "/telegram", json={}, timeout=5).status_code == 404
        _assert_clean_exit(bot)


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("problem", ["port in use", "token rejected"])
def test_a_bot_that_cannot_start_says_why_in_one_line(
    store_url: str, emulator: BotApiEmulator, tmp_path: Path, problem: str
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1] if problem == "port in use" else _free_port()
        env = _environment(store_url, emulator)
        if problem == "token rejected":
            env["TELEGRAM_BOT_TOKEN"] = "42:not-the-emulators-token"
        hook = f"http://127.0.0.1:{port}{HOOK_PATH}"
        args = ["--webhook-url", hook, "--port", str(port), "--listen", "127.0.0.1"]
        with bot_process(args, env, tmp_path) as bot:
            status = bot.popen.wait(timeout=STARTUP_SECONDS)
    log = bot.stderr()
    assert status == 1, log
    assert "Traceback" not in log, log
    expected = {
        "port in use": f"newsbot run: cannot listen on 127.0.0.1:{port}: ",
        "token rejected": "newsbot run: the Bot API rejected TELEGRAM_BOT_TOKEN\n",
    }[problem]
    assert expected in log
    assert "not-the-emulators-token" not in log
