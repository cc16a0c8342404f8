"""Dates and times in any language: CLDR month and weekday names (via Babel), numeric dates, clocks.

Babel ships the Unicode CLDR data, so "17. März 2020", "6. kolovoza 2020", "3 марта 2020 г.",
"mardi 17 mars" and "2020年3月17日（火）" are all dates without a list of our own. Names are
loaded per language, once per process, on first use (a few milliseconds each); English is
always included because forum and CMS software often writes its dates in English.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# Year first (ISO, dotted, 年月日 and 년월일), then day first (17.03.2020, 17/03/20).
YEAR_FIRST = re.compile(
    r"(?<!\d)(\d{4})\s*[-./年년]\s*(\d{1,2})\s*[-./月월]\s*(\d{1,2})(?!\d)\s*[日일]?"
)
DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|\.\d)")
# 17.03. (a day and month without the year, as German and Slavic dates are often written)
SHORT_DAY_MONTH = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?!\d)")
CLOCK = re.compile(
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)(?:\s*[ap]\.?m\.?\b)?"
    r"|\d{1,2}\s*[時시]\s*(?:\d{1,2}\s*[分분])?|(?<!\d)\d{1,2}h\d{2}(?!\d)",
    re.IGNORECASE,
)
_HALF_DAY = frozenset({"am", "pm", "a.m", "p.m", "utc", "gmt", "uhr", "h"})
_TRIM = " \t.,;:()[]{}（）【】|·•-–—/\\\"'“”‘’«»"


@dataclass(frozen=True)
class Calendar:
    """A language's month and weekday names (with English's), and patterns for dates in words."""

    months: dict[str, int]
    weekdays: frozenset[str]
    wordy: re.Pattern[str]
    """day month year, month day year, month year, year month day, in any order CLDR uses."""

    def is_name(self, token: str) -> bool:
        """Whether a token (case and a final dot ignored) is a month or weekday name."""
        key = _key(token)
        return key in self.months or key in self.weekdays

    def month(self, token: str) -> int | None:
        """The month a name stands for, or None."""
        return self.months.get(_key(token))


def _key(token: str) -> str:
    return unicodedata.normalize("NFC", token.strip(_TRIM)).casefold().rstrip(".")


_LOCK = threading.Lock()


@cache
def calendar(code: str) -> Calendar:
    """The names of ``code``'s language plus English (English alone for an unknown code)."""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    with _LOCK:  # Babel's loader caches into shared dicts; one language loads at a time
        for language in dict.fromkeys(("en", code)):
            _add_names(language, months, weekdays)
    # A name is a word of its own: longer names first so "Sept." wins over "Sep".
    names = sorted((n for n in months if not _CJK.search(n)), key=len, reverse=True)
    month = "|".join(re.escape(n) for n in names)
    day = r"\d{1,2}(?:st|nd|rd|th|er|º|°)?\.?"
    wordy = re.compile(
        rf"(?<![^\W\d_])(?:(?P<d1>{day})\s*(?:de\s+)?(?P<m1>{month})\.?,?\s*(?:de\s+)?(?P<y1>\d{{4}})"
        rf"|(?P<m2>{month})\.?\s+(?P<d2>{day}),?\s+(?P<y2>\d{{4}})"
        rf"|(?P<m3>{month})\.?\s+(?P<y3>\d{{4}})"
        rf"|(?P<d4>{day})\s*(?P<m4>{month})\b\.?"
        rf"|(?P<m5>{month})\.?\s+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?\b)(?![^\W\d_])",
        re.IGNORECASE,
    )
    return Calendar(months, frozenset(weekdays), wordy)


def _add_names(code: str, months: dict[str, int], weekdays: set[str]) -> None:
    from babel.core import Locale, UnknownLocaleError  # loaded on the first date, not at import

    try:
        locale = Locale.parse(code)
        month_tables = locale.months
        day_tables = locale.days
    except (UnknownLocaleError, ValueError, TypeError, KeyError):
        return
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in month_tables.get(context, {}).get(width, {}).items():
                for part in _name_keys(name):
                    months.setdefault(part, int(number))
            for name in day_tables.get(context, {}).get(width, {}).values():
                weekdays.update(_name_keys(name))


def _name_keys(name: str) -> list[str]:
    key = _key(name)
    if not key or (len(key) < 2 and not _CJK.search(key)):
        return []  # one Latin letter is no name
    return [key]


@dataclass(frozen=True)
class CalendarShare:
    """How much of a line is calendar: dates, times, month and weekday names, bare numbers."""

    anchors: int
    """Full dates and clock times found (a line needs one to be a date line at all)."""
    parts: int
    """Every calendar element, anchors included."""
    rest: list[str]
    """The words left over."""


def calendar_share(text: str, code: str = "en") -> CalendarShare:
    """Split a line into its calendar elements and the words left over."""
    names = calendar(code)
    anchors = 0
    for pattern in (YEAR_FIRST, DAY_FIRST, names.wordy, CLOCK, SHORT_DAY_MONTH):
        text, found = pattern.subn(" ", text)
        anchors += found
    parts = anchors
    rest: list[str] = []
    for token in text.split():
        core = token.strip(_TRIM)
        if not core:
            continue
        if core.isdigit() or core.casefold() in _HALF_DAY or names.is_name(core):
            parts += 1
        elif _CJK.search(core):
            left = _strip_cjk_names(core, names)
            if left:
                rest.append(left)
            else:
                parts += 1
        else:
            rest.append(core)
    return CalendarShare(anchors, parts, rest)


def _strip_cjk_names(token: str, names: Calendar) -> str:
    """A CJK token without its weekday names ("（火）", "星期二") and brackets."""
    for name in sorted(names.weekdays, key=len, reverse=True):
        if _CJK.search(name) and name in token:
            token = token.replace(name, "")
    return token.strip(_TRIM)


def find_calendar_date(text: str, code: str = "en") -> date | None:
    """The first valid calendar date written in ``text``: ISO, dotted, 年月日, or in words."""
    for match in YEAR_FIRST.finditer(text):
        found = _make_date(match.group(1), match.group(2), match.group(3))
        if found:
            return found
    names = calendar(code)
    for match in names.wordy.finditer(text):
        year = match.group("y1") or match.group("y2")
        month = names.month(match.group("m1") or match.group("m2") or "")
        day = (match.group("d1") or match.group("d2") or "").rstrip(".")
        day = re.sub(r"\D", "", day)
        if year and month:
            found = _make_date(year, str(month), day)
            if found:
                return found
    for match in DAY_FIRST.finditer(text):
        if match.group(2) == "." and len(match.group(4)) == 4:
            found = _make_date(match.group(4), match.group(3), match.group(1))
            if found:
                return found
    return None


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


# English names are needed on nearly every page; loading them here (about 70 ms, once per
# process) keeps that cost out of the first article a worker summarizes.
calendar("en")
