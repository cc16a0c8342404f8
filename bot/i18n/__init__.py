"""Interface languages: the registry, gettext catalogs, escaping, plurals, dates, region names.

Every language the bot speaks is one `.po` catalog under `locales/<code>/LC_MESSAGES/` and one
registration line in `bot.i18n.registry`; language codes, the /settings language switch, the
Telegram command menus and the digest renderer all read the registry.
"""

from __future__ import annotations

from bot.i18n.catalogs import LOCALES, CatalogError
from bot.i18n.dates import format_clock, format_day, format_moment, weekday_name
from bot.i18n.registry import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    InterfaceLanguage,
    Language,
    interface_language,
    language_from_code,
    language_named,
    load_language,
    next_language,
    normalize_language,
    register_language,
    unregister_language,
)
from bot.i18n.text import Html, pattern, region_name, t, tn

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALES",
    "CatalogError",
    "Html",
    "InterfaceLanguage",
    "Language",
    "format_clock",
    "format_day",
    "format_moment",
    "interface_language",
    "language_from_code",
    "language_named",
    "load_language",
    "next_language",
    "normalize_language",
    "pattern",
    "region_name",
    "register_language",
    "t",
    "tn",
    "unregister_language",
    "weekday_name",
]
