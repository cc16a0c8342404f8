"""Out of the box the emulator holds Telegram's published limits: overall, per chat, per group."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.sandbox import BotApiEmulator


class Clock:
    """The emulator's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def api(clock: Clock) -> Iterator[BotApiEmulator]:
    with BotApiEmulator(clock=clock) as emulator:
        yield emulator


def _send(api: BotApiEmulator, chat_id: int, method: str = "sendMessage") -> httpx.Response:
    params = {"chat_id": chat_id, "text": "x", "action": "typing"}
    return httpx.post(f"{api.base_url}{api.token}/{method}", json=params)


def test_one_chat_takes_a_burst_of_three_then_one_a_second(api: BotApiEmulator, clock: Clock):
    chat = api.create_private_chat(api.create_user("Ann"))
    assert [_send(api, chat.id).status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = _send(api, chat.id).json()
    assert refused["parameters"]["retry_after"] == 1
    clock.now += 1.0
    assert [_send(api, chat.id).status_code for _ in range(2)] == [200, 429]
    # "typing" is not a message: it neither counts nor is refused.
    assert all(_send(api, chat.id, "sendChatAction").status_code == 200 for _ in range(5))


def test_the_whole_bot_takes_about_thirty_a_second(api: BotApiEmulator, clock: Clock) -> None:
    chats = [api.create_private_chat(api.create_user(f"U{n}")) for n in range(31)]
    codes = [_send(api, chat.id).status_code for chat in chats]
    assert codes == [200] * 30 + [429]
    clock.now += 0.1
    assert _send(api, chats[-1].id).status_code == 200  # three more have been earned


def test_a_group_takes_twenty_a_minute(api: BotApiEmulator, clock: Clock) -> None:
    admin = api.create_user("Boss")
    group = api.create_group("Club", creator=admin)
    for _ in range(20):
        assert _send(api, group.id).status_code == 200
        clock.now += 1.5
    refused = _send(api, group.id)
    assert refused.status_code == 429
    # The first of the twenty leaves the window 60 s after it was sent (30 s after now).
    assert refused.json()["parameters"]["retry_after"] == 30
    clock.now += 30.0
    assert _send(api, group.id).status_code == 200
