"""Sentence and word splitting rules of the offline tokenizer."""

from __future__ import annotations

import pytest

from summarizer.errors import UnsupportedLanguageError
from summarizer.languages import get_language, sumy_language
from summarizer.tokenize import Tokenizer


def tokenizer_for(code: str) -> Tokenizer:
    return get_language(code).tokenizer


def sentences(text: str, code: str = "en") -> list[str]:
    return list(tokenizer_for(code).to_sentences(text))


def test_plain_sentences_split_on_terminal_punctuation() -> None:
    assert sentences("It rained. Was it cold? Yes! We stayed in.") == [
        "It rained.",
        "Was it cold?",
        "Yes!",
        "We stayed in.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Dr. Jones and Prof. Lee in the hall.",
        "Fruit, e.g. apples, and vegetables, i.e. greens, were sold.",
        "The match ended at 5 p.m. on Sunday in the park.",
        "It was flight No. 7 that left on Jan. 12 from St. Louis.",
        "The U.S. President met the U.N. envoy on Tuesday.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert sentences(text) == [text]


def test_ambiguous_abbreviation_ends_sentence_before_a_sentence_starter() -> None:
    assert sentences("He moved to the U.S. The move was hard.") == [
        "He moved to the U.S.",
        "The move was hard.",
    ]
    assert sentences("Shares of Acme Inc. rose. They fell later.") == [
        "Shares of Acme Inc. rose.",
        "They fell later.",
    ]


def test_initials_stay_with_the_name() -> None:
    assert sentences("J. R. R. Tolkien wrote it. George W. Bush read it.") == [
        "J. R. R. Tolkien wrote it.",
        "George W. Bush read it.",
    ]


def test_decimals_and_numbers_do_not_split() -> None:
    assert sentences("Growth was 3.5 percent, or $1.2 billion. Prices rose 0.4%.") == [
        "Growth was 3.5 percent, or $1.2 billion.",
        "Prices rose 0.4%.",
    ]


def test_ellipsis_splits_only_before_a_new_sentence() -> None:
    assert sentences("Wait... what was that? Then silence… Nothing moved.") == [
        "Wait... what was that?",
        "Then silence…",
        "Nothing moved.",
    ]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    assert sentences('He said "Stop." Then he left. (It was late.) "Why?" she asked.') == [
        'He said "Stop."',
        "Then he left.",
        "(It was late.)",
        '"Why?" she asked.',
    ]


def test_blank_lines_separate_sentences_and_newlines_are_spaces() -> None:
    assert sentences("A headline without a stop\n\nThe body\ncontinues here.") == [
        "A headline without a stop",
        "The body continues here.",
    ]


def test_chinese_terminators_and_full_width_quotes() -> None:
    text = "他说：“今天很好！”我们去了公园；大家都很开心……最后回家了？是的。"
    assert sentences(text, "zh") == [
        "他说：“今天很好！”",
        "我们去了公园；",
        "大家都很开心……",
        "最后回家了？",
        "是的。",
    ]


def test_mixed_chinese_and_english_sentences() -> None:
    text = "苹果公司发布了iPhone 15. 售价是5.99美元。Apple said it was ready!然后结束了。"
    assert sentences(text, "zh") == [
        "苹果公司发布了iPhone 15.",
        "售价是5.99美元。",
        "Apple said it was ready!",
        "然后结束了。",
    ]


def test_german_ordinal_dot_does_not_split() -> None:
    assert sentences("Am 3. Oktober feiern wir. Das ist z.B. schön.", "de") == [
        "Am 3. Oktober feiern wir.",
        "Das ist z.B. schön.",
    ]


def test_english_words_drop_punctuation_and_numbers() -> None:
    words = tokenizer_for("en").to_words("It's a well-known fact, isn't it? 2020 began.")
    assert words == ("It's", "a", "well-known", "fact", "isn't", "it", "began")


def test_chinese_words_are_segmented_and_latin_words_kept() -> None:
    words = tokenizer_for("zh").to_words("晋源区创新党员干部培训模式，Apple发布了iPhone。")
    assert "晋源区" in words
    assert "培训" in words
    assert "Apple" in words
    assert "iPhone" in words
    assert "，" not in words


def test_japanese_words_come_from_the_segmenter() -> None:
    words = tokenizer_for("ja").to_words("東京都は新しい政策を発表した。")
    assert words[:3] == ("東京都", "は", "新しい")
    assert "。" not in words


def test_tokenizer_language_names_and_caching() -> None:
    assert tokenizer_for("en").language == "english"
    assert tokenizer_for("ZH").language == "chinese"
    assert tokenizer_for("sw").language == "sw"
    assert tokenizer_for("und").code == "und"
    assert tokenizer_for("und").language == "neutral"
    assert tokenizer_for("en") is tokenizer_for("en-GB")


def test_invalid_language_code_is_rejected() -> None:
    with pytest.raises(UnsupportedLanguageError):
        tokenizer_for("english")


def test_language_resources() -> None:
    assert sumy_language("en") == "english"
    assert sumy_language("zh") == "chinese"
    assert sumy_language("sw") is None
    assert "the" in get_language("en").stop_words
    assert "的" in get_language("zh").stop_words
    assert "и" in get_language("ru").stop_words
    assert "na" in get_language("sw").stop_words
    assert get_language("mi").stop_words == frozenset()
    assert get_language("en").stem("Running") == "run"
    assert get_language("ru").stem("книги") == "книг"
    assert get_language("zh").stem("ABC") == "abc"
    assert get_language("sw").stem("Habari") == "habari"


def test_a_caption_glued_to_the_body_is_split_off() -> None:
    text = (
        "Rovers beat City on Saturday. Smith scores the winner in the corner "
        "It was then Jones's turn to shine."
    )
    assert sentences(text) == [
        "Rovers beat City on Saturday.",
        "Smith scores the winner in the corner",
        "It was then Jones's turn to shine.",
    ]


def test_a_pull_quote_glued_to_a_caption_is_split_off() -> None:
    text = "Locke will be confirmed as manager on Friday ‘I would love it,’ said Locke."
    assert sentences(text) == [
        "Locke will be confirmed as manager on Friday",
        "‘I would love it,’ said Locke.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He said ‘We will win,’ and left.",
        "They play in a band called ‘Home Again’ on weekends.",
        "Low vitamin A levels were found in the test.",
        "The album Let It Be was reissued in May.",
    ],
)
def test_quotes_titles_and_names_are_not_split(text: str) -> None:
    assert sentences(text) == [text]


