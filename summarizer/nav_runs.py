"""Menus in a page's markup (runs of short links), and their text cut out of extracted lines.

A menu, a breadcrumb trail or a row of portal tabs is a run of links with nothing between them
but spaces, separators ("|", "∣", ">", "·") or cell and list boundaries. Prose links one phrase
at a time, with words between, so it never forms such a run. An old table-layout page read as
one paragraph carries its menus inside the article's line ("會員登入 ∣ 會員中心 ∣ 加入會員 ∣ …
近日，福州一家醫院…"); told apart by markup alone, the runs are cut out of every extracted
line, whatever the language.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from summarizer.blocks import Block

MIN_RUN = 3
"""Two links side by side may be a sentence's pair of names; three are a menu."""
_MAX_LINK_CHARS = 40
"""A longer link is a headline (another story), left to the story-list rule."""
_MAX_LINK_WORDS = 5
_MIN_PIECE_LETTERS = 2
_SKIPPED = frozenset({"script", "style", "noscript", "template", "select", "option"})


def _is_filler(text: str) -> bool:
    """Whether text between two links is only spaces, punctuation and symbols."""
    return all(ch.isspace() or unicodedata.category(ch)[0] in "PS" for ch in text)


def _is_menu_label(text: str) -> bool:
    return 0 < len(text) <= _MAX_LINK_CHARS and len(text.split()) <= _MAX_LINK_WORDS


def _stream(root: etree._Element) -> Iterator[tuple[bool, str]]:
    """The page's text in reading order: (True, link text) per link, (False, text) otherwise."""
    inside = 0  # depth inside a link or a skipped element, whose own text is not streamed
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        opaque = tag == "a" or tag in _SKIPPED
        if event == "start":
            if opaque:
                if inside == 0 and tag == "a":
                    yield True, " ".join("".join(element.itertext()).split())
                inside += 1
            elif inside == 0 and isinstance(element.tag, str) and element.text:
                yield False, element.text
        else:
            if opaque:
                inside -= 1
            if inside == 0 and element.tail:
                yield False, element.tail


def menu_labels(root: etree._Element) -> frozenset[str]:
    """The texts of links that stand in a run of at least three short links."""
    labels: set[str] = set()
    run: list[str] = []

    def close() -> None:
        if len(run) >= MIN_RUN:
            labels.update(run)
        run.clear()

    for is_link, text in _stream(root):
        if not is_link:
            if not _is_filler(text):
                close()
        elif _is_menu_label(text):
            run.append(text.lower())
        elif text:
            close()  # a headline-length link ends a menu; an empty one (an icon) does not
    close()
    return frozenset(labels)


def _menu_spans(text: str, starts: dict[str, list[str]]) -> list[tuple[int, int]]:
    """Spans of ``text`` (lowercased) made of three or more menu labels with only filler
    between them."""
    spans: list[tuple[int, int]] = []
    position, size = 0, len(text)
    while position < size:
        if position and not _is_filler(text[position - 1]):
            position += 1
            continue
        end, count = position, 0
        while True:
            label = next(
                (lb for lb in starts.get(text[end : end + 1], ()) if text.startswith(lb, end)), None
            )
            if label is None or not _ends_word(text, end + len(label)):
                break
            count += 1
            end += len(label)
            gap = end
            while gap < size and _is_filler(text[gap]):
                gap += 1
            if gap == end and gap < size:
                break
            end = gap
        if count >= MIN_RUN:
            spans.append((position, end))
            position = end
        else:
            position += 1
    return spans


def _ends_word(text: str, end: int) -> bool:
    """A label ends at a boundary: the text's end, filler, or (in CJK) any character."""
    if end >= len(text) or _is_filler(text[end]):
        return True
    return not (text[end - 1].isascii() and text[end].isalnum())


def cut_menus(blocks: list[Block], labels: frozenset[str]) -> list[Block]:
    """Blocks with every run of menu labels cut out; a block that was only menus is dropped,
    and one holding a menu between two texts is split in two."""
    if not labels:
        return blocks
    starts: dict[str, list[str]] = defaultdict(list)
    for label in sorted(labels, key=len, reverse=True):
        starts[label[0]].append(label)
    kept: list[Block] = []
    for block in blocks:
        lowered = block.text.lower()
        spans = _menu_spans(lowered, starts) if len(lowered) == len(block.text) else []
        if not spans:
            kept.append(block)
            continue
        edges = [0, *(edge for span in spans for edge in span), len(block.text)]
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            piece = block.text[start:end].strip()
            if sum(ch.isalnum() for ch in piece) >= _MIN_PIECE_LETTERS:
                kept.append(replace(block, text=piece))
    return kept
