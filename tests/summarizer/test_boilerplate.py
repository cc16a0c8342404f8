"""Boilerplate by structure: header and tail debris in unseen wordings, hollow sections, titles."""

from __future__ import annotations

import json

import pytest

from summarizer import extract_article, parse_article, summarize
from summarizer.batch import BatchOptions, summarize_lines
from summarizer.blocks import Block, line_key
from summarizer.boilerplate import is_body, is_sentence
from summarizer.model import Summary
from summarizer.recurring import RecurringLines, document_lines
from summarizer.stoplists import paragraph_stop_words
from tests.summarizer.stories import BRIDGE_STORY

BODY_EN = BRIDGE_STORY[:3]
BODY_ZH = [
    "北城区今年将投入一点二亿元改造老旧供水管网，涉及二十三个社区、约四万户居民。",
    "区水务局介绍，工程分三期实施，第一期将于本月下旬开工，预计九月底前完成。",
    "改造完成后，管网漏损率有望明显下降，居民用水压力不足的问题也将得到缓解。",
]
# Wordings no phrase list of the package knows: only their shape gives them away.
HEADER_EN = ["Harbourside Morning Gazette", "Tuesday 4 June 2024, 07:15", "Words: Priya Natarajan"]
TAIL_EN = [
    "Gazette desk: proofing by Ole Hansen",
    "Tap twice on the bell to keep reading our coverage",
    "Will the ferry timetable change again this summer?",
    "widget.load({stream: 'clip_4411', muted: true})",
    "Harbourside Media 2024, every reuse needs our written consent",
]
HEADER_ZH = ["南港日报", "2024年6月4日 07:15", "文丨记者 陈晨"]
TAIL_ZH = [
    "审稿人 何静",
    "轻触此处查看更多精彩内容",
    "南港今夏会再次调整轮渡时刻吗？",
    "南港传媒 保留一切权利",
]


def _shown(summary: Summary) -> list[str]:
    lines = list(summary.sentences)
    for section in summary.sections:
        lines.append(section.heading or "")
        lines.extend(section.sentences)
    return lines


@pytest.mark.parametrize(
    ("title", "header", "body", "tail"),
    [
        ("Council votes to rebuild the flood-damaged bridge", HEADER_EN, BODY_EN, TAIL_EN),
        ("北城区启动老旧管网改造工程", HEADER_ZH, BODY_ZH, TAIL_ZH),
    ],
)
def test_header_and_tail_debris_in_unseen_wordings_never_reach_the_summary(
    title: str, header: list[str], body: list[str], tail: list[str]
) -> None:
    text = "\n\n".join([header[0], title, *header[1:], *body, *tail])
    summary = summarize(text, sentences=3)
    assert summary.title == title
    assert summary.sentences
    debris = {line_key(line) for line in header + tail}
    assert not [line for line in _shown(summary) if line_key(line) in debris]
    assert not [s.heading for s in summary.sections if line_key(s.heading or "") in debris]


def test_a_section_whose_content_is_one_headline_goes_with_its_heading() -> None:
    text = "\n\n".join(
        [
            "Bridge plan approved",
            *BODY_EN[:2],
            "Related coverage",
            "Is the ferry coming back?",
            BODY_EN[2],
        ]
    )
    article = parse_article(text)
    assert "Related coverage" not in [s.heading for s in article.sections]
    assert "Is the ferry coming back?" not in article.text


def test_known_site_lines_are_dropped_and_other_text_kept() -> None:
    line = "Our newsroom thanks every reader for the support."
    text = "\n\n".join(["Bridge plan approved", BODY_EN[0], line, *BODY_EN[1:]])
    assert line in parse_article(text).text
    article = parse_article(text, boilerplate=frozenset({line_key(line)}))
    assert line not in article.text
    assert all(paragraph in article.text for paragraph in BODY_EN)


def test_a_metadata_line_is_never_the_title() -> None:
    text = "\n\n".join(["Reading time: 2 minutes", *BODY_EN])
    assert parse_article(text).title != "Reading time: 2 minutes"
    page = (
        "<html><head><meta property='og:title' content='Council votes to rebuild the bridge'>"
        "<title>Reading time: 2 minutes</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in BODY_EN)
        + "</article></body></html>"
    )
    assert extract_article(page).title == "Council votes to rebuild the bridge"


def test_no_fragment_is_picked_while_the_article_has_full_sentences() -> None:
    text = " ".join([BODY_EN[0], "Smith testified.", BODY_EN[1], "Jones agreed.", BODY_EN[2]])
    summary = summarize(text, sentences=5)
    assert "Smith testified." not in summary.sentences
    assert "Jones agreed." not in summary.sentences
    assert summarize("Bridge reopens.").sentences == ("Bridge reopens.",)


def test_a_page_closing_html_before_its_body_still_gives_the_article() -> None:
    page = (
        "<!doctype html><html><head><title>Bridge plan approved</title></head></html><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge plan "
        "approved</h1>" + "".join(f"<p>{p}</p>" for p in BODY_EN) + "</article></body></html>"
    )
    article = extract_article(page)
    assert all(paragraph in article.text for paragraph in BODY_EN)


def test_navigation_made_of_links_is_not_body_text() -> None:
    stops = paragraph_stop_words("en")
    assert is_body(Block(BODY_EN[0]), stops)
    assert not is_body(Block(BODY_EN[0], link_share=0.9), stops)
    assert not is_body(Block("Harbourside Morning Gazette"), stops)
    assert is_sentence("He said so.")
    assert not is_sentence("(Source: Harbourside Gazette)")


def test_lines_recurring_in_a_batch_are_learned_and_dropped() -> None:
    footer = "Harbourside Gazette keeps you posted every single morning"
    texts = [f"{body}\n\n{footer}" for body in BODY_EN]
    recurring = RecurringLines(min_documents=3)
    for text in texts:
        recurring.add(document_lines(text))
    assert line_key(footer) in recurring.known()
    seen: list[frozenset[str]] = []

    def one(text: str, options: BatchOptions, lang: str | None, known: frozenset[str]) -> Summary:
        seen.append(known)
        return summarize(parse_article(text, boilerplate=known))

    lines = [json.dumps({"id": i, "text": text}) for i, text in enumerate(texts)]
    results = list(summarize_lines(lines, BatchOptions(), one))
    assert all(line_key(footer) in known for known in seen)
    assert all(isinstance(r, dict) and footer not in r["sentences"] for r in results)


def test_the_sample_article_keeps_its_three_sections() -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "shared" / "samples"
    path = sample / "jinyuan-cadre-training.txt"
    if not path.is_file():
        pytest.skip(f"shared sample absent: {path}")
    summary = summarize(path.read_text(encoding="utf-8"))
    assert [s.heading for s in summary.sections] == [
        "Red visit+base teaching",
        "Couple assistance+four -handed teaching",
        "Students send teaching+flow lecture hall",
    ]


def test_the_density_pass_finds_the_container_holding_the_prose() -> None:
    from summarizer.html_parse import parse_html

    links = "".join(
        f"<li><a href='/s/{i}'>Section number {i} of the site</a></li>" for i in range(30)
    )
    page = (
        f"<html><body><div id='menu'><ul>{links}</ul></div><div id='wrap'><div id='story'>"
        + "".join(f"<p>{p}</p>" for p in BODY_EN)
        + "</div><div id='side'><p><a href='/x'>Most read today on the site</a></p></div>"
        "</div></body></html>"
    )
    main = [block.text for block in parse_html(page).main_blocks]
    assert main == BODY_EN
