"""Feed autodiscovery: the <link rel="alternate"> feeds an HTML page advertises."""

from __future__ import annotations

from html.parser import HTMLParser

from bot.news.urls import resolve

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
)
_XML_FEED_TYPES = FEED_TYPES[:3]


class _LinkCollector(HTMLParser):
    """Collects (type, href) of alternate links; stops caring after </head>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"link", "a"}:
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";", 1)[0].strip()
        href = values.get("href", "")
        if "alternate" in rels and kind in _XML_FEED_TYPES and href:
            self.links.append((kind, href))


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Absolute feed URLs advertised by a page, RSS/Atom first, in page order, without repeats."""
    collector = _LinkCollector()
    try:
        collector.feed(html[:2_000_000])
        collector.close()
    except AssertionError:  # HTMLParser's way of reporting hopeless markup
        pass
    found: list[str] = []
    for _, href in collector.links:
        url = resolve(href, base_url)
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
    return found
