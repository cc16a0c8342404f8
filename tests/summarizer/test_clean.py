"""Cleaning rules: each junk shape goes, body sentences always stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import parse_article
from summarizer.clean import clean_lines, is_end_marker, junk_reason, strip_inline_junk
from summarizer.languages import get_language

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    "line", ["- END -", "END", "—— END ——", "（完）", "(完)", "【完】", "全文完"]
)
def test_end_markers(line: str) -> None:
    assert is_end_marker(line)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Source 德 Yang Runde Wang Junfang", "credit"),
        ("Editor -in -law Zhang Junjun", "credit"),
        ("Editor: Jane Smith", "credit"),
        ("Reporter: Li Lei, Han Meimei", "credit"),
        ("Photographer | Zhao Ming", "credit"),
        ("责任编辑：李明", "credit"),
        ("来源：新华社", "credit"),
        ("记者 王小明 通讯员 张华", "credit"),
        ("（记者 王小明）", "credit"),
        ("策划：王五", "credit"),
        ("Photo: Li Wei/Xinhua", "credit"),
        ("▲ 图为开业当天的食堂", "caption"),
        ("The new bridge at dusk. (Photo by Tom Becker)", "caption"),
        ("Residents queue outside the library /Getty Images", "caption"),
        ("Video/Snapshot, T_100, F_JPG, M_fast Controls = Controls", "debris"),
        ("data-version/ueditor/video/mp4/20220617/1655434795663008.mp4 transcoding = 1", "debris"),
        ('<iframe src="https://example.org/embed/1"></iframe>', "debris"),
        ("Share this article", "prompt"),
        ("Subscribe to our newsletter", "prompt"),
        ("Read more: Town plans second library", "prompt"),
        ("Scroll down for video", "prompt"),
        ("点击阅读原文", "prompt"),
        ("长按识别二维码关注我们", "prompt"),
        ("Copyright 2024 City News. All rights reserved.", "copyright"),
        ("© 2023 Millbrook Gazette", "copyright"),
        ("版权所有 未经授权不得转载", "copyright"),
    ],
)
def test_junk_lines_are_recognised(line: str, reason: str) -> None:
    assert junk_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Sources close to the council said the vote would be delayed until March.",
        "The editor of the local paper, Anna Berg, won a national award this year.",
        "A photo by the river won the regional prize for young photographers last week.",
        "Reporters waited outside the court for more than three hours on Friday.",
        "Copyright law was changed in 2019, the minister said.",
        "Planning for the new district began in 2015.",
        "记者从区政府获悉，新的公交线路将于下月开通。",
        "来源于社区的捐款占总投资的一半以上。",
        "关注民生是政府工作的重点。",
        "Red visit+base teaching",
        "What changed",
    ],
)
def test_body_lines_and_headings_are_kept(line: str) -> None:
    assert junk_reason(line) is None


def test_everything_after_an_end_marker_is_dropped() -> None:
    lines = ["Body sentence one.", "- END -", "Teaser about another story", "More teasers."]
    assert clean_lines(lines) == ["Body sentence one."]


def test_trailing_end_marks_and_scroll_prompts_are_stripped_from_text() -> None:
    lines = [
        "新的公交线路将于下月开通。（完）",
        "Scroll down for video The bridge opened on Sunday.",
    ]
    assert clean_lines(lines) == ["新的公交线路将于下月开通。", "The bridge opened on Sunday."]


@pytest.mark.parametrize(
    "name", ["english_clean.txt", "english_sections.txt", "chinese_clean.txt", "no_headings.txt"]
)
def test_clean_articles_keep_every_sentence(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    article = parse_article(text)
    tokenizer = get_language(article.language).tokenizer
    kept = {
        s
        for p in (sec.paragraphs for sec in article.sections)
        for x in p
        for s in tokenizer.to_sentences(x)
    }
    body_lines = [line for line in text.splitlines()[1:] if len(line) > 60]
    expected = {s for line in body_lines for s in tokenizer.to_sentences(line)}
    assert expected
    assert expected <= kept


def test_junk_tail_is_removed_from_an_article() -> None:
    text = (DATA / "english_clean.txt").read_text() + (DATA / "junk_tail.txt").read_text()
    body = parse_article(text).text
    for junk in ("Shaohao", "Zhejiang", "Video/Snapshot", "END", "Editor", "Source", "Yang Runde"):
        assert junk not in body
    assert "one bake sale at a time" in body


def test_chinese_credit_lines_are_removed_and_body_kept() -> None:
    article = parse_article((DATA / "chinese_sections.txt").read_text(encoding="utf-8"))
    assert "责任编辑" not in article.text
    assert "返乡创业青年可以申请创业补贴。" in article.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("記者陳鈞凱／台北報導 流感疫情燒不停，衛生習慣太糟也可能是元兇之一！",
         "流感疫情燒不停，衛生習慣太糟也可能是元兇之一！"),
        ("【醒報記者林宜靜台北報導】冷冷的寒冬，多數人會使用電暖爐來取暖。",
         "冷冷的寒冬，多數人會使用電暖爐來取暖。"),
        ("（记者 张三）北京市今天发布新的交通管理措施，涉及全市主要道路。",
         "北京市今天发布新的交通管理措施，涉及全市主要道路。"),
        # A reporter named in the sentence, and a lede too short to stand alone, stay.
        ("记者表示，这个问题需要进一步研究和讨论才能得出结论。",
         "记者表示，这个问题需要进一步研究和讨论才能得出结论。"),
        ("（记者 张三）好的。", "（记者 张三）好的。"),
    ],
)  # fmt: skip
def test_a_reporter_credit_opening_a_chinese_lede_is_cut_from_it(line: str, expected: str) -> None:
    assert strip_inline_junk(line) == expected
