"""Parsing feeds: formats, links, dates, and hostile documents."""

from __future__ import annotations

import pytest

from bot.news.errors import NotAFeedError, UnsafeXmlError
from bot.news.feeds import HTML_PAGE_MESSAGE, parse_feed
from tests.news.feedsite import BILLION_LAUGHS, huge_feed

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local</title><link>/</link>
<item><title>Dated</title><link>/news/1.html?utm_source=x</link><guid>g-1</guid>
<pubDate>Tue, 02 Jul 2024 10:00:00 +0800</pubDate><description>Lead one</description></item>
<item><title>Undated</title><link>news/2.html</link></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><id>urn:a:1</id><title>Atom one</title><link href="/a/1"/>
<updated>2024-07-01T00:00:00Z</updated><author><name>Li</name></author>
<content type="html">&lt;h2&gt;Head&lt;/h2&gt;&lt;p&gt;Body&lt;/p&gt;</content></entry>
</feed>"""
RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://h.example/"><title>RDF news</title><link>http://h.example/</link>
<description>d</description></channel>
<item rdf:about="http://h.example/r/1"><title>RDF one</title><link>http://h.example/r/1</link></item>
</rdf:RDF>"""


def test_rss_relative_links_and_dates():
    feed = parse_feed(RSS, url="http://h.example/feeds/main.xml")
    assert feed.version == "rss20"
    assert feed.title == "Local"
    dated, undated = feed.entries
    assert dated.url == "http://h.example/news/1.html?utm_source=x"
    assert undated.url == "http://h.example/feeds/news/2.html"
    assert dated.published is not None
    assert dated.published.isoformat() == "2024-07-02T02:00:00+00:00"
    assert undated.published is None
    assert dated.guid.endswith("g-1")
    assert dated.summary_html == "Lead one"


def test_atom_content_and_author():
    (entry,) = parse_feed(ATOM, url="http://h.example/atom").entries
    assert entry.url == "http://h.example/a/1"
    assert "<h2>Head</h2>" in entry.content_html
    assert entry.author == "Li"


def test_rdf():
    feed = parse_feed(RDF, url="http://h.example/rdf")
    assert feed.version == "rss10"
    assert [e.url for e in feed.entries] == ["http://h.example/r/1"]


def test_billion_laughs_is_refused_not_expanded():
    with pytest.raises(UnsafeXmlError, match="entity declarations are not allowed"):
        parse_feed(BILLION_LAUGHS, url="http://h.example/evil")


def test_external_entity_is_refused():
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>&x;</title></channel></rss>'
    )
    with pytest.raises(UnsafeXmlError):
        parse_feed(doc, url="http://h.example/evil")


def test_a_plain_doctype_without_entities_is_fine():
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://my.netscape.com/publish/formats/rss-0.91.dtd">'
        + RSS.split(b"?>", 1)[1]
    )
    assert len(parse_feed(doc, url="http://h.example/").entries) == 2


def test_html_error_page_is_not_a_feed():
    page = b"<!DOCTYPE html><html><head><title>Error</title></head><body>503</body></html>"
    with pytest.raises(NotAFeedError) as caught:
        parse_feed(page, url="http://h.example/feed")
    assert (
        str(caught.value) == HTML_PAGE_MESSAGE == "not a feed (the address returned an HTML page)"
    )


@pytest.mark.parametrize("body", [b"", b"just text", b"/etc/passwd", b'{"json": true}'])
def test_garbage_is_not_a_feed(body):
    with pytest.raises(NotAFeedError):
        parse_feed(body, url="http://h.example/feed")


def test_hundred_thousand_items_are_capped():
    feed = parse_feed(huge_feed(), url="http://h.example/big", max_entries=500)
    assert len(feed.entries) == 500
    assert feed.truncated
    assert feed.entries[0].guid.endswith("n0")
