"""Parsing: titles, bylines and dates, every heading rule, sections, languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from summarizer import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    UnsupportedLanguageError,
    parse_article,
)
from summarizer.detect import detect_language
from summarizer.html_parse import looks_like_html
from summarizer.inputs import MAX_INPUT_BYTES
from summarizer.metadata import parse_metadata_line

DATA = Path(__file__).parent / "data"
BODY = "The council met on Monday to discuss the plan. Members voted in favour by a wide margin."
BODY_2 = "Work will begin in the spring. The first phase should be finished within a year."


def headings(text: str) -> list[str | None]:
    return [section.heading for section in parse_article(text).sections]


def test_title_byline_and_date_of_the_english_article() -> None:
    article = parse_article((DATA / "english_sections.txt").read_text())
    assert article.title == "Harbour bridge reopens after two years of repairs"
    assert article.byline == "Tom Becker"
    assert article.published == date(2023, 5, 14)
    assert article.language == "en"
    assert [s.heading for s in article.sections] == [
        None,
        "What changed",
        "Cost and delays",
        "What comes next",
    ]


def test_chinese_article_with_numbered_headings_and_source_line() -> None:
    article = parse_article((DATA / "chinese_sections.txt").read_text(encoding="utf-8"))
    assert article.title == "晋源区推进乡村振兴工作纪实"
    assert article.byline == "太原日报"
    assert article.published == date(2023, 9, 8)
    assert article.language == "zh"
    assert [s.heading for s in article.sections] == [
        None,
        "一、发展特色产业",
        "二、改善人居环境",
        "三、加强人才培养",
    ]


def test_short_line_without_final_punctuation_before_a_paragraph_is_a_heading() -> None:
    text = f"Title of the story\n\n{BODY}\n\nRed visit+base teaching\n\n{BODY_2}"
    assert headings(text) == [None, "Red visit+base teaching"]


def test_short_line_before_another_short_line_is_not_a_heading() -> None:
    text = f"Title of the story\n\n{BODY}\n\nA list item\nAnother list item\n\n{BODY_2}"
    assert headings(text) == [None]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("## Background", "Background"),
        ("# The plan", "The plan"),
        ("**Early reviews**", "Early reviews"),
        ("1. Background", "1. Background"),
        ("2) What happens next", "2) What happens next"),
        ("一、发展特色产业", "一、发展特色产业"),
        ("（二）改善人居环境", "（二）改善人居环境"),
        ("第一部分 总体要求", "第一部分 总体要求"),
    ],
)
def test_marked_and_numbered_headings(line: str, heading: str) -> None:
    text = f"Title of the story\n\n{BODY}\n\n{line}\n\n{BODY_2}"
    assert headings(text) == [None, heading]


def test_numbered_sentence_is_a_list_item_not_a_heading() -> None:
    text = f"Title of the story\n\n{BODY}\n\n1. The council will vote again in May.\n\n{BODY_2}"
    assert headings(text) == [None]


def test_markdown_title_and_inline_markup() -> None:
    link = "See [the minutes](https://example.org/m)."
    text = f"# Plan approved\n\n{BODY} {link}\n\n## Next\n\n{BODY_2}"
    article = parse_article(text)
    assert article.title == "Plan approved"
    assert article.sections[0].paragraphs[0].endswith("See the minutes.")
    assert article.sections[1].heading == "Next"


def test_wrapped_lines_are_joined_into_one_paragraph() -> None:
    text = (
        "Title of the story\n\nThe council met on Monday to discuss the plan for the new\n"
        "library, and members voted in favour by a wide margin after a long debate\n"
        "that lasted well into the evening.\n"
    )
    article = parse_article(text)
    assert article.sections[0].paragraphs == (
        "The council met on Monday to discuss the plan for the new library, and members voted"
        " in favour by a wide margin after a long debate that lasted well into the evening.",
    )


def test_article_without_headings_has_one_untitled_section() -> None:
    article = parse_article((DATA / "no_headings.txt").read_text())
    assert article.title is None
    assert [s.heading for s in article.sections] == [None]
    assert len(article.sections[0].paragraphs) == 3


def test_html_fragment_headings_and_bold_paragraphs() -> None:
    html = (
        "<h1>Plan approved</h1><p>" + BODY + "</p><h2>Next steps</h2><p>" + BODY_2 + "</p>"
        "<p><strong>Costs</strong></p><p>It will cost <b>two</b> million.</p>"
    )
    article = parse_article(html)
    assert article.title == "Plan approved"
    assert [s.heading for s in article.sections] == [None, "Next steps", "Costs"]
    assert article.sections[2].paragraphs == ("It will cost two million.",)


def test_html_page_metadata() -> None:
    html = (
        "<html><head><title>Plan approved | Town News</title>"
        '<meta name="author" content="Ann Lee">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>'
        f"<body><p>{BODY}</p><p>{BODY_2}</p><script>var x = 1;</script></body></html>"
    )
    article = parse_article(html)
    assert article.title == "Plan approved"
    assert article.byline == "Ann Lee"
    assert article.published == date(2024, 3, 5)
    assert "var x" not in article.text


def test_html_flag_forces_and_forbids_html() -> None:
    text = f"<p>{BODY}</p>"
    assert "<p>" not in parse_article(text, html=True).text
    assert "<p>" in parse_article(text, html=False).text


@pytest.mark.parametrize(
    ("line", "byline", "published"),
    [
        ("Author:Shanxi Pictorial Time:2022.07.27", "Shanxi Pictorial", date(2022, 7, 27)),
        ("By Jane Doe", "Jane Doe", None),
        ("By Jane Doe, Reuters", "Jane Doe", None),
        ("作者：张三  发布时间：2021-03-04 10:00", "张三", date(2021, 3, 4)),
        ("2022年7月27日 08:30", None, date(2022, 7, 27)),
        ("July 27, 2022", None, date(2022, 7, 27)),
        ("Updated 27 July 2022 10:15 GMT", None, date(2022, 7, 27)),
        ("Published: 2023-05-14", None, date(2023, 5, 14)),
    ],
)
def test_metadata_lines(line: str, byline: str | None, published: date | None) -> None:
    found = parse_metadata_line(line)
    assert found is not None
    assert found.byline == byline
    assert found.published == published


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, prices rose.",
        "The meeting was held on July 27, 2022.",
        "Date: soon",
    ],
)
def test_sentences_are_not_metadata(line: str) -> None:
    assert parse_metadata_line(line) is None


def test_source_line_gives_byline_when_no_author() -> None:
    article = parse_article(f"Title of the story\n\n来源：新华社\n\n{BODY}")
    assert article.byline == "新华社"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council met on Monday and the members voted for the plan that was proposed.", "en"),
        (
            "Le conseil municipal a voté pour le projet de la nouvelle bibliothèque de la ville.",
            "fr",
        ),
        ("Der Stadtrat hat für den Plan gestimmt, und die Arbeiten beginnen im Frühjahr.", "de"),
        ("El consejo votó a favor del plan y las obras comenzarán en la primavera.", "es"),
        ("Городской совет проголосовал за план, и работы начнутся весной этого года.", "ru"),
        ("Міська рада проголосувала за план, і роботи почнуться навесні цього року.", "uk"),
        ("城东社区老年食堂于本周一正式开业，每天为老人提供午餐和晚餐。", "zh"),
        ("城東社區老年食堂於本週一正式開業，這個食堂每天為老人提供午餐。", "zh"),
        ("東京都は新しい政策を発表しました。これは市民にとって重要です。", "ja"),
        ("서울시는 새로운 도서관을 열었다고 월요일에 발표했습니다.", "ko"),
        ("Το δημοτικό συμβούλιο ψήφισε υπέρ του σχεδίου τη Δευτέρα.", "el"),
    ],
)
def test_language_detection(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_traditional_chinese_variant_is_noted() -> None:
    detection = detect_language("城東社區老年食堂於本週一正式開業，這個食堂每天為老人提供午餐。")
    assert (detection.code, detection.variant) == ("zh", "hant")


def test_unknown_language_falls_back_to_neutral_mode_with_a_warning() -> None:
    article = parse_article(
        "Kua whakatūria tētahi ture hou mō ngā kamupene katoa kei tēnei rohe, hei tiaki i te "
        "whenua."
    )
    assert article.language == "und"
    assert article.warnings


def test_valid_but_unsupported_language_code_warns() -> None:
    article = parse_article(BODY, language="mi")
    assert article.language == "mi"
    assert any("mi" in warning for warning in article.warnings)


def test_invalid_language_code_is_an_error() -> None:
    with pytest.raises(UnsupportedLanguageError):
        parse_article(BODY, language="english")


@pytest.mark.parametrize("text", ["", "   \n\t ", "- END -", "Share this\n\nSubscribe"])
def test_empty_input_is_an_error(text: str) -> None:
    with pytest.raises(EmptyInputError):
        parse_article(text)


def test_binary_input_is_an_error() -> None:
    with pytest.raises(BinaryInputError):
        parse_article("PK\x03\x04\x00\x00binary")


def test_oversized_input_is_an_error() -> None:
    with pytest.raises(InputTooLargeError):
        parse_article("a" * (MAX_INPUT_BYTES + 1))


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<p>The fair opened on Friday.</p>", True),
        ("<!DOCTYPE html><title>x</title>", True),
        ("Use the <p> tag for paragraphs, the guide says.", False),
        ("Prices rose 3 < 5 percent, and 7 > 4.", False),
    ],
)
def test_html_is_detected_from_markup(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_mixed_chinese_and_english_text_is_chinese() -> None:
    text = "苹果公司（Apple Inc.）周二发布了新款iPhone 15 Pro，售价为999美元。"
    text += "分析师认为销量将超过预期。"
    assert detect_language(text).code == "zh"
