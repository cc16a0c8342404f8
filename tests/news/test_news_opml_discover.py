"""OPML import/export (round trip with other readers) and feed autodiscovery."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.news.discover import discover_feeds
from bot.news.opml import OpmlError, OpmlFeed, export_opml, parse_opml

FEEDLY_STYLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Li subscriptions in feedly Cloud</title></head>
  <body>
    <outline text="Shanxi" title="Shanxi">
      <outline type="rss" text="Shanxi Daily" title="Shanxi Daily"
               xmlUrl="https://sx.example.cn/rss.xml" htmlUrl="https://sx.example.cn/"/>
      <outline type="rss" text="Taiyuan News" title="Taiyuan News"
               xmlUrl="https://ty.example.cn/feed"/>
    </outline>
    <outline title="Tech" text="Tech">
      <outline text="Nested" title="Nested">
        <outline type="rss" text="Deep" xmlUrl="https://deep.example/atom"/>
      </outline>
    </outline>
    <outline type="rss" text="Loose feed" xmlUrl="https://loose.example/rss"/>
  </body>
</opml>"""

INOREADER_STYLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Subscriptions from Inoreader</title></head><body>
<outline text="World" title="World">
<outline text="Harbour Times" title="Harbour Times" type="rss" xmlurl="https://hk.example/rss"
 htmlurl="https://hk.example" category="/hongkong"/>
</outline></body></opml>"""


def test_feedly_style_folders_become_categories():
    feeds = parse_opml(FEEDLY_STYLE)
    assert [(f.url, f.category) for f in feeds] == [
        ("https://sx.example.cn/rss.xml", "Shanxi"),
        ("https://ty.example.cn/feed", "Shanxi"),
        ("https://deep.example/atom", "Nested"),
        ("https://loose.example/rss", None),
    ]
    assert feeds[0].title == "Shanxi Daily"
    assert feeds[0].html_url == "https://sx.example.cn/"


def test_inoreader_style_lowercase_attributes_and_category():
    (feed,) = parse_opml(INOREADER_STYLE)
    assert feed.url == "https://hk.example/rss"
    assert feed.category == "hongkong"
    assert feed.html_url == "https://hk.example"


def test_export_round_trips():
    feeds = [
        OpmlFeed("https://sx.example.cn/rss.xml", "山西日报", "https://sx.example.cn/", "shanxi"),
        OpmlFeed("https://loose.example/rss", 'Loose & <odd> "name"'),
    ]
    document = export_opml(feeds, folder_names={"shanxi": "Shanxi"}, now=datetime.now(UTC))
    assert '<opml version="2.0">' in document
    assert 'type="rss"' in document
    assert parse_opml(document.encode("utf-8")) == feeds


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body/></html>", "root element is not <opml>"),
        (b"<opml", "not a valid OPML file"),
        (b'<!DOCTYPE opml [<!ENTITY a "b">]><opml><body/></opml>', "unsafe XML"),
    ],
)
def test_bad_opml_is_explained(data, message):
    with pytest.raises(OpmlError, match=message):
        parse_opml(data)


def test_discovery_finds_relative_alternate_links():
    page = """<html><head>
    <link rel="stylesheet" href="/s.css">
    <link rel="alternate" type="application/atom+xml" href="/atom.xml" title="Atom">
    <link rel="alternate" type="application/rss+xml" href="feeds/rss.xml">
    <link rel="alternate" type="text/html" hreflang="zh" href="/zh/">
    </head><body>
    <a rel="alternate" type="application/rss+xml" href="/atom.xml">x</a></body></html>"""
    assert discover_feeds(page, "https://n.example/news/index.html") == [
        "https://n.example/atom.xml",
        "https://n.example/news/feeds/rss.xml",
    ]
    assert discover_feeds("<html><body>no feeds</body></html>", "https://n.example/") == []
