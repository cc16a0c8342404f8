"""Parsing `/settings <name> <value>` and describing a chat's settings; pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from babel.lists import format_list

from bot.chat.render import region_name
from bot.chat.schedule_text import describe_quiet, describe_schedule, parse_quiet, parse_schedule
from bot.chat.timezones import resolve_zone
from bot.digest.errors import DigestError
from bot.digest.filters import parse_keywords
from bot.digest.schedule import format_digest_time, parse_digest_time
from bot.i18n import LANGUAGES, Html, interface_language, language_named, t
from bot.store import ChatRecord, Region

_NAMES = {
    "time": "time", "时间": "time", "at": "time",
    "tz": "tz", "timezone": "tz", "zone": "tz", "时区": "tz",
    "lang": "lang", "language": "lang", "语言": "lang",
    "length": "length", "len": "length", "长度": "length",
    "include": "include", "包含": "include",
    "exclude": "exclude", "排除": "exclude",
    "pause": "pause", "暂停": "pause", "stop": "pause",
    "resume": "resume", "恢复": "resume", "start": "resume",
    "schedule": "schedule", "rhythm": "schedule", "every": "schedule", "频率": "schedule",
    "quiet": "quiet", "免打扰": "quiet",
}  # fmt: skip
_LENGTHS = {
    "short": "short", "短": "short", "medium": "medium", "中": "medium",
    "long": "long", "长": "long",
}  # fmt: skip
_CLEAR = {"", "-", "none", "clear", "无", "清空"}


@dataclass(frozen=True)
class SettingChange:
    """The fields a `/settings` line changes, or the message key explaining what is wrong."""

    fields: dict[str, Any] = field(default_factory=dict)
    error_key: str | None = None
    raw: str = ""


def parse_setting(text: str) -> SettingChange:
    """Understand "time 07:30", "tz Taiyuan", "lang zh", "include coal, rail", "pause",
    "schedule twice 08:00 18:00", "quiet 22:00-07:00"…"""
    name, _, value = text.strip().partition(" ")
    kind = _NAMES.get(name.casefold())
    value = value.strip()
    if kind is None:
        return SettingChange(error_key="settings_usage", raw=text)
    if kind in ("pause", "resume"):
        return SettingChange({"paused": kind == "pause"})
    if kind == "schedule":
        fields = parse_schedule(value)
        if fields is None:
            return SettingChange(error_key="bad_schedule", raw=value)
        return SettingChange(fields)
    if kind == "quiet":
        fields = parse_quiet(value)
        if fields is None:
            return SettingChange(error_key="bad_quiet", raw=value)
        return SettingChange(fields)
    if kind in ("include", "exclude"):
        words = () if value.casefold() in _CLEAR else parse_keywords(value)[:20]
        return SettingChange({f"{kind}_keywords": tuple(w[:64] for w in words)})
    if kind == "time":
        try:
            return SettingChange({"digest_time": format_digest_time(parse_digest_time(value))})
        except DigestError:
            return SettingChange(error_key="bad_time", raw=value)
    if kind == "tz":
        zone = resolve_zone(value)
        return (
            SettingChange({"timezone": zone})
            if zone
            else SettingChange(error_key="bad_tz", raw=value)
        )
    if kind == "lang":
        language = language_named(value)
        return (
            SettingChange({"language": language})
            if language
            else SettingChange(error_key="bad_lang", raw=value)
        )
    length = _LENGTHS.get(value.casefold())
    return (
        SettingChange({"summary_length": length})
        if length
        else SettingChange(error_key="bad_length", raw=value)
    )


def refusal(language: str, change: SettingChange) -> Html:
    """What was wrong with a `/settings` line; language lists come from the registry."""
    choices = [
        t(language, "language_choice", code=code, name=spoken.native_name)
        for code, spoken in LANGUAGES.items()
    ]
    return t(
        language,
        change.error_key or "settings_usage",
        value=change.raw,
        languages="|".join(LANGUAGES),
        choices=Html(format_list(choices, style="or", locale=interface_language(language).locale)),
    )


def settings_summary(
    language: str, record: ChatRecord | None, regions: Sequence[Region], default_zone: str
) -> str:
    """The settings panel's text for a chat (defaults when it has none yet)."""
    none = t(language, "none")
    names = {r.id: region_name(r, language) for r in regions}
    followed = [names.get(r, r) for r in (record.regions if record else ())]
    length = record.summary_length if record else "medium"
    include = record.include_keywords if record else ()
    exclude = record.exclude_keywords if record else ()
    paused = record.paused if record else False
    return t(
        language,
        "settings_header",
        regions=", ".join(followed) or none,
        # A daily digest shows its bare time, as always; other rhythms say what they are.
        time=(
            describe_schedule(language, record)
            if record and record.schedule_kind != "daily"
            else (record.digest_time if record else "08:00")
        ),
        tz=record.timezone if record else default_zone,
        quiet=describe_quiet(language, record),
        lang_name=interface_language(language).native_name,
        length=t(language, f"length_{length}") if length in ("short", "medium", "long") else length,
        include=", ".join(include) or none,
        exclude=", ".join(exclude) or none,
        status=t(language, "status_paused" if paused else "status_active"),
    )
