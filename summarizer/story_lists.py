"""Lists of other stories in a page's markup, and the extracted lines that come from them.

A portal lays its "more news" boxes out as lists whose every item opens with a link to
another story: a headline, often a thumbnail and a standfirst under it. An extractor that
meets such a list in the article's column keeps the standfirsts as paragraphs once it has
dropped the links. Told apart by markup alone (a list, items that open with a link to another
page, the link a headline or a picture), so the words and the language never matter. The page
is not changed before extraction (that would change what the extractor takes for the
article); the extractor's lines found inside such an item are dropped after it.
"""

from __future__ import annotations

import re

from lxml import etree

from summarizer.blocks import Block, line_key

_MIN_ITEMS = 3
"""Fewer linked items may be a story's own list of sources."""
_ITEM_SHARE = 2 / 3
"""A list is of other stories when at least this share of its items are."""
_MAX_PREFIX_CHARS = 20
"""Text allowed before an item's link: a time or a date ("12:30", "[2011-11-24]")."""
_HEADLINE_WORDS = 3
_HEADLINE_CJK = 8
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LOCAL = ("#", "javascript:", "mailto:", "tel:")
_ITEM_TAGS = frozenset({"li", "div", "article", "section", "dd"})
_MIN_MATCH_CHARS = 20
"""Shorter lines ("Read more", a date) are too common to tell where they came from."""
_MIN_KEPT_CHARS = 200


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _is_headline(text: str) -> bool:
    cjk = len(_CJK.findall(text))
    return cjk >= _HEADLINE_CJK or len(_CJK.sub(" ", text).split()) >= _HEADLINE_WORDS


def _opening_link(item: etree._Element) -> etree._Element | None:
    """The first link of an item when nothing but a short prefix comes before it."""
    seen = _flat(item.text)
    for element in item.iterdescendants():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "a":
            return element if len(seen) <= _MAX_PREFIX_CHARS else None
        if element.tag == "img":
            continue
        seen += _flat(element.text)
        if len(seen) > _MAX_PREFIX_CHARS:
            return None
    return None


def _is_story_item(item: etree._Element) -> bool:
    link = _opening_link(item)
    if link is None:
        return False
    href = (link.get("href") or "").strip().lower()
    if not href or href.startswith(_LOCAL):
        return False
    text = _flat("".join(link.itertext()))
    return _is_headline(text) or link.find(".//img") is not None


def story_items(root: etree._Element) -> list[etree._Element]:
    """The items of the page's lists of other stories.

    A list is a <ul>/<ol>, or a run of sibling blocks of one kind (the same tag and class),
    as portals build their boxes either way; it is of other stories when most of its items are.
    """
    found: list[etree._Element] = []
    for parent in root.iter():
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag in _ITEM_TAGS:
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for items in groups.values():
            if len(items) < _MIN_ITEMS:
                continue
            stories = [item for item in items if _is_story_item(item)]
            if len(stories) >= _MIN_ITEMS and len(stories) >= _ITEM_SHARE * len(items):
                found.extend(stories)
    return found


def story_texts(root: etree._Element) -> list[str]:
    """Keys (letters and digits, case-folded) of the text of each item of the page's lists of
    other stories: what an extractor keeps of them once their links are gone."""
    return [key for item in story_items(root) if (key := line_key("".join(item.itertext())))]


def drop_story_text(blocks: list[Block], texts: list[str]) -> list[Block]:
    """Drop the blocks that are part of an item of a list of other stories (a standfirst,
    a dek, a headline), unless that would leave almost nothing."""
    if not texts:
        return blocks
    # One string to search (keys hold no spaces, so a space never joins two items' text).
    joined = " ".join(texts)
    kept = [b for b in blocks if not _in_story(line_key(b.text), joined)]
    if sum(len(b.text) for b in kept) < _MIN_KEPT_CHARS:
        return blocks
    return kept


def _in_story(key: str, joined: str) -> bool:
    return len(key) >= _MIN_MATCH_CHARS and key in joined
