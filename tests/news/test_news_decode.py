"""Decoding bytes: HTTP charset, then the document's declaration, then detection."""

from __future__ import annotations

import pytest

from bot.news.decode import decode_bytes
from bot.news.feeds import parse_feed

CASES = {
    "gbk": "太原市地铁二号线今天正式开通运营，市民可以刷卡或扫码乘车。新线路连接城市南北，"
    "沿线设有二十三座车站，预计每天运送乘客十八万人次。",
    "big5": "九龍舊街市活化工程完成後重新開放，保留了原有的建築外貌，並加入了新的商店和休憩空間，"
    "市民可以在周末參加手作市集和導賞團。",
    "shift_jis": "東京都は新しい地下鉄路線の建設計画を発表しました。新路線は都心と臨海部を結び、"
    "二〇三〇年代の開業を目指しています。",
    "windows-1251": "Городской совет объявил о строительстве новой линии метро. Новая линия "
    "соединит северные и южные районы города и откроется через три года.",
}


@pytest.mark.parametrize("encoding", sorted(CASES))
def test_http_charset(encoding):
    text = CASES[encoding]
    assert decode_bytes(text.encode(encoding), f"text/html; charset={encoding}") == text


@pytest.mark.parametrize("encoding", sorted(CASES))
def test_html_meta_charset(encoding):
    page = f'<html><head><meta charset="{encoding}"></head><body><p>{CASES[encoding]}</p></body>'
    assert CASES[encoding] in decode_bytes(page.encode(encoding), "text/html")


@pytest.mark.parametrize("encoding", sorted(CASES))
def test_xml_declaration(encoding):
    doc = f'<?xml version="1.0" encoding="{encoding}"?><rss><t>{CASES[encoding]}</t></rss>'
    assert CASES[encoding] in decode_bytes(doc.encode(encoding), "application/xml")


@pytest.mark.parametrize("encoding", sorted(CASES))
def test_detection_without_any_declaration(encoding):
    text = CASES[encoding] * 3
    page = f"<html><body><p>{text}</p></body></html>"
    assert text in decode_bytes(page.encode(encoding), None)


def test_gb2312_label_decodes_gbk_only_characters():
    text = "镕基与喆"  # outside GB2312, inside GBK: servers still label it gb2312
    assert decode_bytes(text.encode("gbk"), "text/html; charset=gb2312") == text


def test_wrong_http_charset_falls_back_to_detection():
    text = CASES["gbk"]
    assert decode_bytes(text.encode("gbk"), "text/html; charset=utf-8") == text


def test_invalid_utf8_never_raises_and_the_feed_still_parses():
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bad \xff'
        b"</title><item><title>ok</title><link>http://x.example/1</link></item></channel></rss>"
    )
    assert isinstance(decode_bytes(body, "application/rss+xml; charset=utf-8"), str)
    feed = parse_feed(body, url="http://x.example/feed")
    assert [entry.title for entry in feed.entries] == ["ok"]
