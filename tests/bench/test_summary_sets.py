"""Pure logic of the summary sets and of ROUGE over characters, on small self-written texts.

The sets themselves are rebuilt from repository snapshots CI does not have; these tests cover
what turns them into numbers: the character tokenizer, the length matching, the reference
splitting and the Markdown reduction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from bench.build_summaries import fingerprints, markdown_text, split_glued, write_set
from bench.quality_zh import chars, lead_matched, reference_lines
from bench.rouge_chars import CharTokenizer, char_scorer


def test_every_han_character_is_a_token_and_punctuation_is_not() -> None:
    tokens = CharTokenizer().tokenize("北京，今天下雨！ＧＤＰ增长５%。iPhone 15发布")
    assert tokens == [
        *"北京今天下雨",
        "gdp",
        *"增长",
        "5",
        "iphone",
        "15",
        *"发布",
    ]


def test_character_rouge_scores_a_reordered_chinese_sentence() -> None:
    # Reference 今天北京下雨 and summary 北京今天下雨 share all six characters and three of
    # five bigrams (今天, 北京, 下雨).
    scores = char_scorer().score("今天北京下雨。", "北京今天下雨")
    assert scores["rouge1"].fmeasure == pytest.approx(1.0)
    assert scores["rouge2"].fmeasure == pytest.approx(0.6)
    assert scores["rougeLsum"].fmeasure == pytest.approx(4 / 6)
    # rouge-score's own tokenizer keeps only [a-z0-9]: it sees no Chinese at all.
    stock = rouge_scorer.RougeScorer(["rouge1"]).score("今天北京下雨。", "北京今天下雨")
    assert stock["rouge1"].fmeasure == 0.0


def test_rouge_lsum_reads_the_reference_one_sentence_a_line() -> None:
    assert reference_lines("今天下雨。明天晴！后天？ ") == "今天下雨。\n明天晴！\n后天？"
    # One summary sentence holding both reference sentences in the other order: per reference
    # sentence each is a common subsequence; as one reference only half of it is.
    lines = char_scorer().score(reference_lines("甲乙。丙丁。"), "丙丁甲乙")
    whole = char_scorer().score("甲乙。丙丁。", "丙丁甲乙")
    assert lines["rougeLsum"].fmeasure == pytest.approx(1.0)
    assert whole["rougeLsum"].fmeasure == pytest.approx(0.5)


def test_lead_matched_takes_the_fewest_leading_sentences_reaching_the_length() -> None:
    sentences = ["一二三。", "四 五。", "六七八九。"]
    assert chars(sentences[1]) == 3
    assert lead_matched(sentences, 5) == [0, 1]
    assert lead_matched(sentences, 4) == [0]
    assert lead_matched(sentences, 0) == [0]
    assert lead_matched(sentences, 100) == [0, 1, 2]


def test_glued_bbc_sentences_are_split_with_their_quotes() -> None:
    glued = 'Sales rose 2% to $1.1bn.Profits fell."It was hard," he said.She said "no."Then more.'
    assert split_glued(glued) == [
        "Sales rose 2% to $1.1bn.",
        "Profits fell.",
        '"It was hard," he said.',
        'She said "no."',
        "Then more.",
    ]


def test_markdown_posts_become_plain_paragraphs_and_headings() -> None:
    markdown = (
        "开头一句，**加粗**的事实。\n\n"
        "背景 {#background}\n------\n\n"
        "> 引用的一段话。\n> {#quote}\n\n"
        "*** ** * ** ***\n\n"
        "| 列 | 值 |\n|---|---|\n| 甲 | 乙 |\n\n"
        "* 第一条。\n* 第二条，[链接](https://example.com)。\n\n"
        "## 展望\n\n结尾。<br />\n"
    )
    paragraphs, headings = markdown_text(markdown)
    assert headings == ["背景", "展望"]
    assert paragraphs == [
        "开头一句，加粗的事实。",
        "引用的一段话。",
        "第一条。",
        "第二条，链接。",
        "结尾。",
    ]


def test_sets_keep_each_article_once_and_none_from_the_tuned_set(tmp_path: Path) -> None:
    shared = "This sentence also appears in an article that the ranker was tuned on."
    rows = [
        {"id": "a", "lang": "en", "title": "A", "text": "First story, long enough to count."},
        {"id": "b", "lang": "en", "title": "B", "text": "first  story, long enough to COUNT."},
        {"id": "c", "lang": "en", "title": "C", "text": f"Other words here. {shared}"},
        {"id": "d", "lang": "en", "title": "D", "text": "A third story that nobody tuned on."},
    ]
    out = tmp_path / "set.jsonl"
    written, duplicates, overlapping, parts = write_set(iter(rows), out, fingerprints(shared))
    assert (written, duplicates, overlapping) == (2, 1, 1)
    kept = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in kept] == ["a", "d"]
    assert sum(parts.values()) == 2
    assert all(row["part"] in {"tune", "report"} for row in kept)
