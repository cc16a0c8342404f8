"""`kill -9` of a process delivering a digest to 1,000 chats, then a restart: nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.digest.build import send_now
from bot.sandbox import BotApiEmulator
from bot.store import Store
from tests.digest.delivery_world import check_faults, duplicates, now, populate
from tests.newsroom import add_news

REPO = Path(__file__).resolve().parents[2]
CONCURRENCY = 8  # bot.delivery.SenderConfig's default: the most messages in flight


def _deliver(
    store_url: str, api: BotApiEmulator, tmp_path: Path, follow: bool
) -> subprocess.Popen[bytes]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": store_url,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.root,
        "NEWSBOT_GLOBAL_RATE": "400",
    }
    command = [sys.executable, "-m", "bot", "digest", "--deliver", "--lease", "2"]
    name = "first" if follow else "second"
    # Files, not pipes: a killed process leaves nothing unread and can never block on output.
    with (tmp_path / f"{name}.out").open("wb") as out, (tmp_path / f"{name}.err").open("wb") as err:
        return subprocess.Popen(
            [*command, "--follow"] if follow else command,
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=err,
        )


def _sent(store: Store) -> int:
    return store.outbox.status_counts().get("sent", 0)


def test_kill_9_half_way_then_restart(
    store: Store, store_url: str, bot_api: BotApiEmulator, tmp_path: Path
) -> None:
    start = now()
    add_news(store, start)
    world = populate(bot_api, store, 1000)
    bot_api.set_flood_limits(global_per_second=300, per_chat_per_second=1)
    total = send_now(store, start).messages

    first = _deliver(store_url, bot_api, tmp_path, follow=True)
    deadline = time.monotonic() + 60
    while _sent(store) < total // 2 and time.monotonic() < deadline:
        assert first.poll() is None, (tmp_path / "first.err").read_text()
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = _sent(store)
    assert 0 < killed_at < total, "killed half-way"

    second = _deliver(store_url, bot_api, tmp_path, follow=False)
    assert second.wait(timeout=90) == 0, (tmp_path / "second.err").read_text()
    assert "sent" in (tmp_path / "second.out").read_text()

    assert store.outbox.pending_depth() == 0
    extra = duplicates(bot_api, store, world)
    assert all(count == 1 for count in extra.values()), "at most the one message in flight"
    assert sum(extra.values()) <= CONCURRENCY
    check_faults(bot_api, store, world)
