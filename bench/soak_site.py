"""The soak's news sites: generated feeds and pages on several loopback addresses.

Each feed links pages of `page_maker` in every charset it makes; some links redirect, some
pages are slow, some answer 500 (their article then comes from the feed's own text). A page
can be poisoned with the page pool's test fault marker, so the soak also shows what a page
that kills its worker costs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from bench.page_maker import PageMaker
from tests.feedserver import FeedServer

ROOT = Path(__file__).resolve().parents[1]


FAULT_MARKER = "newsbot-soak-fault"
FEED_TEXT = "Feed summary"
HOSTS = ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5")


@dataclass
class Batch:
    """Feeds added in one go, and what their pages should become."""

    feed_urls: list[str] = field(default_factory=list)
    pages: int = 0
    poisoned: list[str] = field(default_factory=list)
    failing: list[str] = field(default_factory=list)


class SoakSites:
    """One feed server per loopback host; `batch()` adds fresh feeds and pages to them."""

    def __init__(self, hosts: int, seed: int = 7) -> None:
        self.servers = [FeedServer(host).start() for host in HOSTS[:hosts]]
        self.maker = PageMaker(seed)
        self.rng = random.Random(seed)
        self._n = 0

    def close(self) -> None:
        """Stop every server."""
        for server in self.servers:
            server.stop()

    def forget(self) -> None:
        """Drop every route (a soak round's pages are not needed after it)."""
        for server in self.servers:
            server.routes.clear()

    def batch(self, pages_per_feed: int, *, poison: int = 0, tag: str = "b") -> Batch:
        """One new feed per host with `pages_per_feed` new pages each; `poison` of them poisoned."""
        batch = Batch()
        total = pages_per_feed * len(self.servers)
        poisoned = set(self.rng.sample(range(total), min(poison, total)))
        k = 0
        for server in self.servers:
            items = []
            for _ in range(pages_per_feed):
                self._n += 1
                items.append(self._item(server, tag, self._n, k in poisoned, batch))
                k += 1
            head = (
                '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>Wire {tag} {self._n}</title>"
            )
            feed = server.add(
                f"/{tag}/feed-{self._n}.xml",
                f"{head}{''.join(items)}</channel></rss>",
                content_type="application/rss+xml; charset=utf-8",
            )
            batch.feed_urls.append(feed)
        batch.pages = total
        return batch

    def _item(self, server: FeedServer, tag: str, n: int, poisoned: bool, batch: Batch) -> str:
        page = self.maker.page(n)
        body = page.body
        if poisoned:
            body = body.replace(b"<body>", f"<body><!-- {FAULT_MARKER}:segv -->".encode(), 1)
        path = f"/{tag}/a/{n}.html"
        roll = self.rng.random()
        options: dict[str, object] = {"content_type": page.content_type}
        if roll < 0.05:  # an error page instead (a poisoned one then never reaches a worker)
            body = b"<h1>Internal Server Error</h1>"
            options["status"] = 500
        elif roll < 0.12:
            options["delay"] = 0.4
        link = server.add(path, body, **options)
        if roll < 0.05:
            batch.failing.append(link)
        if poisoned:
            batch.poisoned.append(link)
        if 0.12 <= roll < 0.2:
            link = server.redirect(f"/{tag}/go/{n}", path, status=301)
        description = (
            f"<p>{FEED_TEXT} {n}: {escape(page.title)}. "
            + escape(
                " ".join(self.maker.words[(n * 7 + i) % len(self.maker.words)] for i in range(40))
            )
            + ".</p>"
        )
        return (
            f"<item><title>{xml_escape(page.title)}</title><link>{xml_escape(link)}</link>"
            f"<guid>{xml_escape(link)}</guid><description>{xml_escape(description)}"
            "</description></item>"
        )
