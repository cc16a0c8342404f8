"""Byline and publication-date lines: "By Jane Doe", "Author:X Time:2022.07.27", "来源：新华社"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from summarizer.dates import calendar_share, find_calendar_date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))

_NUMERIC_DATE = re.compile(
    r"(?<!\d)(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)\s*日?"
)
_WORDY_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH_NAME})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH_NAME})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_LETTER = re.compile(r"[^\W\d_]")
_DATE_WORDS = re.compile(r"(?i)\b(updated|published|posted|on|at|am|pm|utc|gmt|[a-z]{3}day)\b")

_AUTHOR_KEYS = r"author|authors|by|writer|written by|作者|撰文|文"
_SOURCE_KEYS = r"source|来源|出处"
_DATE_KEYS = r"time|date|published|updated|posted|发布时间|发布日期|时间|日期|发表时间"
_KEY = re.compile(
    rf"(?P<key>{_AUTHOR_KEYS}|{_SOURCE_KEYS}|{_DATE_KEYS})\s*[:：]\s*",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^by\s+(?P<name>[^\W\d_][\w.'’\- ]{1,60}?)\s*(?:[,|–—-].*)?$", re.I)
_MAX_LINE = 120


@dataclass(frozen=True)
class LineMetadata:
    """What one metadata line states: a byline, a source, a date (any may be missing)."""

    byline: str | None = None
    source: str | None = None
    published: date | None = None


def find_date(text: str, code: str = "en") -> date | None:
    """Return the first valid calendar date written in ``text`` (ISO, dotted, 年月日, words).

    Month names are English and those of language ``code`` (CLDR's, see `summarizer.dates`).
    """
    if code != "en":
        return find_calendar_date(text, code)
    for match in _NUMERIC_DATE.finditer(text):
        found = _make_date(match.group(1), match.group(2), match.group(3))
        if found:
            return found
    for match in _WORDY_DATE.finditer(text):
        year = match.group("y1") or match.group("y2")
        month = _MONTHS[(match.group("m1") or match.group("m2")).lower()]
        day = match.group("d1") or match.group("d2")
        found = _make_date(year, str(month), day)
        if found:
            return found
    return find_calendar_date(text, code)


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _is_date_only(line: str, code: str) -> bool:
    share = calendar_share(line, code)
    if share.anchors and all(_DATE_WORDS.fullmatch(word) for word in share.rest):
        return True
    rest = _NUMERIC_DATE.sub(" ", line)
    rest = _WORDY_DATE.sub(" ", rest)
    rest = _TIME_OF_DAY.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    return rest != line and not _LETTER.search(rest)


def _clean_value(value: str) -> str | None:
    value = value.strip(" \t|｜,，;；·•-–—")
    return value or None


def parse_metadata_line(line: str, code: str = "en") -> LineMetadata | None:
    """Read a byline/date line; None when the line is anything else (such as body text).

    ``code`` is the page's language: its month names make dates too.
    """
    line = line.strip()
    if not line or len(line) > _MAX_LINE:
        return None
    keyed = _parse_keyed(line, code)
    if keyed is not None:
        return keyed
    by = _BY_LINE.match(line)
    if by and len(by.group("name").split()) <= 6 and not line.endswith((".", "!", "?")):
        return LineMetadata(byline=by.group("name").strip(), published=find_date(line, code))
    if _is_date_only(line, code):
        return LineMetadata(published=find_date(line, code))
    return None


def _parse_keyed(line: str, code: str) -> LineMetadata | None:
    """Parse "Key: value Key: value" lines; every part must be a known key."""
    matches = list(_KEY.finditer(line))
    if not matches or line[: matches[0].start()].strip(" ([（【"):
        return None
    values: dict[str, str] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(line)
        value = _clean_value(line[match.end() : end].rstrip(" )]）】"))
        if value:
            values.setdefault(_kind(match.group("key")), value)
    if not values:
        return None
    if "date" in values and find_date(values["date"], code) is None:
        return None
    return LineMetadata(
        byline=_without_date(values.get("author")),
        source=_without_date(values.get("source")),
        published=find_date(line, code),
    )


def _without_date(value: str | None) -> str | None:
    """Remove a date written after a name ("新华社 2023年9月8日" -> "新华社")."""
    if value is None:
        return None
    value = _NUMERIC_DATE.sub(" ", value)
    value = _WORDY_DATE.sub(" ", value)
    return _clean_value(_TIME_OF_DAY.sub(" ", value))


def _kind(key: str) -> str:
    key = key.lower()
    if re.fullmatch(_AUTHOR_KEYS, key):
        return "author"
    if re.fullmatch(_SOURCE_KEYS, key):
        return "source"
    return "date"
