"""Feeds in 23 languages, seven legacy charsets and every feed format, served on loopback.

Every feed carries its stories' text itself; article links point at pages that cannot be
fetched (404 or a closed port), so ingest must use the feed's own content. Feeds also hold
items without a date, without a title and without a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from tests.feedserver import FeedServer
from tests.news.world_stories import STORIES

CLOSED_PORT = "http://127.0.0.1:9"  # nothing listens there: the connection is refused
FORMATS = ("rss091", "rss092", "rdf", "rss20", "atom")
BASE_DATE = datetime(2024, 7, 10, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class FeedSpec:
    """One language's feed: its stories' language, the charset it is sent in, its format."""

    language: str
    charset: str
    format: str
    declared_only: bool = False  # charset only in the XML declaration, not the HTTP header


SPECS: tuple[FeedSpec, ...] = (
    FeedSpec("en", "utf-8", "rss20"),
    FeedSpec("de", "utf-8", "atom"),
    FeedSpec("fr", "iso-8859-1", "rss091"),
    FeedSpec("es", "utf-8", "rss092"),
    FeedSpec("pt", "utf-8", "rdf"),
    FeedSpec("it", "utf-8", "rss20"),
    FeedSpec("nl", "utf-8", "atom"),
    FeedSpec("pl", "iso-8859-2", "rss20", declared_only=True),
    FeedSpec("ru", "windows-1251", "rss20", declared_only=True),
    FeedSpec("uk", "utf-8", "atom"),
    FeedSpec("el", "iso-8859-7", "rss091"),
    FeedSpec("sk", "utf-8", "rdf"),
    FeedSpec("tr", "utf-8", "rss092"),
    FeedSpec("ar", "utf-8", "atom"),
    FeedSpec("fa", "utf-8", "rss20"),
    FeedSpec("hi", "utf-8", "rss20"),
    FeedSpec("zh", "gb2312", "rss20", declared_only=True),
    FeedSpec("zh-hant", "big5", "atom"),
    FeedSpec("ja", "shift_jis", "rdf", declared_only=True),
    FeedSpec("ko", "euc-kr", "rss20"),
    FeedSpec("th", "tis-620", "rss092", declared_only=True),
    FeedSpec("vi", "utf-8", "atom"),
    FeedSpec("id", "utf-8", "rss091"),
)


@dataclass(frozen=True)
class Item:
    """One feed item as the test expects to find it stored."""

    title: str | None
    link: str | None
    html: str
    date: datetime | None
    guid: str


@dataclass(frozen=True)
class BuiltFeed:
    """A served feed and what it holds."""

    spec: FeedSpec
    url: str
    items: tuple[Item, ...]


def _html(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _items(spec: FeedSpec, server: FeedServer, n: int) -> tuple[Item, ...]:
    (title_a, text_a), (title_b, text_b) = STORIES[spec.language]
    slug = spec.language
    dated = spec.format not in ("rss091", "rss092")  # those formats carry no item dates
    items = [
        Item(
            title_a,
            server.url(f"/gone/{slug}/a.html"),  # 404
            _html(text_a),
            BASE_DATE - timedelta(hours=n) if dated else None,
            f"{slug}-a",
        ),
        Item(
            title_b,
            f"{CLOSED_PORT}/{slug}/b.html",  # connection refused
            _html(text_b),
            None,  # no date, in every format
            f"{slug}-b",
        ),
        # No title: the text of both stories, in another order.
        Item(
            None, server.url(f"/gone/{slug}/c.html"), _html((*text_b, *text_a)), None, f"{slug}-c"
        ),
    ]
    if spec.format == "rss092":  # in RSS 0.92 a description alone makes an item
        items.append(Item(None, None, _html((text_b[-1], text_a[0])), None, f"{slug}-e"))
    if spec.format != "rss091":  # RSS 0.91 requires a link; the others may leave it out
        items.append(
            Item(f"{title_b} ({title_a})", None, _html((text_a[-1], *text_b)), None, f"{slug}-d")
        )
    return tuple(items)


def _rss_item(item: Item, version: str) -> str:
    parts = []
    if item.title is not None:
        parts.append(f"<title>{escape(item.title)}</title>")
    if item.link is not None:
        parts.append(f"<link>{escape(item.link)}</link>")
    parts.append(f"<description>{escape(item.html)}</description>")
    if version == "2.0":
        parts.append(f'<guid isPermaLink="false">{item.guid}</guid>')
        if item.date is not None:
            parts.append(f"<pubDate>{format_datetime(item.date, usegmt=True)}</pubDate>")
    return f"<item>{''.join(parts)}</item>"


def _rss(spec: FeedSpec, items: tuple[Item, ...], version: str) -> str:
    return (
        f'<rss version="{version}"><channel><title>News ({spec.language})</title>'
        f"<link>http://example.org/{spec.language}/</link><description>Local news</description>"
        f"<language>{spec.language}</language>"
        f"{''.join(_rss_item(item, version) for item in items)}</channel></rss>"
    )


def _rdf(spec: FeedSpec, items: tuple[Item, ...]) -> str:
    def about(item: Item) -> str:
        return escape(item.link or f"urn:test:{item.guid}")

    seq = "".join(f'<rdf:li rdf:resource="{about(item)}"/>' for item in items)
    body = []
    for item in items:
        parts = [f"<title>{escape(item.title)}</title>" if item.title is not None else ""]
        parts.append(f"<link>{escape(item.link)}</link>" if item.link is not None else "")
        parts.append(f"<description>{escape(item.html)}</description>")
        if item.date is not None:
            parts.append(f"<dc:date>{item.date.isoformat()}</dc:date>")
        body.append(f'<item rdf:about="{about(item)}">{"".join(parts)}</item>')
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://example.org/{spec.language}/"><title>News ({spec.language})'
        f"</title><link>http://example.org/{spec.language}/</link><description>Local news"
        f"</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>"
        f"{''.join(body)}</rdf:RDF>"
    )


def _atom(spec: FeedSpec, items: tuple[Item, ...]) -> str:
    entries = []
    for item in items:
        parts = [f"<id>urn:test:{item.guid}</id>"]
        if item.title is not None:
            parts.append(f"<title>{escape(item.title)}</title>")
        if item.link is not None:
            parts.append(f'<link rel="alternate" href="{escape(item.link)}"/>')
        if item.date is not None:
            parts.append(f"<updated>{item.date.isoformat()}</updated>")
        parts.append(f'<content type="html">{escape(item.html)}</content>')
        entries.append(f"<entry>{''.join(parts)}</entry>")
    return (
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{spec.language}">'
        f"<title>News ({spec.language})</title><id>urn:test:{spec.language}</id>"
        f"<updated>{BASE_DATE.isoformat()}</updated>{''.join(entries)}</feed>"
    )


def document(spec: FeedSpec, items: tuple[Item, ...]) -> bytes:
    """The feed in its format, encoded in its charset with a matching XML declaration."""
    match spec.format:
        case "rss091":
            body = _rss(spec, items, "0.91")
        case "rss092":
            body = _rss(spec, items, "0.92")
        case "rss20":
            body = _rss(spec, items, "2.0")
        case "rdf":
            body = _rdf(spec, items)
        case _:
            body = _atom(spec, items)
    declaration = f'<?xml version="1.0" encoding="{spec.charset}"?>\n'
    return (declaration + body).encode(spec.charset)  # fails loudly if a story does not fit


def serve_world(server: FeedServer) -> tuple[BuiltFeed, ...]:
    """Register every feed on `server`; returns what each one holds."""
    built = []
    for n, spec in enumerate(SPECS):
        items = _items(spec, server, n)
        kind = "application/atom+xml" if spec.format == "atom" else "application/rss+xml"
        header = kind if spec.declared_only else f"{kind}; charset={spec.charset}"
        path = f"/world/{spec.language}.{spec.format}.xml"
        url = server.add(path, document(spec, items), content_type=header, etag=f'"{n}"')
        built.append(BuiltFeed(spec, url, items))
    return tuple(built)
