"""Main-text extraction from an HTML page held in a string: trafilatura first, lxml as fallback."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from lxml import etree

from summarizer.blocks import Block
from summarizer.errors import EmptyInputError
from summarizer.html_parse import parse_html
from summarizer.inputs import check_text
from summarizer.languages import normalize_code
from summarizer.metadata import find_date
from summarizer.model import Article
from summarizer.native import NATIVE_LOCK, claim_thread_dictionary
from summarizer.parse import DocumentMeta, build_article, strip_site_name

_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
_MIN_EXTRACTED_CHARS = 80
# trafilatura falls back to the URL's host (or a domain in the title) for a page that names no
# site; a bare host is no name, and the caller has the URL anyway.
_HOST_LIKE = re.compile(
    r"^(?:(?:www\.)?[\w-]+(?:\.[\w-]+)+(?::\d+)?|[\w-]+:\d+|\[[0-9a-f:.]+\](?::\d+)?)$",
    re.ASCII | re.IGNORECASE,
)
# Some pages fill a publisher meta tag with their copyright notice instead of a name.
_NOT_A_NAME = re.compile(r"©|\(c\)|copyright|all rights reserved|版权", re.IGNORECASE)
_MAX_SITE_NAME_CHARS = 60

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class ExtractedPage:
    """An article extracted from a page, with the name the page gives its site (if any)."""

    article: Article
    site_name: str | None = None


def extract_article(html: str, *, url: str | None = None, language: str | None = None) -> Article:
    """Extract the article from an HTML page (never fetched: pass the markup).

    ``url`` only helps trafilatura judge links and metadata. Headings are kept. When
    trafilatura finds no main text, the whole page is parsed by the package's own HTML reader.
    """
    return extract_page(html, url=url, language=language).article


def extract_page(
    html: str, *, url: str | None = None, language: str | None = None
) -> ExtractedPage:
    """`extract_article`, plus the site's own name (og:site_name and the like, never a host).

    Safe to call from several threads: see `summarizer.native` for why it takes a lock.
    """
    check_text(html)
    code = normalize_code(language) if language else None
    with NATIVE_LOCK:
        claim_thread_dictionary()
        return _extract_page(html, url, code)


def _extract_page(html: str, url: str | None, code: str | None) -> ExtractedPage:
    extracted = _trafilatura_xml(html, url)
    if extracted is not None:
        blocks, meta, site_name = extracted
        if sum(len(b.text) for b in blocks if not b.marked) >= _MIN_EXTRACTED_CHARS:
            try:
                article = build_article(blocks, meta, code)
                return ExtractedPage(article, _site_name(site_name, article.title))
            except EmptyInputError:
                pass
    document = parse_html(html)
    meta = DocumentMeta(
        title=strip_site_name(document.title) if document.title else None,
        byline=document.author,
        published=find_date(document.date_text) if document.date_text else None,
    )
    article = build_article(list(document.blocks), meta, code)
    return ExtractedPage(article, _site_name(document.site_name, article.title))


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
        include_links=False,
    )
    if not result:
        return None
    try:
        root = etree.fromstring(result.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None
    meta = DocumentMeta(
        title=strip_site_name(root.get("title") or "") or None,
        byline=root.get("author") or None,
        published=find_date(root.get("date") or ""),
    )
    main = root.find("main")
    blocks = _xml_blocks(main) if main is not None else []
    return blocks, meta, root.get("sitename")


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
            blocks.extend(Block(_text(item)) for item in element.iter("item") if _text(item))
        elif tag in ("p", "quote", "code"):
            text = _text(element)
            if text:
                blocks.append(Block(text, marked=_is_bold_only(element, text), level=7))
    return [b if b.marked else Block(b.text) for b in blocks]


def _is_bold_only(element: etree._Element, text: str) -> bool:
    bold = " ".join(_text(hi) for hi in element.iter("hi") if hi.get("rend") == "#b")
    return bool(bold) and bold.replace(" ", "") == text.replace(" ", "")
