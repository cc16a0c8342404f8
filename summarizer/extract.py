"""Main-text extraction from an HTML page held in a string: trafilatura first, lxml as fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import lxml.html
from lxml import etree

from summarizer.blocks import Block, line_key
from summarizer.captions import caption_keys, drop_captions
from summarizer.description_check import agrees, same_part, strayed
from summarizer.detect import detect_language
from summarizer.errors import EmptyInputError
from summarizer.html_parse import HtmlDocument, head_title, parse_html, repair_markup
from summarizer.inputs import check_text
from summarizer.languages import normalize_code
from summarizer.metadata import find_date
from summarizer.model import Article
from summarizer.native import NATIVE_LOCK, claim_thread_dictionary
from summarizer.nav_runs import cut_menus, menu_labels
from summarizer.parse import DocumentMeta, build_article, strip_site_name
from summarizer.related_blocks import (
    drop_link_lines,
    page_anchors,
    prune_related,
    restore_links,
)
from summarizer.stoplists import paragraph_stop_words
from summarizer.story_lists import drop_story_text, story_texts

_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
_WORD = re.compile(r"[^\W_]+")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TITLE_AGREEMENT = 0.3
_ITEM_BREAKS = frozenset({"list", "lb", "quote"})
_MIN_EXTRACTED_CHARS = 80
_FLAT_BLOCK_CHARS = 5000  # no paragraph a reader is shown runs this long
_FLAT_SHARE = 0.5
# trafilatura falls back to the URL's host (or a domain in the title) for a page that names no
# site; a bare host is no name, and the caller has the URL anyway.
_HOST_LIKE = re.compile(
    r"^(?:(?:www\.)?[\w-]+(?:\.[\w-]+)+(?::\d+)?|[\w-]+:\d+|\[[0-9a-f:.]+\](?::\d+)?)$",
    re.ASCII | re.IGNORECASE,
)
# Some pages fill a publisher meta tag with their copyright notice instead of a name.
_NOT_A_NAME = re.compile(r"©|\(c\)|copyright|all rights reserved|版权", re.IGNORECASE)
_MAX_SITE_NAME_CHARS = 60

_MAX_LEARNED_LINE = 200  # longer lines are prose; recurring boilerplate is short
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)
logging.getLogger("readability.readability").setLevel(logging.ERROR)


@dataclass(frozen=True)
class ExtractedPage:
    """An article extracted from a page, with the name the page gives its site (if any)."""

    article: Article
    site_name: str | None = None
    lines: frozenset[str] = frozenset()
    """Keys (``blocks.line_key``) of the page's short lines, for learning what recurs."""


