"""HTML (a page or a fragment) to blocks and page metadata, with lxml and no network."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from summarizer.blocks import Block
from summarizer.native import NATIVE_LOCK, claim_thread_dictionary

_DROP = (
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "iframe", "video", "audio", "object", "embed", "svg", "canvas", "figcaption", "select",
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset({"p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "caption", "address"})
_CONTAINERS = frozenset({"div", "section", "article", "main", "body", "header", "center", "span"})
_BOLD = frozenset({"b", "strong"})
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_CLOSING = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
_TRAILER = re.compile(r"(?:\s|<!--.*?-->|</(?:body|html)\s*>)*", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u3000]+")
_HTML_SIGNS = re.compile(
    r"<!doctype html|<html[\s>]|<body[\s>]"
    r"|</?(?:p|div|h[1-6]|article|section|br|li|span|strong)[\s/>]",
    re.IGNORECASE,
)
_META_AUTHOR = ("author", "article:author", "byl", "dc.creator", "sailthru.author")
_META_SITE_NAME = ("og:site_name", "application-name")
_META_DESCRIPTION = ("description", "og:description", "twitter:description")
_META_DATE = (
    "article:published_time", "datepublished", "pubdate", "publishdate", "date",
    "dc.date", "og:published_time", "sailthru.date", "publish_date",
)  # fmt: skip


@dataclass(frozen=True)
class HtmlDocument:
    """Blocks of an HTML document with what its head says about it."""

    blocks: tuple[Block, ...]
    title: str | None = None
    main_blocks: tuple[Block, ...] = ()
    """The blocks of the densest region (most paragraph text outside links), if any."""
    author: str | None = None
    date_text: str | None = None
    site_name: str | None = None
    description: str | None = None


def looks_like_html(text: str) -> bool:
    """Tell whether text is HTML markup rather than plain text that mentions a tag."""
    head = text[:5000]
    return len(_HTML_SIGNS.findall(head)) >= 2 or head.lstrip().lower().startswith(
        ("<!doctype", "<html")
    )


def _text_of(element: etree._Element) -> str:
    """Visible text, <br> turned into line breaks (see parse_html), spaces normalized."""
    text = "".join(element.itertext())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _is_bold_only(element: etree._Element, text: str) -> bool:
    bold = "".join(
        _SPACES.sub(" ", "".join(b.itertext())) for b in element.iter() if b.tag in _BOLD
    ).strip()
    return bool(bold) and _SPACES.sub("", bold) == _SPACES.sub("", text)


def _walk(element: etree._Element, out: list[Block]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HEADINGS:
        text = _text_of(element).replace("\n", " ")
        if text:
            out.append(Block(text, marked=True, level=_HEADINGS[tag]))
        return
    if tag in _BLOCKS:
        text = _text_of(element)
        if text:
            links = link_share(element)
            if tag == "p" and "\n" not in text and _is_bold_only(element, text):
                out.append(Block(text, marked=True, level=7, link_share=links))
            else:
                out.extend(Block(line, link_share=links) for line in text.split("\n"))
        return
    # Containers may hold loose text between their block children.
    if element.text and element.text.strip() and tag in _CONTAINERS:
        out.extend(Block(line) for line in _loose_lines(element.text))
    for child in element:
        _walk(child, out)
        if child.tail and child.tail.strip():
            out.extend(Block(line) for line in _loose_lines(child.tail))


def link_share(element: etree._Element) -> float:
    """The share of an element's visible text that sits inside links."""
    total = len(_SPACES.sub("", "".join(element.itertext())))
    if total == 0:
        return 0.0
    linked = sum(len(_SPACES.sub("", "".join(a.itertext()))) for a in element.iter("a"))
    return min(1.0, linked / total)


def _prose_chars(element: etree._Element) -> int:
    """Characters of paragraph text outside links under an element."""
    total = 0
    for paragraph in element.iter("p", "pre", "blockquote", "li", "dd"):
        text = len(_SPACES.sub("", "".join(paragraph.itertext())))
        linked = sum(len(_SPACES.sub("", "".join(a.itertext()))) for a in paragraph.iter("a"))
        total += max(0, text - 2 * linked)
    return total


