"""The shipped catalogs, the registry, the escaping rule, plurals and dates, in both languages."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.chat.settings_text import parse_setting, refusal
from bot.digest.model import Bullet, DigestContent, RegionSection, Story
from bot.digest.render import render_digest
from bot.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Html,
    format_day,
    format_moment,
    language_from_code,
    language_named,
    next_language,
    normalize_language,
    region_name,
    t,
    tn,
    weekday_name,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _messages(code: str) -> dict[str, tuple[str, ...]]:
    catalog = LANGUAGES[code].catalog
    return {
        str(message.id if isinstance(message.id, str) else message.id[0]): (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        for message in catalog
        if message.id
    }


def test_every_language_translates_every_message_with_the_same_fields():
    english = _messages(DEFAULT_LANGUAGE)
    assert len(english) > 150
    for code in LANGUAGES:
        messages = _messages(code)
        assert set(messages) == set(english), code
        for key, forms in messages.items():
            assert all(forms), (code, key)
            wanted = set().union(*(_fields(form) for form in english[key]))
            for form in forms:
                assert _fields(form) <= wanted | {"count"}, (code, key, form)


def test_plurals_follow_each_languages_cldr_rule():
    since = "Mon 11 May 14:05"
    assert tn("en", "window", 1, since=since) == "1 new story since Mon 11 May 14:05"
    assert tn("en", "window", 0, since=since) == "0 new stories since Mon 11 May 14:05"
    assert tn("en", "window", 2, since=since) == "2 new stories since Mon 11 May 14:05"
    assert tn("en", "export_caption", 1) == "1 feed"
    assert tn("en", "export_caption", 21) == "21 feeds"
    question = tn("en", "region_remove_confirm", 1, name="Datong", id="datong")
    assert question.startswith("1 chat follows <b>Datong</b>.")
    assert tn("en", "region_remove_confirm", 3, name="Datong", id="datong").startswith(
        "3 chats follow"
    )
    # Chinese has one form: every count reads the same.
    for count in (0, 1, 2, 1000):
        assert tn("zh", "window", count, since="5月11日 周一 14:05") == (
            f"自5月11日 周一 14:05以来的 {count} 条新闻"
        )
        assert tn("zh", "export_caption", count) == f"{count} 个订阅源"


def test_dates_and_times_in_both_languages():
    moment = datetime(2026, 5, 12, 14, 5, tzinfo=SHANGHAI)
    assert format_day(moment, "en") == "Tue 12 May"
    assert format_day(moment, "zh") == "5月12日 周二"
    assert format_moment(moment, "en") == "Tue 12 May 14:05"
    assert format_moment(moment, "zh") == "5月12日 周二 14:05"
    assert format_moment(moment, "en", today=moment.replace(hour=23)) == "14:05"
    assert format_moment(moment, "zh", today=moment.replace(hour=0)) == "14:05"
    december = datetime(2026, 12, 31, 9, 0, tzinfo=SHANGHAI)
    assert format_moment(december, "en") == "Thu 31 Dec 09:00"
    assert format_moment(december, "zh") == "12月31日 周四 09:00"
    assert [weekday_name(n, "en") for n in (0, 6)] == ["Monday", "Sunday"]
    assert [weekday_name(n, "zh") for n in (0, 6)] == ["周一", "周日"]


def test_values_are_escaped_unless_already_html():
    assert t("en", "search_none", query="<b>&") == "Nothing found for “&lt;b&gt;&amp;”."
    assert t("en", "search_none", query=Html("<b>x</b>")) == "Nothing found for “<b>x</b>”."
    assert isinstance(t("zh", "help"), Html)
    with pytest.raises(KeyError):
        t("en", "no_such_message")


def test_the_digest_escapes_each_value_once():
    now = datetime(2026, 5, 12, 6, 0, tzinfo=UTC)
    story = Story(
        article_id=1,
        title="Fish & chips",
        url="https://news.example/1",
        source="A&B News",
        published_at=now,
        bullets=(Bullet("", "x < y"),),
        also_reported_by=("C&D", "E<F"),
    )
    content = DigestContent(
        window_start=datetime(2026, 5, 11, 6, 0, tzinfo=UTC),
        window_end=now,
        sections=(RegionSection("coast", (story,)),),
    )
    (english,) = render_digest(content, "en", SHANGHAI, {"coast": "Sea & Sand"})
    assert "<b>▌Sea &amp; Sand</b>" in english
    assert "<i>Also reported by C&amp;D, E&lt;F</i>" in english
    assert "<i>1 new story since Mon 11 May 14:00</i>" in english
    assert "&amp;amp;" not in english
    (chinese,) = render_digest(content, "zh", SHANGHAI, {"coast": "海 & 沙"})
    assert "<i>其他报道：C&amp;D、E&lt;F</i>" in chinese
    assert "📰 新闻摘要 · 5月12日 周二" in chinese


def test_codes_names_and_the_switch_come_from_the_registry():
    assert list(LANGUAGES) == ["en", "zh"]
    assert language_from_code("zh-hans") == "zh"
    assert language_from_code("zh_TW") == "zh"
    assert language_from_code("en-US") == "en"
    assert language_from_code("de") == DEFAULT_LANGUAGE
    assert language_from_code(None) == DEFAULT_LANGUAGE
    assert normalize_language("xx") == DEFAULT_LANGUAGE
    for word, code in {
        "zh": "zh",
        "Chinese": "zh",
        "中文": "zh",
        "英文": "en",
        "english": "en",
    }.items():
        assert language_named(word) == code, word
    assert language_named("英语") == "en"  # CLDR's name of English in Chinese
    assert language_named("klingon") is None
    assert [LANGUAGES[c].native_name for c in LANGUAGES] == ["English", "中文"]
    assert next_language("en") == "zh"
    assert next_language("zh") == "en"


def test_region_names_fall_back_to_english():
    names = {"en": "Datong", "zh": "大同"}
    assert region_name(names, "zh") == "大同"
    assert region_name({"en": "Datong"}, "zh") == "Datong"
    assert region_name(names, "fr") == "Datong"


def test_settings_refusals_list_the_registered_languages():
    wrong = parse_setting("lang klingon")
    assert refusal("en", wrong) == "Choose en (English) or zh (中文)."
    assert refusal("zh", wrong) == "请选择 en（English）或zh（中文）。"
    usage = refusal("en", parse_setting("colour blue"))
    assert "/settings lang en|zh · /settings length" in usage
