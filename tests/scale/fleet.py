"""Real `newsbot` subprocesses against one database, and the local news site they ingest."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import httpx

from tests.feedserver import FeedServer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / ".." / "shared" / "samples" / "jinyuan-cadre-training.txt"
_GAUGE = re.compile(r"^(newsbot_[a-z_]+)(\{[^}]*\})? ([0-9.eE+-]+)$", re.MULTILINE)


def free_port() -> int:
    """A port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def base_env(database_url: str, token: str, api_root: str, **extra: str) -> dict[str, str]:
    """The environment of a bot subprocess: nothing inherited but PATH."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_URL": api_root,
        "NEWSBOT_ALLOW_PRIVATE_URLS": "1",
        "PTB_TIMEDELTA": "true",
        **extra,
    }


def wait_while_progressing(
    what: str, count: Callable[[], int], target: int, stall: float, *alive: BotProcess
) -> None:
    """Poll `count` until it reaches `target`; fail when it has not grown for `stall` seconds.

    A busy machine slows a fleet down without stopping it: what fails is a fleet that no
    longer moves, not one that moves slowly.
    """
    last, moved_at = count(), time.monotonic()
    while last < target:
        for process in alive:
            assert process.popen.poll() is None, f"{process.name} died:\n{process.log()}"
        assert time.monotonic() - moved_at < stall, f"{what}: stuck at {last} of {target}"
        time.sleep(0.2)
        now = count()
        if now > last:
            last, moved_at = now, time.monotonic()


@dataclass
class BotProcess:
    """One `newsbot` subprocess with its logs in files (a killed process leaves no pipe)."""

    name: str
    popen: subprocess.Popen[bytes]
    logs: Path
    port: int | None = None

    def log(self) -> str:
        """Its stderr so far (for assertion messages)."""
        return (self.logs / f"{self.name}.err").read_text(errors="replace")[-4000:]

    def metrics(self) -> dict[str, float]:
        """Its /metrics, unlabelled series and `name{labels}` keys alike."""
        answer = httpx.get(f"http://127.0.0.1:{self.port}/metrics", timeout=5)
        answer.raise_for_status()
        return {f"{m[1]}{m[2] or ''}": float(m[3]) for m in _GAUGE.finditer(answer.text)}

    def kill(self) -> None:
        """`kill -9`: no shutdown code runs at all."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()

    def stop(self) -> None:
        """A clean stop (SIGTERM), or a kill when it does not come."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


def start(name: str, args: list[str], env: dict[str, str], cwd: Path) -> BotProcess:
    """Start `python -m bot ARGS` with its output in `cwd/NAME.out` and `.err`."""
    with (cwd / f"{name}.out").open("wb") as out, (cwd / f"{name}.err").open("wb") as err:
        popen = subprocess.Popen(
            [sys.executable, "-m", "bot", *args], cwd=cwd, env=env, stdout=out, stderr=err
        )
    return BotProcess(name, popen, cwd)


def start_webhook_bot(name: str, env: dict[str, str], cwd: Path) -> BotProcess:
    """`newsbot run` in webhook mode: its own port carries the webhook and /metrics."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    args = ["run", "--webhook-url", url, "--port", str(port), "--listen", "127.0.0.1"]
    process = start(name, args, env, cwd)
    process.port = port
    return process


def wait_until(what: str, check: Callable[[], bool], timeout: float, *alive: BotProcess) -> None:
    """Poll `check` until true; fail early with its log when a process died."""
    deadline = time.monotonic() + timeout
    while not check():
        for process in alive:
            assert process.popen.poll() is None, f"{process.name} died:\n{process.log()}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


@dataclass
class NewsSite:
    """An RSS feed and its article pages on a local server; `publish` adds an item."""

    server: FeedServer
    items: list[tuple[str, str]] = field(default_factory=list)  # (title, page path)
    page_delay: float = 0.0

    @property
    def feed_url(self) -> str:
        """The address of the RSS document."""
        return self.server.url("/feed.xml")

    def publish(self, title: str) -> str:
        """Add an article page and its feed item; returns the page URL."""
        path = f"/news/{len(self.items) + 1}.html"
        body = SAMPLE.read_text(encoding="utf-8")
        # A lead of its own: pages with the very same text are one article to de-duplication.
        lead = f"<p>{escape(title)}: report number {len(self.items) + 1} from the local desk.</p>"
        paragraphs = lead + "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        page = (
            f"<html><head><title>{escape(title)}</title></head><body><article>"
            f"<h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
        )
        self.server.add(path, page, delay=self.page_delay)
        self.items.append((title, path))
        self.server.add("/feed.xml", self._rss(), content_type="application/rss+xml")
        return self.server.url(path)

    def _rss(self) -> str:
        entries = "".join(
            f"<item><title>{escape(title)}</title><link>{self.server.url(path)}</link>"
            f"<guid>{self.server.url(path)}</guid></item>"
            for title, path in reversed(self.items)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Shanxi Local</title><link>{self.server.base_url}</link>{entries}"
            "</channel></rss>"
        )
