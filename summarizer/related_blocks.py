"""Lists of other stories inside trafilatura's main text, told by their links, not their words.

News pages close (and portals surround) an article with lists of other stories: a label
("More News", "Ещё по теме", "相关新闻") over items that each link elsewhere. The item is a
linked headline, as a heading with a standfirst under it or glued to its lede in one
paragraph ("Rogue rabbit halts racing" + "1:57PM A ROGUE rabbit has…"), or a line that is
mostly link text ("01/17 16:09 恒大地产…"). trafilatura keeps such lists when they sit in the
article's container. Here a section (a heading and what follows it up to the next heading)
goes when its heading is a link, or when everything under it is such items; an empty label
goes with the list it heads. The words of the label never matter, so any language is read.
The other extractors' blocks lose their link lines and repeated captions the same way.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from lxml import etree

from summarizer.blocks import Block

_HEADLINE_LINK_SHARE = 0.8
"""A heading with this share of its text inside a link is another story's headline."""
_LINKED_ITEM_SHARE = 0.5
"""A line with this share of its text inside links is a link, not text."""
_LEAD_MIN_CHARS = 8
"""A leading link shorter than this is a name or a word, not a headline."""
_MAX_STANDFIRST_CHARS = 400
"""Under a linked headline, a longer paragraph is article text, not a teaser's standfirst."""
_MAX_STANDFIRSTS = 2
_MIN_ITEMS = 2
"""A list of other stories has at least this many items; one linked line may be a source."""
_LINKED_PARAGRAPH_SHARE = 0.6
"""A paragraph with this share of its text inside links points elsewhere."""
_TEASER_SHARE = 2 / 3
_MAX_KICKER_CHARS = 60
_MIN_KEPT_CHARS = 200
"""Pruning that leaves less text than this keeps the page as it was (a portal's front)."""


_SENTENCE_END = tuple(".!?。！？…")
_MAX_SIGNATURE_CHARS = 40
_MIN_POSTS = 3
_MIN_STORY_CHARS = 800
"""Comments follow a story at least this long; posts that come sooner are the page's text."""
_GLUED_DURATION = re.compile(r"[^\W\d_]\d{1,2}:\d{2}$")
"""A running time glued to the last word of a line: "…in ruins0:37"."""
_MAX_CAPTION_CHARS = 200
_MAX_POINTER_LABEL_CHARS = 25
_LINKED = "linked-chars"
_LEADING = "leading-link-chars"
_MIN_COPIES = 3
"""A paragraph shown this many times is a gallery's caption or a widget, not the story."""


def _text(element: etree._Element) -> str:
    return "".join("".join(element.itertext()).split())


def _linked_chars(element: etree._Element) -> int:
    refs = sum(len(_text(ref)) for ref in element.iter("ref"))
    return refs or int(element.get(_LINKED, "0"))