def extract_article(
    html: str,
    *,
    url: str | None = None,
    language: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> Article:
    """Extract the article from an HTML page (never fetched: pass the markup).

    ``url`` only helps trafilatura judge links and metadata. Headings are kept. When
    trafilatura finds no main text, readability, jusText and a density pass of the package's
    own HTML reader are tried in turn. ``boilerplate`` holds keys of lines known to recur on
    the site; they are dropped.
    """
    return extract_page(html, url=url, language=language, boilerplate=boilerplate).article


def extract_page(
    html: str,
    *,
    url: str | None = None,
    language: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> ExtractedPage:
    """`extract_article`, plus the site's own name (og:site_name and the like, never a host).

    Safe to call from several threads: see `summarizer.native` for why it takes a lock.
    """
    check_text(html)
    code = normalize_code(language) if language else None
    with NATIVE_LOCK:
        claim_thread_dictionary()
        return _extract_page(html, url, code, boilerplate)


def _extract_page(
    html: str, url: str | None, code: str | None, boilerplate: frozenset[str]
) -> ExtractedPage:
    markup = repair_markup(html)
    stories, captions, menus = _page_furniture(markup)
    extracted = _trafilatura_xml(markup, url)
    flattened: ExtractedPage | None = None
    strayed_page: ExtractedPage | None = None
    strayed_blocks: list[Block] = []
    found_meta: DocumentMeta | None = None
    description: str | None = None
    if extracted is not None:
        blocks, meta, site_name = extracted
        blocks = cut_menus(drop_captions(drop_story_text(blocks, stories), captions), menus)
        description = meta.description
        found_meta = replace(meta, warnings=[])
        if sum(len(b.text) for b in blocks if not b.marked) >= _MIN_EXTRACTED_CHARS:
            try:
                article = build_article(blocks, meta, code, boilerplate=boilerplate)
                page = ExtractedPage(article, _site_name(site_name, article.title), _keys(blocks))
                if strayed(description, blocks):
                    # kept in case no other extractor finds the lede elsewhere on the page
                    strayed_page, strayed_blocks = page, blocks
                elif not _is_flattened(blocks):
                    return page
                else:
                    flattened = page  # kept in case no other extractor sees any structure
            except EmptyInputError:
                pass
    document = parse_html(markup)
    attempts: tuple[Callable[[], list[Block]], ...] = (
        lambda: _readability_blocks(markup, url),
        lambda: _justext_blocks(markup, code, document),
        lambda: list(document.main_blocks),
    )
    for attempt in attempts:
        blocks = drop_captions(drop_story_text(drop_link_lines(attempt()), stories), captions)
        blocks = cut_menus(blocks, menus)
        if sum(len(b.text) for b in blocks if not b.marked) < _MIN_EXTRACTED_CHARS:
            continue
        if flattened is not None and _is_flattened(blocks):
            continue
        if strayed_page is not None and (
            not agrees(description, blocks) or same_part(strayed_blocks, blocks)
        ):
            continue
        # A flattened or strayed trafilatura page still had the head's metadata right.
        page_meta = (
            replace(found_meta, warnings=[])
            if (flattened or strayed_page) and found_meta
            else _head_meta(document)
        )
        try:
            article = build_article(blocks, page_meta, code, boilerplate=boilerplate)
        except EmptyInputError:
            continue
        return ExtractedPage(article, _site_name(document.site_name, article.title), _keys(blocks))
    kept = strayed_page or flattened
    if kept is not None:
        return kept
    blocks = list(document.blocks)
    article = build_article(blocks, _head_meta(document), code, boilerplate=boilerplate)
    return ExtractedPage(article, _site_name(document.site_name, article.title), _keys(blocks))


def _page_furniture(markup: str) -> tuple[list[str], frozenset[str], frozenset[str]]:
    """Texts of the page's lists of other stories, keys of its picture captions and labels
    of its menus (none when the markup does not parse)."""
    try:
        root = lxml.html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return [], frozenset(), frozenset()
    return story_texts(root), caption_keys(root), menu_labels(root)


def _is_flattened(blocks: list[Block]) -> bool:
    """Whether one block holds most of the text and thousands of characters: a table layout
    (a forum, an old portal) read as one paragraph, navigation and posts run together."""
    lengths = [len(b.text) for b in blocks if not b.marked]
    longest = max(lengths, default=0)
    return longest >= _FLAT_BLOCK_CHARS and longest >= _FLAT_SHARE * sum(lengths)


def _head_meta(document: HtmlDocument) -> DocumentMeta:
    return DocumentMeta(
        title=strip_site_name(document.title) if document.title else None,
        byline=document.author,
        published=find_date(document.date_text) if document.date_text else None,
        description=document.description,
    )


def _keys(blocks: list[Block]) -> frozenset[str]:
    return frozenset(
        key for b in blocks if len(b.text) <= _MAX_LEARNED_LINE and (key := line_key(b.text))
    )


def _readability_blocks(markup: str, url: str | None) -> list[Block]:
    """The article as readability-lxml finds it, read by the package's own HTML reader."""
    from readability import Document  # loaded only when trafilatura found nothing

    try:
        summary = Document(markup, url=url).summary(html_partial=True)
    except Exception:
        return []
    return list(parse_html(summary).blocks)


def _justext_blocks(markup: str, code: str | None, document: HtmlDocument) -> list[Block]:
    """The paragraphs jusText keeps, with the stop words of the page's language."""
    import justext  # loaded only when trafilatura and readability found nothing

    sample = " ".join(b.text for b in document.blocks[:200])
    language = code or (detect_language(sample).code if sample.strip() else "en")
    stop_words = paragraph_stop_words(language)
    if not stop_words:
        return []
    try:
        paragraphs = justext.justext(markup.encode("utf-8"), stop_words, encoding="utf-8")
    except Exception:
        return []
    return [
        Block(
            p.text,
            marked=bool(p.is_heading),
            level=2 if p.is_heading else 0,
            link_share=float(p.links_density()),
        )
        for p in paragraphs
        if not p.is_boilerplate and p.text.strip()
    ]


def _site_name(candidate: str | None, title: str | None) -> str | None:
    """A site name as a page states it; None for a host, a copyright notice or the headline."""
    name = " ".join((candidate or "").split()).lstrip("@")
    if not name or len(name) > _MAX_SITE_NAME_CHARS:
        return None
    # trafilatura's last guess is a part of <title>, which may be the headline itself.
    if title is not None and name.casefold() == title.casefold():
        return None
    if _HOST_LIKE.match(name) or _NOT_A_NAME.search(name):
        return None
    return name


def _trafilatura_xml(
    html: str, url: str | None
) -> tuple[list[Block], DocumentMeta, str | None] | None:
    # trafilatura is slow to import; plain-text users never need it.
    import trafilatura

    result = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        with_metadata=True,
        include_formatting=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=True,
    )
    if not result:
        return None
    try:
        root = etree.fromstring(result.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None
    meta = DocumentMeta(
        title=_headline(root.get("title"), head_title(html)),
        byline=root.get("author") or None,
        published=find_date(root.get("date") or ""),
        description=root.get("description") or None,
    )
    main = root.find("main")
    if main is not None:
        restore_links(main, page_anchors(html))
    blocks = drop_link_lines(_xml_blocks(prune_related(main))) if main is not None else []
    return blocks, meta, root.get("sitename")


def _headline(found: str | None, head: str | None) -> str | None:
    """trafilatura's title, unless it is shorter than the page head's og:title or <title> and
    shares almost no words with it: then it is a heading of the page ("More From …", "Latest
    in Gear", "Join the Discussion"), not the story's, and the head's title is taken. (A
    longer headline written for the page beats a search-engine title in other words.)
    """
    found = strip_site_name(found or "") or None
    if found is None or not head:
        return found or (strip_site_name(head or "") or None)
    if line_key(found) in line_key(head):
        return found  # one part of "Story - Section - Site"
    stripped = strip_site_name(head)
    ours, theirs = _title_words(found), _title_words(stripped)
    if not ours or not theirs:
        return found
    agree = len(ours & theirs) >= _TITLE_AGREEMENT * min(len(ours), len(theirs))
    return found if agree or len(ours) >= len(theirs) else stripped


def _title_words(text: str) -> set[str]:
    """Words of a title, case-folded; CJK characters one by one."""
    text = text.casefold()
    return set(_WORD.findall(_CJK_CHAR.sub(" ", text))) | set(_CJK_CHAR.findall(text))


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _xml_blocks(main: etree._Element) -> list[Block]:
    """Read trafilatura's XML body: <head rend="hN">, <p>, <list>/<item>, <quote>."""
    blocks: list[Block] = []
    for element in main:
        tag = element.tag
        if tag == "head":
            text = _text(element)
            if text:
                level = _HEADING_LEVELS.get(element.get("rend", ""), 2)
                blocks.append(Block(text, marked=True, level=level))
        elif tag == "list":
            for item in element.findall("item"):
                blocks.extend(_item_blocks(item))
        elif tag == "div":
            blocks.extend(_xml_blocks(element))  # a wrapper trafilatura kept: read inside it
        elif tag in ("p", "quote", "code"):
            text = _text(element)
            if text:
                bold = _is_bold_only(element, text)
                blocks.append(Block(text, marked=bold, level=7 if bold else 0,
                                    link_share=_link_share(element)))  # fmt: skip
    return blocks


def _item_blocks(item: etree._Element) -> list[Block]:
    """One list item as blocks. An item that holds a nested list, a quote or line breaks (a
    forum post: poster, date, member statistics, the post) is read as the blocks it holds,
    headings and nested items in their place, instead of as one line of everything.
    """
    if not any(child.tag in _ITEM_BREAKS for child in item):
        # A heading over a paragraph ("Story title" + its standfirst) stays one line: a teaser.
        text = _text(item)
        return [Block(text, link_share=_link_share(item))] if text else []
    blocks: list[Block] = []
    run: list[str] = []
    linked: list[str] = []

    def flush() -> None:
        text = " ".join("".join(run).split())
        if text:
            total = len(text.replace(" ", ""))
            links = len("".join(linked).replace(" ", ""))
            blocks.append(Block(text, link_share=min(1.0, links / total) if total else 0.0))
        run.clear()
        linked.clear()

    run.append(item.text or "")
    for child in item:
        if child.tag == "list":
            flush()
            for nested in child.findall("item"):
                blocks.extend(_item_blocks(nested))
        elif child.tag == "head":
            flush()
            text = _text(child)
            if text:
                level = _HEADING_LEVELS.get(child.get("rend", ""), 2)
                blocks.append(Block(text, marked=True, level=level))
        elif child.tag == "lb":
            flush()
        else:
            if child.tag in ("quote", "p"):
                flush()  # a quote starts a paragraph; what follows it may continue its line
            text = "".join(child.itertext())
            run.append(text + " " if child.tag == "quote" else text)
            if child.tag == "ref":
                linked.append(text)
            linked.extend("".join(ref.itertext()) for ref in child.iter("ref") if ref is not child)
        run.append(child.tail or "")
    flush()
    return [_bold_only(block, item) for block in blocks]


def _bold_only(block: Block, item: etree._Element) -> Block:
    """Mark a run that is all bold (a post's subject line) as trafilatura's <p> reader does."""
    if block.marked:
        return block
    bold = {" ".join(_text(hi).split()) for hi in item.iter("hi") if hi.get("rend") == "#b"}
    if block.text in bold:
        return Block(block.text, marked=True, level=7, link_share=block.link_share)
    return block


def _link_share(element: etree._Element) -> float:
    """Share of an element's text inside trafilatura's <ref> (link) elements."""
    total = len("".join(_text(element).split()))
    if total == 0:
        return 0.0
    linked = sum(len("".join(_text(ref).split())) for ref in element.iter("ref"))
    return min(1.0, linked / total)


def _is_bold_only(element: etree._Element, text: str) -> bool:
    bold = " ".join(_text(hi) for hi in element.iter("hi") if hi.get("rend") == "#b")
    return bool(bold) and bold.replace(" ", "") == text.replace(" ", "")
