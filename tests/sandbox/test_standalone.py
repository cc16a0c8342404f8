"""The emulator as its own process: control API, state file, and a restart in between."""

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bot.sandbox import BotApiEmulator
from tests.botapi import private_chat

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def emulator_process(state: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox", "--port", "0", "--state", str(state)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Bot API emulator listening on "), line
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode == 0


def control(http: httpx.Client, root: str, action: str, **kwargs: Any) -> Any:
    response = http.post(f"{root}/sandbox/{action}", content=json.dumps(kwargs))
    assert response.status_code == 200, response.text
    return response.json()["result"]


def test_state_survives_an_emulator_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    token = "123456789:SANDBOX-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    with httpx.Client() as http:
        with emulator_process(state) as root:
            user = control(http, root, "create_user", first_name="Ann")
            chat = control(http, root, "create_private_chat", user=user["id"])
            control(http, root, "send_text", chat=chat["id"], text="/start")
            sent = http.post(
                f"{root}/bot{token}/sendMessage", json={"chat_id": chat["id"], "text": "Hi"}
            )
            assert sent.json()["ok"] is True
        with emulator_process(state) as root:
            messages = control(http, root, "messages", chat=chat["id"], include_user=True)
            assert [m["text"] for m in messages] == ["/start", "Hi"]
            updates = http.post(f"{root}/bot{token}/getUpdates").json()["result"]
            assert [u["message"]["text"] for u in updates] == ["/start"]
            again = http.post(
                f"{root}/bot{token}/sendMessage", json={"chat_id": chat["id"], "text": "Again"}
            )
            assert again.json()["result"]["message_id"] == 3
            refused = http.post(f"{root}/sandbox/no_such_action", content=b"{}")
            assert refused.status_code == 404


def test_in_process_state_round_trip(tmp_path: Path) -> None:
    with BotApiEmulator() as first:
        _, chat = private_chat(first)
        first.send_document(chat, b"\x00\x01binary", "a.bin")
        first.save_state(tmp_path / "s.json")
    with BotApiEmulator() as second:
        second.load_state(tmp_path / "s.json")
        (message,) = second.messages(chat, include_user=True)
        assert message.document is not None
        assert second.file_bytes(message.document["file_id"]) == b"\x00\x01binary"