_ANCHOR = re.compile(r"<a\s[^>]*href[^>]*>(.{0,400}?)</a\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_MIN_ANCHOR_CHARS = 8


def page_anchors(markup: str) -> frozenset[str]:
    """The texts of the page's links, whitespace removed: trafilatura drops some links (inside
    tables, relative ones) but their text still says where an element pointed."""
    found = (
        "".join(html.unescape(_TAG.sub("", match)).split()) for match in _ANCHOR.findall(markup)
    )
    return frozenset(text for text in found if len(text) >= _MIN_ANCHOR_CHARS)


def restore_links(main: etree._Element, anchors: frozenset[str]) -> None:
    """Mark lines without <ref> whose text holds one of the page's link texts with how many
    characters (and leading characters) that link covers."""
    if not anchors:
        return
    for element in main.iter("p", "item", "head"):
        if element.find(".//ref") is not None or element.find(".//item") is not None:
            continue
        text = _text(element)
        if len(text) < _MIN_ANCHOR_CHARS:
            continue
        inside = [len(a) for a in anchors if len(a) <= len(text) and a in text]
        if not inside:
            continue
        element.set(_LINKED, str(max(inside)))
        leading = [len(a) for a in anchors if len(a) < len(text) and text.startswith(a)]
        if leading:
            element.set(_LEADING, str(max(leading)))


def _link_share(element: etree._Element) -> float:
    total = len(_text(element))
    return min(1.0, _linked_chars(element) / total) if total else 0.0


def _leading_link(element: etree._Element) -> str:
    """The text of a link that opens the element (no text before it), else ""."""
    if element.get(_LEADING):
        return _text(element)[: int(element.get(_LEADING, "0"))]
    if (element.text or "").strip():
        return ""
    for child in element:
        if child.tag == "ref":
            return _text(child)
        if child.tag in ("hi", "p"):
            inner = _leading_link(child)
            if inner or _text(child):
                return inner
        elif _text(child) or (child.tail or "").strip():
            return ""
        if (child.tail or "").strip():
            return ""
    return ""


def _is_glued(element: etree._Element) -> bool:
    """A headline link run into its lede without a space ("…racingA ROGUE rabbit…"): two
    lines of a teaser box read as one."""
    for ref in element.iter("ref"):
        tail = ref.tail or ""
        return len(_text(ref)) >= _LEAD_MIN_CHARS and tail[:1].isalpha() and tail[:1].isupper()
    return False


def _is_linked_headline(head: etree._Element) -> bool:
    return bool(_text(head)) and _link_share(head) >= _HEADLINE_LINK_SHARE


def _is_teaser_item(element: etree._Element) -> bool:
    """A line of a list of stories: mostly link text, or a headline link glued to a lede."""
    text = _text(element)
    if not text:
        return False
    if _link_share(element) >= _LINKED_ITEM_SHARE:
        return True
    lead = _leading_link(element)
    return len(lead) >= _LEAD_MIN_CHARS and len(lead) < len(text)


def _items(element: etree._Element) -> list[etree._Element]:
    """The lines an element shows: a list's items, else the element itself."""
    if element.tag == "list":
        return [item for item in element.iter("item") if _text(item)]
    return [element] if _text(element) else []


def _sections(main: etree._Element) -> list[tuple[etree._Element | None, list[etree._Element]]]:
    sections: list[tuple[etree._Element | None, list[etree._Element]]] = [(None, [])]
    for child in main:
        if child.tag == "head":
            sections.append((child, []))
        else:
            sections[-1][1].append(child)
    return sections


def _list_prefix(body: list[etree._Element]) -> int:
    """How many of the first elements under a heading form a list of stories: teaser lines,
    but for a few short unlinked ones (a kicker, a date); 0 when they form none."""
    teasers = lines = count = 0
    for element in body:
        items = _items(element)
        kinds = [_is_teaser_item(item) for item in items]
        short = all(
            kind or len(_text(item)) <= _MAX_KICKER_CHARS
            for item, kind in zip(items, kinds, strict=True)
        )
        if not items or not short:
            break
        teasers += sum(kinds)
        lines += len(items)
        count += 1
    return count if teasers >= _MIN_ITEMS and teasers >= _TEASER_SHARE * lines else 0


def _is_teaser(head: etree._Element | None, body: list[etree._Element]) -> bool:
    """A linked headline over at most a standfirst or two: another story's teaser."""
    if head is None or not _is_linked_headline(head):
        return False
    return len(body) <= _MAX_STANDFIRSTS and all(
        element.tag != "list" and len(_text(element)) <= _MAX_STANDFIRST_CHARS for element in body
    )


def _loose_links(main: etree._Element) -> list[etree._Element]:
    """Paragraphs that are links ("Report: Site failed ahead of rollout" between two
    paragraphs of the story), runs of teaser lines outside any headed list, and the short
    label ("ZOBACZ TAKŻE", "Related stories:") right above such a run."""
    children = list(main)
    dropped: list[etree._Element] = []
    run: list[int] = []

    def close() -> None:
        elements = [children[i] for i in run]
        linked = all(_link_share(e) >= _LINKED_ITEM_SHARE for e in elements)
        if len(run) >= _MIN_ITEMS and (linked or any(_is_glued(e) for e in elements)):
            dropped.extend(elements)
            if run[0] > 0 and _is_label(children[run[0] - 1]):
                dropped.append(children[run[0] - 1])
        run.clear()

    for index, child in enumerate(children):
        if child.tag == "p" and (
            _link_share(child) >= _LINKED_PARAGRAPH_SHARE or _is_pointer(child)
        ):
            dropped.append(child)
        if child.tag == "list" and _is_link_list(child):
            dropped.append(child)
            if index > 0 and _is_label(children[index - 1]):
                dropped.append(children[index - 1])
        if child.tag == "p" and _is_teaser_item(child):
            run.append(index)
        else:
            close()
    close()
    return list(dict.fromkeys(dropped))


def _is_link_list(element: etree._Element) -> bool:
    """A list whose items are all links (with a date or a count) or glued teasers."""
    items = _items(element)
    return len(items) >= _MIN_ITEMS and all(
        _link_share(item) >= _LINKED_ITEM_SHARE or _is_glued(item) for item in items
    )


def _is_pointer(element: etree._Element) -> bool:
    """A short label with a colon, then a link that is most of the rest: "Читай также:
    <link>", "Read more: <link>"."""
    ref = element.find(".//ref")
    if ref is None:
        return False
    before = "".join(element.itertext()).split(_text(ref)[:1] or "\0", 1)[0].strip()
    if not (0 < len(before) <= _MAX_POINTER_LABEL_CHARS and before.endswith((":", "："))):
        return False
    rest = len(_text(element)) - len("".join(before.split()))
    return rest > 0 and _linked_chars(element) >= _LINKED_ITEM_SHARE * rest


def _is_label(element: etree._Element) -> bool:
    """A short line that ends no sentence: a list's label or a kicker."""
    text = " ".join("".join(element.itertext()).split())
    return (
        element.tag in ("p", "head")
        and 0 < len(text) <= _MAX_KICKER_CHARS
        and not text.endswith(_SENTENCE_END)
        and _link_share(element) < _LINKED_ITEM_SHARE
    )


def _is_bold(element: etree._Element) -> bool:
    bold = "".join(_text(hi) for hi in element.iter("hi") if hi.get("rend") == "#b")
    return bool(bold) and bold == _text(element)


def _is_kicker(element: etree._Element) -> bool:
    text = " ".join("".join(element.itertext()).split())
    return (
        (
            (element.tag == "head" and element.get("rend") != "h1")
            or (element.tag == "p" and _is_bold(element))
        )
        and 0 < len(text) <= _MAX_KICKER_CHARS
        and not text.endswith(_SENTENCE_END)
    )


def _kickers(main: etree._Element) -> list[etree._Element]:
    """Headings and short bold lines right above the <h1>: a section's name or a kicker
    ("Новости Донбасса", "生活新聞" over "速報>>"), not the story's text."""
    children = list(main)
    found: list[etree._Element] = []
    for index, child in enumerate(children):
        if child.tag != "head" or child.get("rend") != "h1":
            continue
        above = index - 1
        while above >= 0 and _is_kicker(children[above]):
            found.append(children[above])
            above -= 1
    return found


def related_sections(main: etree._Element) -> list[etree._Element]:
    """The elements of trafilatura's <main> that belong to lists of other stories, and
    readers' comments under a story."""
    found = _story_lists(main) + _loose_links(main) + _kickers(main) + _comments(main)
    return list(dict.fromkeys(found))


def _is_signed(element: etree._Element) -> bool:
    """A paragraph that opens with a short bold name on a line of its own: a reader's post
    ("**MJ, ON**" / "Definitely mind over matter.")."""
    if element.tag != "p" or (element.text or "").strip() or len(element) < 2:
        return False
    name, following = element[0], element[1]
    return (
        name.tag == "hi"
        and name.get("rend") == "#b"
        and 0 < len(_text(name)) <= _MAX_SIGNATURE_CHARS
        and not (name.tail or "").strip()
        and following.tag == "lb"
        and len(_text(element)) > len(_text(name))
    )


def _comments(main: etree._Element) -> list[etree._Element]:
    """A run of signed posts after a story of its own: the readers' comments (and the bold
    line over them). A page that opens with such posts is a forum: its posts are the text."""
    children = list(main)
    index = 0
    while index < len(children):
        end = index
        while end < len(children) and _is_signed(children[end]):
            end += 1
        if end - index >= _MIN_POSTS:
            before = sum(len(_text(child)) for child in children[:index])
            if before < _MIN_STORY_CHARS:
                return []
            start = index - 1 if index and _is_kicker(children[index - 1]) else index
            return children[start:end]
        index = end + 1
    return []


def _story_lists(main: etree._Element) -> list[etree._Element]:
    sections = _sections(main)
    lists = [_list_prefix(body) if head is not None else 0 for head, body in sections]
    related = [
        head is not None and (_is_teaser(head, body) or lists[index] > 0)
        for index, (head, body) in enumerate(sections)
    ]
    # Two teasers in a row make a list; a lone linked heading may be the story's own.
    for index in range(len(sections)):
        if related[index] and not lists[index]:
            before = index > 0 and related[index - 1] and _is_teaser(*sections[index - 1])
            after = index + 1 < len(sections) and _is_teaser(*sections[index + 1])
            related[index] = before or after
    # An empty label ("More News", "Ещё по теме") over a list goes with it.
    for index in range(len(sections) - 2, 0, -1):
        head, body = sections[index]
        if not body and related[index + 1]:
            related[index] = True
    dropped: list[etree._Element] = []
    for index, (head, body) in enumerate(sections):
        if related[index] and head is not None:
            dropped.extend([head, *(body[: lists[index]] if lists[index] else body)])
    return dropped


def prune_related(main: etree._Element) -> etree._Element:
    """Remove lists of other stories from trafilatura's <main> (in place), unless that would
    leave almost nothing: then the page is a list itself, and stays as it was."""
    containers = [main, *main.iter("div")]  # trafilatura may keep a wrapper <div>
    dropped = [element for container in containers for element in related_sections(container)]
    if not dropped:
        return main
    kept = len(_text(main)) - sum(len(_text(element)) for element in dropped)
    if kept < _MIN_KEPT_CHARS:
        return main
    for element in dropped:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return main


def drop_link_lines(blocks: list[Block]) -> list[Block]:
    """Blocks of an extractor's reading without link lines, repeated captions and video
    captions.

    A line mostly inside a link points to another page ("DISTANT LIFE: Harvard scientists
    theorize…" between two paragraphs); a paragraph that recurs verbatim three times or more
    is a gallery's caption or a widget; a short line with a running time glued to its last
    word ("Airlie Beach in ruins0:37") is a video's caption. The blocks stay as they were
    when that would leave almost nothing.
    """
    counts = Counter(" ".join(b.text.split()) for b in blocks)
    kept = [
        b
        for b in blocks
        if b.link_share < _LINKED_PARAGRAPH_SHARE
        and counts[" ".join(b.text.split())] < _MIN_COPIES
        and not _is_video_caption(b)
    ]
    if sum(len(b.text) for b in kept) < _MIN_KEPT_CHARS:
        return blocks
    return kept


def _is_video_caption(block: Block) -> bool:
    text = block.text.strip()
    return len(text) <= _MAX_CAPTION_CHARS and _GLUED_DURATION.search(text) is not None
