from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.store import NewArticle

HOSTILE = [
    "",
    " ",
    '"',
    '"unbalanced',
    "'",
    "a'b",
    "AND",
    "OR NOT",
    "flood AND",
    "NEAR(flood river, 3)",
    "flood*",
    "*",
    "^flood",
    "title:flood",
    "body : river",
    "(flood",
    "flood)",
    "-flood",
    "+flood",
    "flood & river | !x",
    "flood <-> river",
    "a:* & b:*",
    "'; DROP TABLE articles; --",
    '"; DELETE FROM feeds WHERE 1=1; --',
    "\\",
    "%_%",
    "\x00flood",
    "😀🔥 flood 🌊",
    "太原\u3000(干部",
    "ﬂood",
    "x" * 4096,
    "洪" * 4096,
    "word " * 900,
]


@pytest.fixture
def seeded(store):
    store.articles.add(
        NewArticle(
            url="https://a.example/1",
            title="Flood on the Fen River",
            text="太原 flood river AND or not near",
            published_at=datetime(2024, 11, 28, tzinfo=UTC),
        )
    )
    return store


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(seeded, query):
    page = seeded.search.search(query, limit=5)
    assert page.total >= len(page.hits)
    assert seeded.articles.count() == 1


def test_operators_are_plain_words(seeded):
    assert seeded.search.search("NEAR(flood river)").total == 1
    assert seeded.search.search('"flood" AND ^river*').total == 1
    assert seeded.search.search("flood NOT river").total == 1
    assert seeded.search.search("flood OR volcano").total == 0
    assert seeded.search.search("and near").total == 1


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=300))
def test_any_text_is_a_valid_query(seeded, query):
    page = seeded.search.search(query, region_id="nowhere")
    assert page.total == 0
    page = seeded.search.search(query)
    assert page.total in (0, 1)
