"""`newsbot sandbox --script` end to end, and `newsbot run` without a token, as subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """/start
/subscribe taiyuan
/search metro
1
/digest
/summary {link}
/settings tz Taiyuan
"""


def _newsbot(args: list[str], tmp_path: Path, stdin: str | None = None) -> str:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "NEWSBOT_", "DATABASE_URL"))
    }
    env.update(NEWSBOT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.mark.slow
def test_sandbox_script_shows_the_real_answers(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    link = "{base_url}/articles/taiyuan-metro-line-2.html"  # filled in by the sandbox
    script.write_text(SCRIPT.replace("{link}", link), encoding="utf-8")
    out = _newsbot(["sandbox", "--script", str(script)], tmp_path)
    assert "Hello, You!" in out
    assert "Subscribed to **Taiyuan**" in out
    assert "Results for “metro”" in out
    assert "Your news digest" in out
    assert "**Route and stations**\n• " in out
    assert "Time zone set to Asia/Shanghai." in out
    assert (tmp_path / "data" / "sandbox" / "newsbot.db").is_file()
    log = (tmp_path / "data" / "sandbox" / "newsbot.log").read_text(encoding="utf-8")
    assert "SANDBOX-" not in log


@pytest.mark.slow
def test_run_without_a_token_starts_the_sandbox(tmp_path: Path) -> None:
    out = _newsbot(["run"], tmp_path, stdin="/help\n")
    assert out.startswith("No TELEGRAM_BOT_TOKEN is set: starting the offline sandbox instead.")
    assert "/summary" in out
