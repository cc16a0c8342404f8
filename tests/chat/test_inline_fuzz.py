"""Any inline query gets a polite answer (results, or a button saying nothing matched), no ERROR."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.runtime import Background, build_bot
from bot.sandbox import BotApiEmulator, User
from bot.sandbox.inline_records import InlineAnswer
from bot.settings import Settings
from bot.store import open_store
from tests.chat.harness import ErrorRecords, seed
from tests.chat.threaded import ThreadedBot

# Full-text and SQL syntax, markup, and words that match the seeded stories.
OPERATORS = st.sampled_from(
    [
        '"',
        "'",
        "*",
        "OR",
        "AND",
        "NOT",
        "NEAR(",
        "NEAR/2",
        ")",
        "(",
        ":",
        "^",
        "-",
        "+",
        "&",
        "|",
        "!",
        "<->",
        ":*",
        "title:",
        "'; DROP TABLE articles; --",
        "%",
        "_",
        "\\",
        "<b>",
        "&amp;",
        "\x00",
        "metro",
        "Metro",
        "太原",
        "灯会",
        "🚇",
        "\u202e",
    ]
)
QUERIES = st.one_of(
    st.text(max_size=256),
    st.lists(st.one_of(OPERATORS, st.text(max_size=10)), max_size=20).map(" ".join),
).map(lambda text: text[:256])


@dataclass
class Fuzz:
    api: BotApiEmulator
    errors: ErrorRecords
    english: User
    chinese: User


@pytest.fixture(scope="module")
def fuzz(module_store_url: str) -> Iterator[Fuzz]:
    errors = ErrorRecords()
    logging.getLogger().addHandler(errors)
    with BotApiEmulator() as api:
        api.set_inline_mode(feedback=True)
        store = open_store(module_store_url)
        seed(store, datetime.now(UTC))
        settings_ = Settings(bot_token=api.token, api_url=api.root, database_url=module_store_url)
        application = build_bot(settings_, store, background=Background.none())
        runner = ThreadedBot(application).start()
        try:
            english = api.create_user("Fuzzy", language_code="en")
            chinese = api.create_user("模糊", language_code="zh")
            yield Fuzz(api, errors, english, chinese)
        finally:
            runner.stop()
            store.close()
            logging.getLogger().removeHandler(errors)


def _ask(fuzz: Fuzz, user: User, query: str, offset: str = "") -> InlineAnswer:
    query_id = fuzz.api.inline_query(user, query, offset=offset)
    return fuzz.api.wait_for_inline_answer(query_id, timeout=30)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=QUERIES, chinese=st.booleans())
def test_any_query_gets_results_or_a_button_saying_nothing_matched(
    fuzz: Fuzz, query: str, chinese: bool
) -> None:
    answer = _ask(fuzz, fuzz.chinese if chinese else fuzz.english, query)
    assert len(answer.results) <= 10
    assert answer.results or answer.button is not None
    if answer.button is not None:
        assert answer.button.text.strip()
        assert answer.button.start_parameter == "inline"
    for result in answer.results:
        assert result.title.strip()
        assert result.text.strip()
    assert fuzz.errors.records == [], [r.getMessage() for r in fuzz.errors.records]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=QUERIES, offset=st.one_of(st.text(max_size=64), st.integers(-5, 5000).map(str)))
def test_any_offset_is_answered_without_error(fuzz: Fuzz, query: str, offset: str) -> None:
    answer = _ask(fuzz, fuzz.english, query, offset)
    assert len(answer.results) <= 10
    if answer.next_offset:
        assert int(answer.next_offset) > int(offset or 0)
    assert fuzz.errors.records == [], [r.getMessage() for r in fuzz.errors.records]
