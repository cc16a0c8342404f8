"""Per-host line counts: a line on several pages of one host is that host's boilerplate."""

from __future__ import annotations


def test_lines_become_known_after_enough_pages_of_the_same_host(store):
    repo = store.boilerplate
    for _ in range(2):
        repo.record("news.example", ["followusonthebell", "uniqueone"])
    assert repo.known("news.example") == frozenset()
    repo.record("news.example", ["followusonthebell", "followusonthebell", "uniquetwo"])
    assert repo.known("news.example") == frozenset({"followusonthebell"})
    assert repo.known("other.example") == frozenset()
    assert repo.known("news.example", min_pages=1) == {
        "followusonthebell",
        "uniqueone",
        "uniquetwo",
    }


def test_recording_nothing_or_no_host_is_harmless(store):
    store.boilerplate.record("", ["x"])
    store.boilerplate.record("news.example", [])
    assert store.boilerplate.known("news.example", min_pages=1) == frozenset()