def _densest(root: etree._Element) -> etree._Element | None:
    """The smallest container that still holds most of the page's prose (a density pass).

    From the root down, step into the child holding at least 80% of the prose of its parent;
    stop where the prose is spread over several children.
    """
    current = root
    score = _prose_chars(root)
    if score == 0:
        return None
    while True:
        best, best_score = None, 0
        for child in current:
            if isinstance(child.tag, str) and child.tag in _CONTAINERS | {
                "td",
                "table",
                "tr",
                "tbody",
            }:
                child_score = _prose_chars(child)
                if child_score > best_score:
                    best, best_score = child, child_score
        if best is None or best_score < 0.8 * score:
            return current
        current, score = best, best_score


def repair_markup(markup: str) -> str:
    """Undo a page closing </body> or </html> before its content: parsers drop what follows.

    Only closing tags followed by more than whitespace, comments and other closing tags go;
    a well-formed page comes back unchanged.
    """
    matches = list(_CLOSING.finditer(markup))
    if not matches:
        return markup
    parts: list[str] = []
    position = 0
    for match in matches:
        if _TRAILER.fullmatch(markup, match.end()):
            continue
        parts.append(markup[position : match.start()])
        position = match.end()
    parts.append(markup[position:])
    return "".join(parts)


def _loose_lines(text: str) -> list[str]:
    return [s for s in (_SPACES.sub(" ", line).strip() for line in text.split("\n")) if s]


def _meta(root: etree._Element, names: tuple[str, ...]) -> str | None:
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in names and (meta.get("content") or "").strip():
            return str(meta.get("content")).strip()
    return None


def head_title(markup: str) -> str | None:
    """The page head's name for the story: og:title, else <title> (the head alone is parsed)."""
    end = _HEAD_END.search(markup)
    if end is None:
        return None
    with NATIVE_LOCK:
        claim_thread_dictionary()
        try:
            root = lxml.html.fromstring(markup[: end.end()] + "<body></body></html>")
        except (etree.ParserError, ValueError):
            return None
        title_element = root.find(".//title")
        title = _text_of(title_element) if title_element is not None else None
        return _meta(root, ("og:title",)) or title or None


def parse_html(markup: str) -> HtmlDocument:
    """Parse an HTML page or fragment into blocks (headings marked) and head metadata."""
    with NATIVE_LOCK:
        claim_thread_dictionary()
        return _parse_html(markup)


def _parse_html(markup: str) -> HtmlDocument:
    try:
        root = lxml.html.fromstring(repair_markup(markup))
    except (etree.ParserError, ValueError):
        return HtmlDocument(blocks=())
    title_element = root.find(".//title")
    title = _text_of(title_element) if title_element is not None else None
    og_title = _meta(root, ("og:title",))
    author = _meta(root, _META_AUTHOR)
    date_text = _meta(root, _META_DATE)
    site_name = _meta(root, _META_SITE_NAME)
    description = _meta(root, _META_DESCRIPTION)
    time_element = root.find(".//time[@datetime]")
    if date_text is None and time_element is not None:
        date_text = time_element.get("datetime")
    for element in list(root.iter(etree.Comment, etree.ProcessingInstruction, *_DROP, "head")):
        if element.getparent() is not None:
            element.drop_tree()
    # Source line breaks inside a paragraph are spaces; only <br> breaks a line.
    for element in root.iter():
        if element.text:
            element.text = element.text.replace("\n", " ")
        if element.tail:
            element.tail = element.tail.replace("\n", " ")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks: list[Block] = []
    _walk(root, blocks)
    main: list[Block] = []
    dense = _densest(root)
    if dense is not None and dense is not root:
        _walk(dense, main)
    return HtmlDocument(
        tuple(blocks),
        main_blocks=tuple(main),
        title=og_title or title or None,
        author=author,
        date_text=date_text,
        site_name=site_name,
        description=description,
    )
