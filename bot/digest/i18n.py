"""The digest's interface strings in English and Chinese, and local date formats."""

from __future__ import annotations

from datetime import datetime

from bot.digest.model import Language

STRINGS: dict[Language, dict[str, str]] = {
    "en": {
        "title": "📰 Your news digest",
        "window": "{count} new stories since {since}",
        "window_one": "1 new story since {since}",
        "nothing": "No new stories in your regions since {since}.",
        "also": "Also reported by {sources}",
        "more": "…and {count} more in {region}: /latest {region_id}",
        "part": "part {n} of {total}",
        "separator": ", ",
        "alert": "🔔 Alert: {words}",
        "alert_summary_button": "📝 Summary",
        "alert_capped": (
            "🔕 More stories matched your alerts this hour. To keep things calm, they will be "
            "in your next digest."
        ),
        "weekly_title": "📰 Your week in news",
    },
    "zh": {
        "title": "📰 新闻摘要",
        "window": "自{since}以来的 {count} 条新闻",
        "window_one": "自{since}以来的 1 条新闻",
        "nothing": "自{since}以来，您关注的地区没有新的报道。",
        "also": "其他报道：{sources}",
        "more": "……{region}另有 {count} 条：/latest {region_id}",
        "part": "第 {n}/{total} 部分",
        "separator": "、",
        "alert": "🔔 提醒：{words}",
        "alert_summary_button": "📝 摘要",
        "alert_capped": "🔕 本小时还有更多新闻符合您的提醒。为免打扰，它们将出现在下一期摘要中。",
        "weekly_title": "📰 一周新闻",
    },
}

_EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZH_DAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def text(language: Language, key: str, **fields: object) -> str:
    """The string `key` in `language` (English when missing), with `fields` filled in."""
    table = STRINGS.get(language, STRINGS["en"])
    template = table.get(key) or STRINGS["en"][key]
    return template.format(**fields)


def format_day(moment: datetime, language: Language) -> str:
    """A local calendar day, e.g. "Tue 12 May" or "5月12日 周二"."""
    if language == "zh":
        return f"{moment.month}月{moment.day}日 {_ZH_DAYS[moment.weekday()]}"
    return f"{_EN_DAYS[moment.weekday()]} {moment.day} {_EN_MONTHS[moment.month - 1]}"


def format_moment(moment: datetime, language: Language, today: datetime | None = None) -> str:
    """A local time, with its day unless it falls on `today`'s date: "14:05", "Mon 11 May 14:05"."""
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if today is not None and moment.date() == today.date():
        return clock
    return f"{format_day(moment, language)} {clock}"
