"""Any argument to any command gets a polite answer and never an error in the logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.news.articles import SummarizedArticle
from bot.news.errors import FetchError
from bot.runtime import Background, build_bot
from bot.sandbox import BotApiEmulator, Chat, User
from bot.settings import Settings
from bot.store import Store, open_store
from tests.chat.harness import ErrorRecords, seed
from tests.chat.threaded import ThreadedBot

TRICKY = st.sampled_from(
    [
        '"',
        "'",
        "\\",
        "*",
        "OR",
        "AND NOT",
        "NEAR(",
        ")",
        ":",
        "^",
        "-",
        "'; DROP TABLE chats; --",
        "<b>",
        "&amp;",
        "%",
        "_",
        "\x00",
        "太原",
        "🚇",
        "\u202e",
        "@",
        "#1",
        "07:30",
        "all",
    ]
)
ARGUMENTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(TRICKY, st.text(max_size=12)), max_size=12).map(" ".join),
    st.text(min_size=3000, max_size=4000),
)


@dataclass
class Fuzz:
    api: BotApiEmulator
    store: Store
    errors: ErrorRecords
    boss: User
    member: User

    # A chat per example: Telegram's per-chat limits (about one message a second, 20 a minute
    # in a group) would otherwise pace the whole run to one chat's rate.
    def private(self) -> Chat:
        return self.api.create_private_chat(self.api.create_user("Fuzzy"))

    def group(self) -> Chat:
        return self.api.create_group("Fuzz", members=[self.member], creator=self.boss)


async def _offline(url: str) -> SummarizedArticle:
    # Generated text may hold a URL; these tests must never reach the network.
    raise FetchError(f"not fetched in tests: {url[:40]}")


@pytest.fixture(scope="module")
def fuzz(module_store_url: str) -> Iterator[Fuzz]:
    errors = ErrorRecords()
    logging.getLogger().addHandler(errors)
    # Flood control is on: a 429 must become a RetryAfter, not a warning (see tests/botapi.py).
    with pytest.MonkeyPatch.context() as patch, BotApiEmulator() as api:
        patch.setenv("PTB_TIMEDELTA", "true")
        store = open_store(module_store_url)
        seed(store, datetime.now(UTC))
        settings_ = Settings(bot_token=api.token, api_url=api.root, database_url=module_store_url)
        application = build_bot(
            settings_, store, summarize_link=_offline, background=Background.none()
        )
        runner = ThreadedBot(application).start()
        try:
            boss, member = api.create_user("Boss"), api.create_user("Member")
            yield Fuzz(api, store, errors, boss, member)
        finally:
            runner.stop()
            store.close()
            logging.getLogger().removeHandler(errors)


COMMANDS = [
    "subscribe",
    "unsubscribe",
    "settings",
    "search",
    "summary",
    "latest",
    "addfeed",
    "removefeed",
    "resumefeed",
    "channel",
    "digest",
]


def _ask(fuzz: Fuzz, chat: Chat, text: str, user: User | None = None) -> str:
    before = len(fuzz.api.messages(chat))
    fuzz.api.send_text(chat, text, user=user)
    found = fuzz.api.wait_for(before + 1, chat=chat, timeout=30)
    return found[before].text


@pytest.mark.parametrize("command", COMMANDS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argument=ARGUMENTS)
def test_any_argument_gets_a_polite_answer(fuzz: Fuzz, command: str, argument: str) -> None:
    answer = _ask(fuzz, fuzz.private(), f"/{command} {argument}"[:4096])
    assert answer.strip()
    assert "Traceback" not in answer
    assert answer != "Sorry, something went wrong on my side. Please try again in a moment."
    assert fuzz.errors.records == [], [r.getMessage() for r in fuzz.errors.records]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argument=ARGUMENTS)
def test_group_members_change_nothing_whatever_they_type(fuzz: Fuzz, argument: str) -> None:
    group = fuzz.group()
    for command in ("subscribe", "unsubscribe", "settings"):
        text = f"/{command} {argument}"[:4096]
        if not argument.strip():
            continue  # without arguments these only show buttons or the panel
        answer = _ask(fuzz, group, text, user=fuzz.member)
        assert answer.strip()
    assert fuzz.store.chats.get(group.id) is None
    assert fuzz.errors.records == []
