"""Canonical URLs and duplicate / near-duplicate detection."""

from __future__ import annotations

import pytest

from bot.news.dedupe import StoryIndex, fingerprint, jaccard, story_key
from bot.news.urls import canonical_url


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTP://Example.COM:80/a?b=2&a=1#frag", "http://example.com/a?a=1&b=2"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        (
            "https://n.example/s?id=7&utm_source=rss&utm_medium=feed&fbclid=abc&gclid=1&spm=a.b",
            "https://n.example/s?id=7",
        ),
        ("https://n.example/p?Page=2&UTM_Campaign=x", "https://n.example/p?Page=2"),
    ],
)
def test_canonical_url(raw, canonical):
    assert canonical_url(raw) == canonical


def test_relative_links_resolve_against_the_feed():
    assert canonical_url("../a/1.html?utm_source=x", "http://h.example/feeds/en.rss") == (
        "http://h.example/a/1.html"
    )


def test_fingerprint_ignores_case_spacing_and_punctuation():
    assert fingerprint("Taiyuan opens  Line 2!\n") == fingerprint("taiyuan opens line 2")
    assert fingerprint("太原地铁，开通。") == fingerprint("太原地铁开通")
    assert fingerprint("Taiyuan opens line 2") != fingerprint("Taiyuan closes line 2")


def test_same_story_from_two_outlets_clusters_english():
    index = StoryIndex()
    index.add(
        11,
        "Taiyuan opens new metro line 2",
        "The city of Taiyuan opened its second metro line on Monday, linking the north and south.",
    )
    index.add(12, "Beijing hosts international book fair", "The annual fair opened in Shunyi.")
    assert (
        index.match(
            "Taiyuan opens metro line 2 to passengers",
            "Taiyuan opened its second metro line on Monday, linking north and south of the city.",
        )
        == 11
    )
    assert index.match("Shanghai port sets record", "Yangshan handled 12.8 million boxes.") is None


def test_same_story_from_two_outlets_clusters_chinese():
    index = StoryIndex()
    index.add(5, "太原地铁2号线开通运营", "太原市地铁2号线周一正式开通，连接城市南北。")
    index.add(6, "北京国际图书博览会开幕", "第三十届北京国际图书博览会今天开幕。")
    assert (
        index.match("太原地铁2号线正式开通", "周一，太原市地铁2号线正式开通运营，连接城市南北。")
        == 5
    )
    assert (
        index.match("上海洋山港吞吐量创新高", "上半年洋山港完成集装箱吞吐量1280万标准箱。") is None
    )


def test_jaccard_edges():
    assert jaccard(frozenset(), frozenset()) == 0.0
    key = story_key("a title here", "")
    assert jaccard(key, key) == 1.0
