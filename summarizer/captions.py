"""Picture captions in a page's markup, and the extracted lines that are captions.

A caption sits with its picture: in the box that holds the image and a short text, or as the
short line right under a box that holds only the image. Extractors keep such lines as
paragraphs, where a short unpunctuated one reads as a sub-heading. Found by where the line
sits, never by its words.
"""

from __future__ import annotations

from lxml import etree

from summarizer.blocks import Block, line_key
from summarizer.boilerplate import word_count

_MAX_CAPTION_WORDS = 40
MAX_CAPTION_CHARS = 600
"""A box holding more text than this is no caption's."""
_SENTENCE_END = tuple(".!?。！？…")
_CLOSERS = '"”’」』)）'
_TOP = frozenset({"body", "html"})
# A picture's own box; a paragraph holding an image and words is a paragraph with an icon.
_BOXES = frozenset({"figure", "div", "li", "td", "dd", "center", "section"})
_BLOCKS = _BOXES | {"p", "a"}
_MIN_ALT_CHARS = 8
"""Shorter alt texts ("photo", "image 1") are too common to tell a caption from a line."""
MIN_DESCRIBED_CHARS = 20
"""A shorter line is only a caption when it is a whole alt text, not a part of one."""
_ICON_PIXELS = 60
"""An image this small or smaller (a flag, an emoji, a logo) has no caption."""


def _flat(element: etree._Element, limit: int = MAX_CAPTION_CHARS) -> str:
    """The element's text, read no further than ``limit`` characters: a box holding more is
    no caption's, and a page of thousands of pictures in one long column stays quick."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext():
        parts.append(piece)
        size += len(piece)
        if size > limit:
            break
    return " ".join("".join(parts).split())


def _has_text(element: etree._Element) -> bool:
    return any(piece.strip() for piece in element.itertext())


def _image_box(image: etree._Element) -> tuple[etree._Element, etree._Element | None]:
    """The largest box around an image that holds no text, and the box above it (None at
    the top of the page)."""
    box = image
    parent = box.getparent()
    while parent is not None and parent.tag not in _TOP and not _has_text(parent):
        box, parent = parent, parent.getparent()
    return box, (parent if parent is not None and parent.tag not in _TOP else None)


def _is_icon(image: etree._Element) -> bool:
    sizes = [image.get("width") or "", image.get("height") or ""]
    return any(size.isdigit() and int(size) <= _ICON_PIXELS for size in sizes)


def _next_element(element: etree._Element) -> etree._Element | None:
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following


def _is_short(text: str) -> bool:
    return bool(text) and len(text) <= MAX_CAPTION_CHARS and word_count(text) <= _MAX_CAPTION_WORDS


def _described(image: etree._Element) -> list[str]:
    """What the markup says a picture shows: its alt and title, and its link's title."""
    texts = [image.get("alt"), image.get("title")]
    link = image.getparent()
    if link is not None and link.tag == "a":
        texts.append(link.get("title"))
    return [key for text in texts if text and len(key := line_key(text)) >= _MIN_ALT_CHARS]


def caption_keys(root: etree._Element) -> frozenset[str]:
    """Keys of the page's caption lines: the text sharing a small box with a picture, an
    unpunctuated short line right under a box that holds only a picture, and what the
    picture's alt or title text says (a caption repeated under it, whatever its shape)."""
    keys: set[str] = set()
    for image in root.iter("img"):
        if _is_icon(image):
            continue
        keys.update(_described(image))
        box, holder = _image_box(image)
        if holder is not None and holder.tag in _BOXES and not (box.tail or "").strip():
            text = _flat(holder)
            if _is_short(text) and len(holder) <= 3:
                keys.add(line_key(text))
        following = _next_element(box)
        if following is not None and box.tag in _BLOCKS and not (box.tail or "").strip():
            text = _flat(following)
            if _is_short(text) and not text.rstrip(_CLOSERS).endswith(_SENTENCE_END):
                keys.add(line_key(text))
    keys.discard("")
    return frozenset(keys)


def drop_captions(blocks: list[Block], keys: frozenset[str]) -> list[Block]:
    """Drop the blocks that are captions of the page's pictures, or a part of one."""
    if not keys:
        return blocks
    # One string to search (keys hold no spaces, so a space never joins two captions).
    joined = " ".join(keys)
    return [b for b in blocks if not _in_caption(line_key(b.text), keys, joined)]


def _in_caption(key: str, keys: frozenset[str], joined: str) -> bool:
    return key in keys or (len(key) >= MIN_DESCRIBED_CHARS and key in joined)
