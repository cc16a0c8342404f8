"""OPML 2.0 import and export of feed lists; folders (or `category`) carry the region."""

from __future__ import annotations

import xml.etree.ElementTree as StdET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from bot.news.errors import FeedError

MAX_OPML_BYTES = 5 * 1024 * 1024
MAX_OPML_FEEDS = 5000


class OpmlError(FeedError):
    """The OPML document cannot be read."""


@dataclass(frozen=True)
class OpmlFeed:
    """One feed outline: its address, title, site and the folder/category it was filed under."""

    url: str
    title: str | None = None
    html_url: str | None = None
    category: str | None = None


def _attr(element: StdET.Element, name: str) -> str | None:
    """An attribute by case-insensitive name (readers disagree on xmlUrl vs xmlurl)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if key.lower() == wanted and value.strip():
            return value.strip()
    return None


def _first_category(raw: str | None) -> str | None:
    """The first category of a comma-separated list, path slashes stripped ("/a/b" -> "b")."""
    if not raw:
        return None
    first = raw.split(",", 1)[0].strip().strip("/")
    return first.rsplit("/", 1)[-1] or None


def _walk(element: StdET.Element, folder: str | None, out: list[OpmlFeed]) -> None:
    for child in element:
        if not isinstance(child.tag, str) or child.tag.lower() != "outline":
            continue
        url = _attr(child, "xmlUrl")
        label = _attr(child, "title") or _attr(child, "text")
        if url:
            if len(out) >= MAX_OPML_FEEDS:
                raise OpmlError(f"too many feeds in the OPML file (limit {MAX_OPML_FEEDS})")
            category = _first_category(_attr(child, "category")) or folder
            out.append(
                OpmlFeed(url=url, title=label, html_url=_attr(child, "htmlUrl"), category=category)
            )
        _walk(child, label if not url else folder, out)


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every feed outline of an OPML document (any nesting), without expanding entities."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError("the OPML file is larger than 5 MB")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise OpmlError("unsafe XML in the OPML file (DTD or entities) — refused") from None
    except StdET.ParseError as exc:
        raise OpmlError(f"not a valid OPML file ({exc})") from None
    if root.tag.lower() != "opml":
        raise OpmlError("not an OPML file (the root element is not <opml>)")
    body = next((el for el in root if el.tag.lower() == "body"), None)
    if body is None:
        raise OpmlError("not an OPML file (no <body>)")
    feeds: list[OpmlFeed] = []
    _walk(body, None, feeds)
    return feeds


def _feed_outline(parent: StdET.Element, feed: OpmlFeed) -> None:
    text = feed.title or feed.url
    attrs = {"type": "rss", "text": text, "title": text, "xmlUrl": feed.url}
    if feed.html_url:
        attrs["htmlUrl"] = feed.html_url
    if feed.category:
        attrs["category"] = feed.category
    StdET.SubElement(parent, "outline", attrs)


def export_opml(
    feeds: Iterable[OpmlFeed],
    *,
    folder_names: dict[str, str],
    title: str = "newsbot feeds",
    now: datetime,
) -> str:
    """An OPML 2.0 document; a feed with a category sits in the folder `folder_names[category]`."""
    root = StdET.Element("opml", {"version": "2.0"})
    head = StdET.SubElement(root, "head")
    StdET.SubElement(head, "title").text = title
    StdET.SubElement(head, "dateCreated").text = format_datetime(now, usegmt=True)
    body = StdET.SubElement(root, "body")
    folders: dict[str, StdET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            if feed.category not in folders:
                name = folder_names.get(feed.category, feed.category)
                folders[feed.category] = StdET.SubElement(
                    body, "outline", {"text": name, "title": name}
                )
            parent = folders[feed.category]
        _feed_outline(parent, feed)
    StdET.indent(root)
    return StdET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
