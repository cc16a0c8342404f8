"""Picture captions found by where they sit: with the picture, or right under its box."""

from __future__ import annotations

import lxml.html

from summarizer import extract_article
from summarizer.blocks import Block
from summarizer.captions import MAX_CAPTION_CHARS, _flat, caption_keys, drop_captions
from tests.summarizer.stories import BRIDGE_STORY

PARAGRAPHS = BRIDGE_STORY
CAPTION = "The old stone bridge seen from the east bank"


def _page(picture: str) -> str:
    first, second, *rest = (f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>Bridge to be rebuilt</title></head><body><article>"
        f"<h1>Bridge to be rebuilt</h1>{first}{second}{picture}{''.join(rest)}"
        "</article></body></html>"
    )


UNDER_A_BOX = (
    "<div class='img_wrapper'><img src='/p/bridge.jpg' width='500' height='333'></div>"
    f"<p>{CAPTION}</p>"
)


def test_a_line_under_a_picture_is_its_caption_not_a_sub_heading() -> None:
    article = extract_article(_page(UNDER_A_BOX))
    assert [s.heading for s in article.sections] == [None]
    assert [p for s in article.sections for p in s.paragraphs] == PARAGRAPHS


def test_captions_sit_in_the_picture_s_box_or_right_under_it() -> None:
    figure = f"<figure><img src='/p/a.jpg'><figcaption>{CAPTION}</figcaption></figure>"
    listed = f"<ul><li><img src='/p/b.jpg' width='320'><h3>{CAPTION}</h3></li></ul>"
    for markup in (figure, listed, UNDER_A_BOX):
        keys = caption_keys(lxml.html.fromstring(_page(markup)))
        assert drop_captions([Block(CAPTION), Block(PARAGRAPHS[0])], keys) == [
            Block(PARAGRAPHS[0])
        ], markup


def test_icons_and_sentences_next_to_pictures_are_text() -> None:
    icon = f"<div><img src='/flag.png' width='16' height='11'> {CAPTION}</div>"
    sentence = f"<div><img src='/p/c.jpg'></div><p>{PARAGRAPHS[1]}</p>"
    inline = f"<p><img src='/p/d.jpg'> {CAPTION}</p>"
    for markup in (icon, sentence, inline):
        assert caption_keys(lxml.html.fromstring(f"<html><body>{markup}</body></html>")) == (
            frozenset()
        ), markup


def test_a_picture_s_box_is_read_no_further_than_a_caption_can_run() -> None:
    # Each picture's box here is the whole column: reading it whole for each of 3,000
    # pictures took minutes; read up to a caption's length, the column costs nothing.
    paragraph = f"<p>{PARAGRAPHS[0]}</p>"
    column = "".join(f"{paragraph}<img src='/p/{i}.jpg'>" for i in range(3000))
    root = lxml.html.fromstring(f"<html><body><div>{column}</div></body></html>")
    assert len(_flat(root)) <= MAX_CAPTION_CHARS + len(PARAGRAPHS[0]) + 1
    assert caption_keys(root) == frozenset()


def test_a_line_repeating_a_picture_s_alt_or_title_is_a_caption_whatever_its_shape() -> None:
    described = (
        "<p><img src='/p/e.jpg' width='400' alt='公示有两个样式，此为其一。'></p>"
        "<p><a href='/p/f.jpg' title='An image of the bridge. Engineers inspect it daily.'>"
        "<img src='/p/f.jpg'></a></p>"
    )
    keys = caption_keys(lxml.html.fromstring(_page(described)))
    blocks = [
        Block("公示有两个样式，此为其一。"),
        Block("Engineers inspect it daily."),
        Block(PARAGRAPHS[0]),
    ]
    assert drop_captions(blocks, keys) == [Block(PARAGRAPHS[0])]


def test_a_short_alt_text_is_too_common_to_mark_a_line() -> None:
    keys = caption_keys(lxml.html.fromstring(_page("<p><img src='/p/g.jpg' alt='Photo'></p>")))
    assert drop_captions([Block("Photo"), Block(PARAGRAPHS[0])], keys) == [
        Block("Photo"),
        Block(PARAGRAPHS[0]),
    ]