def test_glued_seams_are_not_looked_for_in_german() -> None:
    text = "Der Vertrag wurde am Freitag unterschrieben Die meisten waren froh."
    assert sentences(text, "de") == [text]


def test_a_frequent_capitalized_word_of_a_frequency_list_cuts_no_sentence() -> None:
    # jusText's Croatian list holds "hrvatske" (frequent, but a proper adjective, always
    # capitalized): it is no seam of a glued caption.
    sentence = (
        "Policija je podnijela kaznene prijave protiv bivšega vodstva Hrvatske poštanske "
        "banke zbog navodnih malverzacija."
    )
    assert get_language("hr").tokenizer.to_sentences(sentence) == (sentence,)


def test_a_space_between_chinese_characters_ends_a_line_a_flattened_page_ran_together() -> None:
    text = (
        "記者：邱雯琪 羅執中 台北報導 衛生署日前針對國內超商預購年菜進行調查。網購年菜要注意保存。"
    )
    assert sentences(text, "zh") == [
        "記者：邱雯琪 羅執中",
        "台北報導 衛生署日前針對國內超商預購年菜進行調查。",
        "網購年菜要注意保存。",
    ]


def test_spaces_around_latin_words_and_numbers_in_chinese_split_nothing() -> None:
    text = "使用 iPhone 手机的用户在 2012 年增加了三成。"
    assert sentences(text, "zh") == [text]
