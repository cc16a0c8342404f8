"""The ranking contract: `select` for every algorithm, and the news ranker as a sumy summarizer."""

from __future__ import annotations

import pytest
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer

from summarizer.algorithms import ALGORITHMS, DEFAULT_ALGORITHM, select
from summarizer.errors import SummarizerError, UnknownAlgorithmError
from summarizer.languages import Language, get_language
from summarizer.ranking import NewsSummarizer, NewsWeights, SentenceData, rank

EN = get_language("en")
ZH = get_language("zh")

STORY = [
    "The city council approved a new budget of 4.2 million dollars for road repairs on Monday.",
    "The budget doubles the money for road repairs in the northern districts of the city.",
    "Council members voted seven to two after a debate that lasted more than three hours.",
    "Mayor Anna Berg said the road repairs would begin in May and finish before the winter.",
    "Residents had complained for years about potholes on the main roads into the city.",
    "Two members argued that the budget should have funded the public library instead.",
    "The library will receive a smaller grant from the regional government next year.",
    "The council meets again in June to discuss the public transport plan for the city.",
]
ZH_STORY = [
    "太原市晋源区今年投入三千万元改造老旧小区，惠及居民一万二千户。",
    "改造内容包括更换供水管网、加装电梯和整修道路。",
    "区住建局负责人表示，改造工程将于十月底前全部完工。",
    "居民王女士说，小区加装电梯后，老人上下楼方便多了。",
    "据了解，晋源区计划在未来三年内完成全部老旧小区改造。",
    "今年以来，晋源区已召开居民座谈会二十余次，收集意见三百多条。",
]


def test_algorithm_names_match_the_contract() -> None:
    assert ALGORITHMS[0] == DEFAULT_ALGORITHM == "news"
    assert set(ALGORITHMS) == {
        "news", "lexrank", "textrank", "lsa", "luhn", "sumbasic", "kl", "edmundson",
        "reduction", "random",
    }  # fmt: skip


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize(("sentences", "language"), [(STORY, EN), (ZH_STORY, ZH)])
def test_every_algorithm_returns_ascending_indexes_within_count(
    algorithm: str, sentences: list[str], language: Language
) -> None:
    for count in (1, 2, 3):
        picked = select(sentences, count, language=language, algorithm=algorithm)
        assert 1 <= len(picked) <= count
        assert picked == sorted(set(picked))
        assert all(0 <= i < len(sentences) for i in picked)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_respects_max_chars(algorithm: str) -> None:
    budget = 200
    picked = select(STORY, 3, language=EN, algorithm=algorithm, max_chars=budget)
    assert picked
    assert len(" ".join(STORY[i] for i in picked)) <= budget


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_single_sentence_longer_than_max_chars_is_still_returned(algorithm: str) -> None:
    assert select(STORY, 3, language=EN, algorithm=algorithm, max_chars=10) != []
    assert len(select(STORY, 3, language=EN, algorithm=algorithm, max_chars=10)) == 1


def test_unknown_algorithm_names_the_valid_ones() -> None:
    with pytest.raises(UnknownAlgorithmError) as caught:
        select(STORY, 3, language=EN, algorithm="pagerank")
    assert isinstance(caught.value, SummarizerError)
    for name in ALGORITHMS:
        assert name in str(caught.value)


def test_algorithm_names_ignore_case_and_none_means_default() -> None:
    assert select(STORY, 2, language=EN, algorithm="LexRank") == select(
        STORY, 2, language=EN, algorithm="lexrank"
    )
    assert select(STORY, 2, language=EN) == select(STORY, 2, language=EN, algorithm="news")


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize(
    "sentences",
    [
        [],
        ["Only one sentence stands here."],
        ["The same sentence again."] * 5,
        ["123 456.", "!!!", "42."],
        ["...", "The council approved the budget for the roads.", "2024."],
    ],
    ids=["empty", "one", "identical", "no-words", "some-words"],
)
def test_degenerate_inputs_never_crash(algorithm: str, sentences: list[str]) -> None:
    picked = select(sentences, 3, language=EN, algorithm=algorithm)
    if not sentences:
        assert picked == []
    else:
        assert 1 <= len(picked) <= min(3, len(sentences))
        assert picked == sorted(set(picked))


