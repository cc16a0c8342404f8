"""The pure side of inline mode: results, one-message summaries, offsets."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.chat.inline_cache import MAX_QUERIES, RankedCache
from bot.chat.inline_results import (
    Reader,
    description,
    next_offset,
    nothing_found_button,
    parse_offset,
    story_result,
    summary_message,
)
from bot.digest.markup import utf16_len
from bot.sandbox.telegram_html import parse_html
from bot.store import Article, SectionSummaryRecord

WHEN = datetime(2024, 6, 3, 0, 30, tzinfo=UTC)


def story(**changes: object) -> Article:
    fields: dict[str, object] = {
        "id": 7,
        "feed_id": None,
        "url": "https://news.example/a?x=1&y=<2>",
        "guid": None,
        "title": "Bridge <opens> & more",
        "source": "Daily \x07Wire",
        "published_at": WHEN,
        "first_seen_at": WHEN,
        "language": "en",
        "text": "",
        "sections": (SectionSummaryRecord("Traffic", ("Cars cross from Monday.",)),),
        "summary": ("The bridge opens on Monday.", "It cost a lot."),
        "fingerprint": None,
        "cluster_id": None,
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def test_a_result_shows_title_source_date_and_first_sentence() -> None:
    result = story_result(story(), Reader("en", "Asia/Shanghai"))
    assert result.id == "a7"
    assert result.title == "Bridge <opens> & more"
    assert result.description == "Daily \ufffdWire · 2024-06-03 08:30\nThe bridge opens on Monday."
    assert result.reply_markup is not None
    (button,) = result.reply_markup.inline_keyboard[0]
    assert (button.text, button.url) == ("🔗 Open", "https://news.example/a?x=1&y=<2>")
    chinese = story_result(story(), Reader("zh", "UTC"))
    assert chinese.reply_markup is not None
    assert chinese.reply_markup.inline_keyboard[0][0].text == "🔗 打开"


def test_the_message_is_the_summary_as_summary_shows_it() -> None:
    text, entities = parse_html(summary_message(story(), "UTC"))
    assert text.splitlines() == [
        "Bridge <opens> & more",
        "Daily \ufffdWire · 2024-06-03 00:30",
        "",
        "Traffic",
        "• Cars cross from Monday.",
    ]
    assert {"type": "text_link", "offset": 0, "length": 21, "url": story().url} in entities


def test_a_summary_too_long_for_one_message_is_cut_between_sections() -> None:
    sentence = "A long sentence about the harbour works and what they cost the city. " * 3
    sections = tuple(SectionSummaryRecord(f"Part {n}", (sentence, sentence)) for n in range(40))
    message = summary_message(story(sections=sections), "UTC")
    assert utf16_len(message) <= 4096
    text, _entities = parse_html(message)  # still balanced Telegram HTML
    assert text.endswith("\n…")
    assert "Part 0" in text
    assert "Part 39" not in text


def test_without_a_summary_the_first_section_sentence_describes_the_story() -> None:
    bare = story(summary=(), source="")
    assert description(bare, "UTC") == "2024-06-03 00:30\nCars cross from Monday."
    assert story_result(story(url="ftp://x", title=""), Reader("en", "UTC")).title == "ftp://x"
    assert story_result(story(url="ftp://x"), Reader("en", "UTC")).reply_markup is None


def test_offsets_are_ours_or_nothing() -> None:
    assert parse_offset("", 1000) == 0
    assert parse_offset("20", 1000) == 20
    for foreign in ("-1", "abc", "1000", "٣", "1e3", " 5", "9" * 20, "[]"):
        assert parse_offset(foreign, 1000) is None, foreign
    assert next_offset(0, 10, True) == "10"
    assert next_offset(20, 5, False) is None
    assert next_offset(0, 0, True) is None


def test_the_nothing_found_button_echoes_the_query_plainly() -> None:
    button = nothing_found_button("<b>x</b> " * 20, "en")
    assert button.text.startswith("Nothing found for “<b>x</b> <b>x</b>")
    assert button.start_parameter == "inline"
    assert nothing_found_button("", "zh").text == "还没有报道 · 打开机器人"


def test_a_ranking_is_kept_for_its_time_to_live_and_the_oldest_query_goes_first() -> None:
    now = [0.0]
    cache = RankedCache(60, clock=lambda: now[0])
    cache.put("metro", [3, 1, 2])
    now[0] = 59.9
    assert cache.get("metro") == [3, 1, 2]
    now[0] = 60.0
    assert cache.get("metro") is None
    for n in range(MAX_QUERIES + 1):
        cache.put(f"q{n}", [n])
    assert cache.get("q0") is None
    assert cache.get(f"q{MAX_QUERIES}") == [MAX_QUERIES]
