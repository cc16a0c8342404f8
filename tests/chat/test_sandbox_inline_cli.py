"""`newsbot sandbox --script` with inline queries: the real bot, the emulator and the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """/subscribe taiyuan
@newsbot_sandbox_bot metro
1
@newsbot_sandbox_bot
@newsbot_sandbox_bot typhoon
/help
"""


@pytest.mark.slow
def test_inline_queries_in_the_sandbox_post_summaries_via_the_bot(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "NEWSBOT_", "DATABASE_URL"))
    }
    env.update(NEWSBOT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", "--script", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "  [1] Taiyuan opens its second metro line to passengers" in out
    assert "you (via @newsbot_sandbox_bot): Taiyuan opens its second metro line" in out
    assert "**Route and stations**\n• The line passes through" in out
    assert "🔗 Open <http://127.0.0.1:" in out
    assert "  [1] 太原晋源区探索干部培训新模式" in out  # the newest Taiyuan story comes first
    assert "  (Nothing found for “typhoon” · open the bot)" in out
    assert "type my @username and a few words" in out
    log = (tmp_path / "data" / "sandbox" / "newsbot.log").read_text(encoding="utf-8")
    assert " ERROR " not in log
    assert "Traceback" not in log
