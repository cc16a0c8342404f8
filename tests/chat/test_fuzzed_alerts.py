"""/alert, /alerts, /channel … alert and the new /settings values: polite for any argument."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.chat.test_fuzzed_arguments import ARGUMENTS, TRICKY, Fuzz, _ask, fuzz  # noqa: F401

GENERIC_ERROR = "Sorry, something went wrong on my side. Please try again in a moment."
PREFIXES = [
    "/alert",
    "/alert off",
    "/alerts",
    "/channel @somechannel alert",
    "/settings schedule",
    "/settings schedule weekly",
    "/settings schedule twice",
    "/settings quiet",
]
ALERT_ARGUMENTS = st.one_of(
    ARGUMENTS,
    st.lists(
        st.one_of(TRICKY, st.sampled_from(["daily", "twice", "weekly", "sun", "周日", "25:99"])),
        max_size=6,
    ).map(" ".join),
)


@pytest.mark.parametrize("prefix", PREFIXES)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argument=ALERT_ARGUMENTS)
def test_any_argument_gets_a_polite_answer(fuzz: Fuzz, prefix: str, argument: str) -> None:  # noqa: F811
    answer = _ask(fuzz, fuzz.private(), f"{prefix} {argument}"[:4096])
    assert answer.strip()
    assert "Traceback" not in answer
    assert answer != GENERIC_ERROR
    assert fuzz.errors.records == [], [r.getMessage() for r in fuzz.errors.records]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argument=ALERT_ARGUMENTS)
def test_group_members_set_no_alert_whatever_they_type(fuzz: Fuzz, argument: str) -> None:  # noqa: F811
    group = fuzz.group()
    for prefix in ("/alert", "/alert off"):
        if not argument.strip() and prefix == "/alert":
            continue
        answer = _ask(fuzz, group, f"{prefix} {argument}"[:4096], user=fuzz.member)
        assert answer.strip()
        assert answer != GENERIC_ERROR
    assert fuzz.store.alerts.for_destination(group.id, 0) == []
    assert fuzz.errors.records == []
