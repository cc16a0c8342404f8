"""Three processes on one PostgreSQL send one admin alert per kind and hour between them."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.sandbox import BotApiEmulator
from bot.store import open_store
from tests.scale.fleet import base_env

SCRIPT = Path(__file__).with_name("alerting_process.py")
PROCESSES = 3
ROUNDS = 2
KINDS = 3  # two kinds of error and one paused feed


def _fleet(url: str, api: BotApiEmulator, admin: int, tmp_path: Path) -> list[int]:
    """Start the processes together, let them alert at one moment, return what each sent."""
    env = base_env(url, api.token, api.root)
    go_at = time.time() + 6.0  # every process is up by then, even on a busy machine
    args = [url, api.root, api.token, str(admin), f"{go_at}", str(ROUNDS)]
    running = [
        subprocess.Popen(
            [sys.executable, str(SCRIPT), *args],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    counts = []
    for process in running:
        out, err = process.communicate(timeout=90)
        assert process.returncode == 0, err[-3000:]
        counts.append(int(out.strip().splitlines()[-1]))
    return counts


@pytest.mark.slow
@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_three_processes_send_one_alert_per_kind_and_hour(
    store_url: str, bot_api: BotApiEmulator, tmp_path: Path
) -> None:
    admin = bot_api.create_user("Ada")
    chat = bot_api.create_private_chat(admin)
    counts = _fleet(store_url, bot_api, admin.id, tmp_path)
    assert sum(counts) == KINDS, f"alerts sent per process: {counts}"
    texts = [m.text for m in bot_api.messages(chat)]
    assert len(texts) == KINDS
    assert sum("LookupError" in t for t in texts) == 1
    assert sum("RuntimeError" in t for t in texts) == 1
    assert sum("Feed #7" in t for t in texts) == 1

    # An hour later (the marks moved back), each kind goes out once more, with the count of
    # the alerts held back meanwhile: every process's repeats, not only its own.
    with open_store(store_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE throttle_marks SET sent_at = sent_at - interval '1 hour'"))
    counts = _fleet(store_url, bot_api, admin.id, tmp_path)
    assert sum(counts) == KINDS, f"alerts sent per process an hour later: {counts}"
    later = [m.text for m in bot_api.messages(chat)][KINDS:]
    held = PROCESSES * ROUNDS - 1
    assert all(f"({held} more alerts like this held back in the last hour.)" in t for t in later)
