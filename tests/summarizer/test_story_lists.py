"""Lists of other stories told by their markup: items that open with a link to another story."""

from __future__ import annotations

import lxml.html

from summarizer import extract_article
from summarizer.blocks import Block
from summarizer.story_lists import drop_story_text, story_items, story_texts
from tests.summarizer.stories import BRIDGE_STORY

STORY = BRIDGE_STORY
OTHERS = [
    (
        "Student attacks classmates at a college near the lake",
        "At least fifteen people were hurt on Tuesday morning when a student attacked others "
        "in a corridor of the college; the police say he acted alone and is now in custody.",
    ),
    (
        "Ferry operator cuts winter sailings to the islands",
        "Islanders will have two crossings a day instead of four from November, the operator "
        "said, blaming the price of fuel and a shortage of crew for the smaller timetable.",
    ),
    (
        "Museum reopens its Roman gallery after three years",
        "The gallery, closed since a leak damaged its ceiling, shows three hundred objects "
        "again, among them a mosaic floor found under a car park in the town centre.",
    ),
]


def _items(tag: str) -> str:
    wrap = ("<ul class='more'>", "</ul>") if tag == "li" else ("<div class='more'>", "</div>")
    items = "".join(
        f"<{tag} class='teaser'><a href='/news/{i}.html'>{head}</a>"
        f"<a href='/news/{i}.html'><img src='/pics/{i}.jpg'/></a><p>{lede}</p></{tag}>"
        for i, (head, lede) in enumerate(OTHERS)
    )
    return wrap[0] + items + wrap[1]


def _page(tag: str) -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><head><title>Bridge to be rebuilt</title></head><body>"
        f"<div class='article'><h1>Bridge to be rebuilt</h1>{story}{_items(tag)}</div>"
        "</body></html>"
    )


def test_items_of_a_list_of_other_stories_are_found_in_lists_and_in_runs_of_blocks() -> None:
    for tag in ("li", "div"):
        root = lxml.html.fromstring(_page(tag))
        assert len(story_items(root)) == len(OTHERS), tag
        blocks = [Block(p) for p in STORY] + [Block(lede) for _, lede in OTHERS]
        kept = drop_story_text(blocks, story_texts(root))
        assert [b.text for b in kept] == STORY, tag


def test_an_article_page_without_such_lists_keeps_every_paragraph() -> None:
    page = _page("li").replace(_items("li"), "")
    assert story_items(lxml.html.fromstring(page)) == []
    article = extract_article(page)
    assert [p for s in article.sections for p in s.paragraphs] == STORY


def test_a_list_of_sources_or_of_anchors_is_no_list_of_stories() -> None:
    sources = "".join(f"<li><a href='https://example.org/{n}'>{n}</a> said so</li>" for n in "abc")
    anchors = "".join(
        f"<li><a href='#part-{n}'>Part {n} of the long report</a></li>" for n in range(3)
    )
    prose = "".join(f"<li>{p} <a href='/x'>more on this story</a></li>" for p in STORY[:3])
    root = lxml.html.fromstring(f"<div><ul>{sources}</ul><ol>{anchors}</ol><ul>{prose}</ul></div>")
    assert story_items(root) == []


def test_two_linked_items_are_not_yet_a_list() -> None:
    root = lxml.html.fromstring(
        "<div><ul>"
        + "".join(
            f"<li><a href='/n/{i}'>{head}</a> {lede}</li>"
            for i, (head, lede) in enumerate(OTHERS[:2])
        )
        + "</ul></div>"
    )
    assert story_texts(root) == []


def test_lines_found_in_a_story_item_are_dropped_unless_nothing_would_be_left() -> None:
    texts = story_texts(lxml.html.fromstring(_items("li")))
    blocks = [Block(p) for p in STORY] + [Block(lede) for _, lede in OTHERS]
    assert [b.text for b in drop_story_text(blocks, texts)] == STORY
    only_teasers = [Block(lede) for _, lede in OTHERS[:1]]
    assert drop_story_text(only_teasers, texts) == only_teasers
