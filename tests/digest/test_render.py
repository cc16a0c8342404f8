from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.digest.markup import Block, sendable, utf16_len
from bot.digest.model import Bullet, DigestContent, RegionSection, Story
from bot.digest.render import render_digest, story_lines
from tests.digest.digest_factories import NOW

ZONE = ZoneInfo("Asia/Shanghai")
NAMES = {"shanxi": "Shanxi", "beijing": "Beijing"}
ALLOWED = {"b", "i", "a"}


class TelegramHTML(HTMLParser):
    """Checks a message the way Telegram's HTML parse mode would, and collects its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED, tag
        assert not self.stack or tag != self.stack[-1], "no nesting of the same tag"
        if tag == "a":
            assert [name for name, _ in attrs] == ["href"]
        else:
            assert attrs == []
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"unbalanced </{tag}>"
        assert self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible(part: str) -> str:
    parser = TelegramHTML()
    parser.feed(part)
    parser.close()
    assert parser.stack == [], "every tag closed"
    return "".join(parser.text)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def content_of(stories: list[Story]) -> DigestContent:
    return DigestContent(NOW - timedelta(days=1), NOW, (RegionSection("shanxi", tuple(stories)),))


def story(n: int, title: str, bullets: list[tuple[str, str]], also: tuple[str, ...] = ()) -> Story:
    return Story(
        article_id=n,
        title=title,
        url=f'https://news.example/{n}?a=1&b="2"',
        source="Daily <Star>",
        published_at=NOW - timedelta(hours=n % 20),
        bullets=tuple(Bullet(h, t) for h, t in bullets),
        also_reported_by=also,
    )


def test_escapes_text_and_attributes() -> None:
    s = story(1, 'A <b>bold</b> & "quoted" title', [("Q&A", "1 < 2 > 0")])
    (part,) = render_digest(content_of([s]), "en", ZONE, NAMES)
    assert '<a href="https://news.example/1?a=1&amp;b=&quot;2&quot;">' in part
    assert 'A &lt;b&gt;bold&lt;/b&gt; &amp; "quoted" title</a>' in part
    assert "<b>Q&amp;A:</b> 1 &lt; 2 &gt; 0" in part
    assert "<i>Daily &lt;Star&gt; · " in part
    visible(part)


def test_a_headings_own_script_picks_its_colon_in_either_language() -> None:
    s = story(1, "t", [("红色寻访", "晋源区开展专题教学。"), ("Route", "The line opens.")])
    for language in ("en", "zh"):
        (part,) = render_digest(content_of([s]), language, ZONE, NAMES)
        assert "<b>红色寻访：</b>晋源区开展专题教学。" in part, language
        assert "<b>Route:</b> The line opens." in part, language


def test_empty_digest_says_so_in_the_chat_language() -> None:
    empty = DigestContent(NOW - timedelta(days=1), NOW, ())
    (en,) = render_digest(empty, "en", ZONE, NAMES)
    (zh,) = render_digest(empty, "zh", ZONE, NAMES)
    assert "No new stories" in en
    assert "没有新的报道" in zh


def test_splits_at_story_boundaries_with_part_numbers() -> None:
    stories = [story(n, f"Story {n}", [("Heading", "A sentence. " * 20)] * 4) for n in range(40)]
    parts = render_digest(content_of(stories), "en", ZONE, NAMES)
    assert len(parts) > 2
    for n, part in enumerate(parts, start=1):
        assert utf16_len(part) <= 4096
        assert part.endswith(f"<i>part {n} of {len(parts)}</i>")
        # A part never starts or ends inside a story: each story's block is whole in one part.
    for s in stories:
        block = Block(story_lines(s, "en", ZONE, NOW.astimezone(ZONE))).html()
        assert sum(block in part for part in parts) == 1


def test_counts_utf16_units_like_telegram() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("中文") == 2
    assert utf16_len("📰") == 2
    emoji_story = story(1, "📰" * 1500, [("", "😀" * 1500)])
    parts = render_digest(content_of([emoji_story]), "en", ZONE, NAMES)
    assert len(parts) == 2
    assert all(utf16_len(p) <= 4096 for p in parts)
    assert all(len(p) <= 4096 for p in parts)


def test_an_oversized_story_is_split_without_losing_text() -> None:
    giant = story(1, "Giant", [(f"H{i}", "Word " * 400 + "end.") for i in range(5)])
    parts = render_digest(content_of([giant]), "en", ZONE, NAMES)
    assert len(parts) >= 3
    joined = "".join(visible(p) for p in parts)
    for i in range(5):
        assert f"H{i}:" in joined
    assert squash(joined).count("Word") == 2000


text_strategy = st.text(
    alphabet=st.sampled_from(list("ab <>&\"'.。！ 中文😀\n")) | st.characters(),
    max_size=600,
)
bullet_strategy = st.tuples(st.text(max_size=30), text_strategy)
story_strategy = st.builds(
    lambda n, title, bullets, also: story(n, title or "t", bullets, tuple(also)),
    st.integers(0, 10_000),
    st.text(min_size=1, max_size=200),
    st.lists(bullet_strategy, max_size=6),
    st.lists(st.text(min_size=1, max_size=20), max_size=3),
)


def _without_part_lines(text: str) -> str:
    return re.sub(r"part \d+ of \d+\Z", "", text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(story_strategy, max_size=25), st.integers(300, 4096))
def test_parts_are_valid_bounded_and_lossless(stories: list[Story], limit: int) -> None:
    content = content_of(stories)
    parts = render_digest(content, "en", ZONE, NAMES, limit=limit)
    whole = render_digest(content, "en", ZONE, NAMES, limit=10**9)
    assert len(whole) == 1
    for part in parts:
        assert utf16_len(part) <= limit
    texts = [_without_part_lines(visible(p)) for p in parts]
    assert squash("".join(texts)) == squash(visible(whole[0]))
    # Stories keep their order: each title starts after the previous one's.
    joined = squash("".join(texts))
    position = 0
    for s in content.sections[0].stories if content.sections else ():
        title = squash(sendable(s.title))
        found = joined.find(title, position) if title else position
        assert found >= position
        position = found
