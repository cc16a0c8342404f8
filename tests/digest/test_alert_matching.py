"""Pure alert logic: matching like /search, quiet hours across midnight and DST, the cap."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.chat import callbacks
from bot.digest.alert_render import SUMMARY_CALLBACK, render_alert, render_cap_notice
from bot.digest.alerts import (
    ArticleTerms,
    Plan,
    alert_groups,
    hour_of,
    match_stories,
    matches,
    parse_quiet_hours,
    plan_alerts,
    quiet_until,
)
from bot.store import Alert, HourUsage
from tests.digest.digest_factories import NOW, article

NEW_YORK = ZoneInfo("America/New_York")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def alert(alert_id: int, words: str, chat_id: int = 1, region: str | None = None) -> Alert:
    return Alert(alert_id, chat_id, 0, words, region, None, NOW - timedelta(days=1))


def hits(words: str, title: str, body: str = "") -> bool:
    story = replace(article(1, title), text=body)
    return matches(alert_groups(words), ArticleTerms.of(story))


def test_every_word_must_occur_in_any_case_and_accent():
    assert hits("Metro LINE", "Taiyuan opens its second metro line")
    assert hits("cafe", "A new café opens in Taiyuan")
    assert hits("CAFÉ zurich", "Cafe culture in Zürich")
    assert not hits("metro airport", "Taiyuan opens its second metro line")
    assert hits("airport", "Metro news", body="The line will reach the airport in 2025.")


def test_chinese_matches_by_characters_as_a_phrase():
    assert hits("地铁", "太原地铁二号线开通")
    assert hits("太原 开通", "太原地铁二号线开通")
    assert hits("铁", "太原地铁二号线开通")
    assert not hits("地线", "太原地铁二号线开通")
    assert hits("ＭＥＴＲＯ", "metro news")  # full-width letters fold too


def test_words_without_anything_searchable_match_nothing():
    assert alert_groups("!!! ???") == ()
    assert not hits("!!!", "Anything at all")


def test_one_match_per_destination_and_story_cluster():
    first = article(10, "Typhoon reaches Guangdong coast", cluster_id=10)
    second = article(11, "Typhoon hits Guangdong", source="Other Daily", cluster_id=10)
    other = article(12, "Typhoon season ends", cluster_id=12)
    found = match_stories([second, first, other], [alert(1, "typhoon"), alert(2, "guangdong")])
    assert [(m.alert.id, m.article.id, m.cluster_id) for m in found] == [
        (1, 10, 10),
        (1, 12, 12),
    ]
    two_chats = match_stories([first], [alert(1, "typhoon", 1), alert(2, "typhoon", 2)])
    assert sorted(m.destination for m in two_chats) == [(1, 0), (2, 0)]


def test_region_and_creation_time_limit_matches():
    story = article(10, "Flood warning", regions=("guangdong",))
    assert match_stories([story], [alert(1, "flood", region="shanxi")]) == []
    assert len(match_stories([story], [alert(1, "flood", region="guangdong")])) == 1
    later = replace(alert(1, "flood"), created_at=story.first_seen_at + timedelta(seconds=1))
    assert match_stories([story], [later]) == []


def test_quiet_hours_wrap_midnight_in_the_local_zone():
    quiet = parse_quiet_hours("22:00", "07:00")
    assert quiet == (time(22), time(7))
    at_23 = datetime(2026, 6, 1, 23, 0, tzinfo=SHANGHAI).astimezone(UTC)
    assert quiet_until(at_23, SHANGHAI, quiet) == datetime(2026, 6, 2, 7, 0, tzinfo=SHANGHAI)
    at_6 = datetime(2026, 6, 2, 6, 59, tzinfo=SHANGHAI)
    assert quiet_until(at_6, SHANGHAI, quiet) == datetime(2026, 6, 2, 7, 0, tzinfo=SHANGHAI)
    assert quiet_until(datetime(2026, 6, 2, 7, 0, tzinfo=SHANGHAI), SHANGHAI, quiet) is None
    day = parse_quiet_hours("12:00", "14:00")
    assert quiet_until(datetime(2026, 6, 2, 13, 0, tzinfo=SHANGHAI), SHANGHAI, day) == datetime(
        2026, 6, 2, 14, 0, tzinfo=SHANGHAI
    )
    assert parse_quiet_hours(None, None) is None
    assert parse_quiet_hours("07:00", "07:00") is None


def test_quiet_hours_end_at_local_time_across_both_dst_changes():
    quiet = parse_quiet_hours("22:00", "07:00")
    # The night of 7 to 8 March 2026 loses an hour in New York: 07:00 EDT is 11:00 UTC.
    spring = datetime(2026, 3, 8, 3, 30, tzinfo=UTC)  # 22:30 EST on the 7th
    assert quiet_until(spring, NEW_YORK, quiet) == datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    # The night of 31 October to 1 November gains one: 07:00 EST is 12:00 UTC.
    autumn = datetime(2026, 11, 1, 2, 30, tzinfo=UTC)  # 22:30 EDT on the 31st
    assert quiet_until(autumn, NEW_YORK, quiet) == datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def test_the_cap_sends_then_tells_once_then_stays_quiet():
    assert plan_alerts(3, HourUsage(0, False), 5, quiet=False) == Plan(("send",) * 3)
    assert plan_alerts(3, HourUsage(4, False), 5, quiet=False) == Plan(
        ("send", "cap", "cap"), tell=True
    )
    assert plan_alerts(2, HourUsage(5, True), 5, quiet=False) == Plan(("cap", "cap"))
    # In quiet hours everything waits; only what one hour can take keeps its message.
    assert plan_alerts(3, HourUsage(0, False), 5, quiet=True, held=3) == Plan(
        ("hold", "hold", "hold_silent")
    )
    assert hour_of(datetime(2026, 6, 1, 8, 59, 59, tzinfo=SHANGHAI)) == datetime(
        2026, 6, 1, 0, 0, tzinfo=UTC
    )


def test_alert_message_has_title_source_summary_and_a_summary_button():
    story = article(
        42, "Metro <line> 2 & more", summary=("First point.", "Second point.", "Third.", "No.")
    )
    message = render_alert(story, "metro", "en", SHANGHAI, NOW)
    assert message.text.startswith("<b>🔔 Alert: metro</b>\n")
    assert '<a href="https://news.example/42">Metro &lt;line&gt; 2 &amp; more</a>' in message.text
    assert "<i>Shanxi Daily · " in message.text
    assert "First point. Second point. Third." in message.text
    assert "No." not in message.text
    assert message.reply_markup is not None
    (button,) = message.reply_markup["inline_keyboard"][0]
    assert button["text"] == "📝 Summary"
    assert callbacks.decode(button["callback_data"]) == callbacks.SummaryOf(42)
    assert SUMMARY_CALLBACK.format(article_id=7) == callbacks.encode(callbacks.SummaryOf(7))
    zh = render_alert(story, "地铁", "zh", SHANGHAI, NOW)
    assert zh.text.startswith("<b>🔔 提醒：地铁</b>")
    assert "First point. Second point. Third." in zh.text
    chinese = replace(story, language="zh", summary=("第一句。", "第二句。"))
    assert "第一句。第二句。" in render_alert(chinese, "地铁", "zh", SHANGHAI, NOW).text
    assert "digest" in render_cap_notice("en").text
