"""Menus found by markup (runs of short links) and cut out of the lines extractors return."""

from __future__ import annotations

import lxml.html

from summarizer import extract_article
from summarizer.blocks import Block
from summarizer.nav_runs import cut_menus, menu_labels
from tests.summarizer.stories import BRIDGE_STORY

TOP_MENU = (
    "<div><a href='/login'>會員登入</a>∣<a href='/me'>會員中心</a>∣"
    "<a href='/join'>加入會員</a>∣<a href='/'>回首頁</a></div>"
)
TABS = (
    "<table><tr><td><a href='/about'>About us</a></td><td><a href='/live'>Listen live</a></td>"
    "<td><a href='/hosts'>Our hosts</a></td></tr></table>"
)


def _labels(body: str) -> frozenset[str]:
    return menu_labels(lxml.html.fromstring(f"<html><body>{body}</body></html>"))


def test_links_separated_only_by_marks_or_cells_are_a_menu() -> None:
    assert _labels(TOP_MENU) == {"會員登入", "會員中心", "加入會員", "回首頁"}
    assert _labels(TABS) == {"about us", "listen live", "our hosts"}


def test_links_in_prose_and_pairs_of_links_are_no_menu() -> None:
    prose = (
        "<p>The <a href='/c'>council</a> met the <a href='/e'>engineers</a> and the "
        "<a href='/r'>residents</a> on Monday.</p><p><a href='/a'>Ann</a> and "
        "<a href='/b'>Bob</a></p>"
    )
    headlines = "".join(
        f"<li><a href='/s{i}'>{sentence}</a></li>" for i, sentence in enumerate(BRIDGE_STORY)
    )
    assert _labels(prose) == frozenset()
    assert _labels(f"<ul>{headlines}</ul>") == frozenset()


def test_a_menu_run_into_the_article_s_line_is_cut_out_and_the_rest_kept() -> None:
    labels = _labels(TOP_MENU + TABS)
    flattened = Block(
        f"會員登入 ∣ 會員中心 ∣ 加入會員 ∣ 回首頁 About us Listen live Our hosts {BRIDGE_STORY[0]}"
    )
    assert cut_menus([flattened, Block(BRIDGE_STORY[1])], labels) == [
        Block(BRIDGE_STORY[0]),
        Block(BRIDGE_STORY[1]),
    ]
    # Fewer than three labels in a row are words of the text.
    prose = Block(f"Listen live to {BRIDGE_STORY[1]} About us")
    assert cut_menus([prose], labels) == [prose]


def test_a_table_layout_page_loses_its_menus_not_its_story() -> None:
    cells = "".join(f"<td><a href='/s/{i}'>Section {i}</a></td>" for i in range(6))
    page = (
        "<html><head><title>Bridge to be rebuilt</title></head><body><table><tr>"
        f"{cells}</tr><tr><td>{' '.join(BRIDGE_STORY)}</td></tr></table></body></html>"
    )
    text = " ".join(p for s in extract_article(page).sections for p in s.paragraphs)
    assert "Section" not in text
    assert BRIDGE_STORY[0] in text
