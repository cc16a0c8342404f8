"""Dates and times in the reader's language, through CLDR patterns named by each catalog."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from babel.dates import format_date, format_skeleton, format_time

from bot.i18n.registry import interface_language
from bot.i18n.text import pattern

_A_MONDAY = date(2024, 1, 1)


def format_day(moment: datetime, language: str) -> str:
    """A local calendar day, e.g. "Tue 12 May" or "5月12日 周二".

    A catalog without its own `date_day` pattern gets CLDR's abbreviated day for its locale.
    """
    spoken = interface_language(language)
    if spoken.has("date_day"):
        return format_date(moment, pattern(language, "date_day"), locale=spoken.locale)
    return format_skeleton("MMMEd", moment, locale=spoken.locale)


def format_clock(moment: datetime, language: str) -> str:
    """A local time of day, e.g. "14:05"."""
    return format_time(
        moment, pattern(language, "time_clock"), locale=interface_language(language).locale
    )


def format_moment(moment: datetime, language: str, today: datetime | None = None) -> str:
    """A local time, with its day unless it falls on `today`'s date: "14:05", "Mon 11 May 14:05"."""
    clock = format_clock(moment, language)
    if today is not None and moment.date() == today.date():
        return clock
    return f"{format_day(moment, language)} {clock}"


def weekday_name(weekday: int, language: str) -> str:
    """The name of a weekday (0 = Monday) as the catalog's `weekday` pattern writes it."""
    day = _A_MONDAY + timedelta(days=weekday % 7)
    return format_date(
        day, pattern(language, "weekday"), locale=interface_language(language).locale
    )
