"""Feed documents to frozen entries: a defusedxml safety pass, then feedparser on bytes."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as StdET
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from lxml import etree

from bot.news.decode import decode_bytes
from bot.news.errors import NotAFeedError, UnsafeXmlError
from bot.news.urls import resolve

MAX_ENTRIES = 500
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)
_ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
HTML_PAGE_MESSAGE = "not a feed (the address returned an HTML page)"


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, links already absolute."""

    guid: str | None
    url: str | None
    title: str
    summary_html: str
    content_html: str
    published: datetime | None
    author: str | None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its own title and site link, and its newest entries (at most the cap).

    `skipped` gives the reason for each item that could not be read (the others are kept).
    """

    title: str | None
    link: str | None
    version: str
    entries: tuple[FeedEntry, ...]
    truncated: bool = False
    skipped: tuple[str, ...] = ()


def looks_like_html(text: str) -> bool:
    """True when a document starts like an HTML page rather than a feed."""
    return _HTML_START.match(text[:4096]) is not None


class _RootReached(Exception):  # noqa: N818 - a control-flow signal, not an error
    """Raised by the prolog check once the root element starts: the DTD is behind us."""


class _StopAtRoot:
    """An ElementTree parser target that only lets the prolog (XML declaration, DTD) through."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootReached

    def end(self, tag: str) -> None:
        return None

    def data(self, data: str) -> None:
        return None

    def close(self) -> None:
        return None


def check_xml_safety(data: bytes) -> None:
    """Refuse entity declarations and external references (defusedxml), reading only the prolog.

    Entities can only be declared in the DTD, which precedes the root element, so parsing
    stops there: the check costs nothing on a large feed.
    """
    parser = DefusedXMLParser(
        target=_StopAtRoot(), forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        parser.close()
    except _RootReached:
        return
    except DefusedXmlException:
        raise UnsafeXmlError from None
    except (StdET.ParseError, ValueError):
        return  # not well-formed; feedparser's tolerant parser decides what it is


def _truncate(data: bytes, limit: int) -> bytes | None:
    """Drop entries past `limit` in document order (feeds put newest first); None if none went."""
    if len(_ENTRY_START.findall(data)) <= limit:
        return None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    entries = list(root.iter("{*}item", "{*}entry"))  # any namespace, or none
    for element in entries[limit:]:
        element.getparent().remove(element)
    result: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return result


def _to_utf8(text: str) -> bytes:
    """Re-encode as UTF-8 with a matching declaration, so feedparser cannot mis-decode."""
    body = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body.encode("utf-8")


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _content(entry: Any) -> str:
    parts = [str(block.get("value", "")) for block in entry.get("content") or []]
    return "\n".join(part for part in parts if part)


def _entry(entry: Any, base: str) -> FeedEntry:
    link = entry.get("link") or None
    guid = entry.get("id") or None
    if not link and guid and str(guid).startswith(("http://", "https://")):
        link = guid
    return FeedEntry(
        guid=str(guid).strip() if guid else None,
        url=resolve(str(link), base) if link else None,
        title=str(entry.get("title") or "").strip(),
        summary_html=str(entry.get("summary") or ""),
        content_html=_content(entry),
        published=_when(entry),
        author=str(entry.get("author")) if entry.get("author") else None,
    )


def parse_feed(
    body: bytes, *, url: str, content_type: str | None = None, max_entries: int = MAX_ENTRIES
) -> ParsedFeed:
    """Parse RSS 2.0, Atom or RDF bytes; raise NotAFeedError or UnsafeXmlError with a reason."""
    text = decode_bytes(body, content_type)
    if looks_like_html(text):
        raise NotAFeedError(HTML_PAGE_MESSAGE)
    if _ENTITY_DECL.search(text[:65536]):
        raise UnsafeXmlError
    data = _to_utf8(text)
    check_xml_safety(data)
    shortened = _truncate(data, max_entries)
    truncated = shortened is not None
    if shortened is not None:
        data = shortened
    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={
            "content-type": "application/xml; charset=utf-8",
            "content-location": url,
        },
    )
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeedError("not a feed (no RSS, Atom or RDF document found)")
    entries: list[FeedEntry] = []
    skipped: list[str] = []
    for raw in parsed.entries[:max_entries]:
        try:
            entries.append(_entry(raw, url))
        except Exception as exc:  # one unreadable item never costs its feed the others
            skipped.append(f"unreadable item ({type(exc).__name__}: {str(exc)[:200]})")
    # Newest first; undated entries keep their document position after the dated ones.
    entries.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
    feed = parsed.get("feed", {})
    return ParsedFeed(
        title=str(feed.get("title")).strip() if feed.get("title") else None,
        link=resolve(str(feed["link"]), url) if feed.get("link") else None,
        version=str(parsed.get("version") or "unknown"),
        entries=tuple(entries),
        truncated=truncated or len(parsed.entries) > max_entries,
        skipped=tuple(skipped),
    )