def test_news_prefers_a_sentence_with_words_over_debris() -> None:
    sentences = ["...", "The council approved the budget for the roads.", "2024."]
    assert select(sentences, 1, language=EN) == [1]


def test_zero_count_selects_nothing() -> None:
    assert select(STORY, 0, language=EN) == []


def test_news_keeps_the_lede_and_skips_debris() -> None:
    sentences = [
        "By Jane Doe | PUBLISHED: 10:31 GMT, 3 April 2015",
        *STORY[:5],
        "Scroll down for video",
        "Click here to subscribe to our newsletter for more stories.",
    ]
    picked = select(sentences, 3, language=EN)
    assert 1 in picked
    assert not {0, 6, 7} & set(picked)


def test_news_does_not_repeat_a_duplicate_sentence() -> None:
    sentences = [STORY[0], STORY[0], *STORY[1:]]
    picked = select(sentences, 3, language=EN)
    assert not {0, 1} <= set(picked)


def test_title_overlap_pulls_a_matching_sentence_in() -> None:
    without = select(STORY, 2, language=EN)
    with_title = select(STORY, 2, language=EN, title="Library grant from the regional government")
    assert 6 not in without
    assert 6 in with_title


def test_news_summarizer_is_a_drop_in_sumy_summarizer() -> None:
    summarizer = NewsSummarizer(Stemmer("english"))
    summarizer.stop_words = ["the", "a", "of"]
    assert "the" in summarizer.stop_words
    document = ObjectDocumentModel([Paragraph([Sentence(s, EN.tokenizer) for s in STORY])])
    picked = summarizer(document, 2)
    assert len(picked) == 2
    assert all(isinstance(s, Sentence) for s in picked)
    texts = [str(s) for s in picked]
    assert texts == [s for s in STORY if s in texts]  # document order
    assert len(summarizer(document, "50%")) == 4


def test_rank_honours_a_word_budget_only_when_the_section_is_longer_than_count() -> None:
    words = (40, 40, 40)
    data = SentenceData(texts=("a.", "b.", "c."), terms=(("x",), ("y",), ("z",)), word_counts=words)
    assert rank(data, 3) == [0, 1, 2]  # fits the count: kept whole
    longer = SentenceData(
        texts=("a.", "b.", "c.", "d."),
        terms=(("x",), ("y",), ("z",), ("w",)),
        word_counts=(40, 40, 40, 40),
    )
    assert rank(longer, 3, weights=NewsWeights(words_per_sentence=30)) == [0, 1]
    assert rank(longer, 3, weights=NewsWeights(words_per_sentence=None)) == [0, 1, 2]


def test_a_question_is_not_picked_over_a_statement() -> None:
    story = [
        "The city council approved a new budget for road repairs on Monday.",
        "But will the new budget for road repairs be enough for the city?",
        "The road repairs budget doubles the money spent on the city's roads.",
    ]
    assert select(story, 2, language=EN) == [0, 2]


def test_default_select_matches_the_sumy_summarizer_on_a_document() -> None:
    body = [Sentence(text, EN.tokenizer) for text in STORY]
    heading = Sentence("Council doubles road budget", EN.tokenizer, is_heading=True)
    summarizer = NewsSummarizer(EN.stem, max_chars=300)
    summarizer.stop_words = EN.stop_words
    picked = summarizer(ObjectDocumentModel([Paragraph([heading, *body])]), 3)
    assert [body.index(s) for s in picked] == select(
        STORY, 3, language=EN, title="Council doubles road budget", max_chars=300
    )


def test_a_label_without_a_final_mark_is_no_sentence_while_real_ones_exist() -> None:
    # A flattened page leaves its labels as lines of their own; none is a summary sentence.
    sentences = [
        "發表時間： 2012-01-12 11:40 字級設定：",
        "網購超商年菜",
        "衛生署食品藥物管理局日前針對國內超商預購以及網購年菜進行調查，只有一家不符合規範。",
        "衛生署表示，將持續加強輔導網購相關產品製造業者。",
    ]
    assert set(select(sentences, 2, language=get_language("zh"))) == {2, 3}


def test_a_long_unfinished_sentence_beats_a_fragment() -> None:
    sentences = ["It was 2011.", "The council said it would rebuild the bridge over the river and"]
    assert select(sentences, 1, language=EN) == [1]
