"""summarize(): per-section summaries, the overall summary, order, options and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import (
    EmptyInputError,
    SummarizerError,
    UnknownAlgorithmError,
    UnsupportedLanguageError,
    extract_article,
    parse_article,
    summarize,
)
from summarizer.algorithms import ALGORITHMS
from summarizer.languages import get_language

DATA = Path(__file__).parent / "data"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def all_sentences(text: str) -> list[str]:
    article = parse_article(text)
    tokenizer = get_language(article.language).tokenizer
    return [
        s
        for section in article.sections
        for p in section.paragraphs
        for s in tokenizer.to_sentences(p)
    ]


@pytest.mark.parametrize("name", ["english_sections.txt", "chinese_sections.txt"])
def test_every_headed_section_gets_whole_sentences_in_order(name: str) -> None:
    text = read(name)
    summary = summarize(text)
    article = parse_article(text)
    headed = [s for s in article.sections if s.heading is not None]
    assert [s.heading for s in summary.sections] == [s.heading for s in headed]
    tokenizer = get_language(article.language).tokenizer
    for section, result in zip(headed, summary.sections, strict=True):
        own = [s for p in section.paragraphs for s in tokenizer.to_sentences(p)]
        assert 1 <= len(result.sentences) <= 2
        positions = [own.index(sentence) for sentence in result.sentences]
        assert positions == sorted(positions)


def test_overall_summary_has_n_whole_sentences_in_original_order() -> None:
    text = read("english_sections.txt")
    sentences = all_sentences(text)
    for count in (1, 3, 5):
        summary = summarize(text, sentences=count)
        assert len(summary.sentences) == count
        positions = [sentences.index(s) for s in summary.sentences]
        assert positions == sorted(positions)


def test_long_sections_get_two_sentences_short_ones_one() -> None:
    summary = summarize(read("chinese_sections.txt"))
    counts = {s.heading: len(s.sentences) for s in summary.sections}
    assert counts == {"一、发展特色产业": 1, "二、改善人居环境": 1, "三、加强人才培养": 1}
    long_text = "Title line\n\n" + " ".join(f"Sentence number {n} is here." for n in range(3))
    long_text += "\n\nLong part\n\n" + " ".join(f"Fact {n} was noted today." for n in range(12))
    long_summary = summarize(long_text)
    assert [len(s.sentences) for s in long_summary.sections] == [2]


def test_section_sentences_overrides_the_default() -> None:
    summary = summarize(read("english_sections.txt"), section_sentences=3)
    assert [len(s.sentences) for s in summary.sections] == [3, 3, 2]


def test_article_without_headings_has_no_section_summaries() -> None:
    summary = summarize(read("no_headings.txt"), sentences=2)
    assert summary.sections == ()
    assert len(summary.sentences) == 2
    assert summary.title is None


def test_summary_carries_metadata_and_headings_verbatim() -> None:
    summary = summarize(read("english_sections.txt"))
    assert summary.title == "Harbour bridge reopens after two years of repairs"
    assert summary.byline == "Tom Becker"
    assert summary.language == "en"
    assert summary.algorithm == "news"
    assert "Cost and delays" in [s.heading for s in summary.sections]


def test_summarize_accepts_an_article() -> None:
    article = parse_article(read("chinese_clean.txt"))
    summary = summarize(article, sentences=2)
    assert summary.language == "zh"
    assert len(summary.sentences) == 2
    assert all(s.endswith(("。", "”")) for s in summary.sentences)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_is_selectable_by_name(algorithm: str) -> None:
    summary = summarize(read("english_sections.txt"), sentences=2, algorithm=algorithm)
    assert summary.algorithm == algorithm
    assert 1 <= len(summary.sentences) <= 2
    assert len(summary.sections) == 3


def test_max_chars_limits_the_overall_summary() -> None:
    summary = summarize(read("english_sections.txt"), sentences=5, max_chars=150)
    assert len(" ".join(summary.sentences)) <= 150 or len(summary.sentences) == 1


def test_language_override_and_neutral_mode() -> None:
    neutral = summarize(
        "Kua whakatūria tētahi ture hou mō ngā kamupene. Ka pāngia tēnei rohe katoa."
    )
    assert neutral.language == "und"
    assert neutral.warnings
    assert summarize(read("no_headings.txt"), language="en").language == "en"


def test_html_page_summary_through_extraction() -> None:
    html = (
        "<html><head><title>Rail line opens | City News</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Rail line opens</h1>"
        "<p>The new metro line opened on Tuesday, linking the airport with the centre.</p>"
        "<p>Officials expect forty thousand riders a day in the first year of service.</p>"
        "<h2>Construction</h2><p>Work began in 2019 and cost 12.5 billion yuan in total.</p>"
        "<p>Engineers dug under the old city walls without closing a single street.</p>"
        "<p>Share this article</p></article>"
        "<footer>Copyright 2024 City News. All rights reserved.</footer></body></html>"
    )
    article = extract_article(html, url="https://example.org/rail")
    assert article.title == "Rail line opens"
    summary = summarize(article, sentences=2)
    assert [s.heading for s in summary.sections] == ["Construction"]
    assert "Share" not in " ".join(summary.sentences)


def test_extract_falls_back_to_own_parser_for_a_tiny_fragment() -> None:
    article = extract_article("<p>The bridge opened on Sunday.</p>")
    assert article.text == "The bridge opened on Sunday."


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"algorithm": "nope"}, UnknownAlgorithmError),
        ({"language": "xx"}, UnsupportedLanguageError),
        ({"sentences": 0}, SummarizerError),
        ({"max_chars": -5}, SummarizerError),
    ],
)
def test_bad_options_raise_summarizer_errors(kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        summarize(read("no_headings.txt"), **kwargs)  # type: ignore[arg-type]


def test_text_without_sentences_is_an_error() -> None:
    with pytest.raises(EmptyInputError):
        summarize("\n\n- END -\n\n")
