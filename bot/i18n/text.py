"""Translated messages as Telegram HTML: one escaping rule for chat answers and digests."""

from __future__ import annotations

import html
from collections.abc import Mapping

from bot.i18n.registry import DEFAULT_LANGUAGE, LANGUAGES, interface_language


class Html(str):
    """Text that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


def _check(key: str) -> None:
    """An id the English catalog lacks is a bug, not something to show a user."""
    if key not in LANGUAGES[DEFAULT_LANGUAGE].catalog:
        raise KeyError(key)


def _fill(template: str, values: Mapping[str, object]) -> Html:
    if not values:
        return Html(template)
    safe = {
        name: value if isinstance(value, Html) else html.escape(str(value), quote=False)
        for name, value in values.items()
    }
    return Html(template.format_map(safe))


def t(language: str, key: str, /, **values: object) -> Html:
    """Translate `key`, HTML-escaping every value except those wrapped in `Html`."""
    _check(key)
    return _fill(interface_language(language).translations.gettext(key), values)


def tn(language: str, key: str, count: int, /, **values: object) -> Html:
    """Translate `key` in the plural form the language's CLDR rule picks for `count`.

    `{count}` in the message is the number; other values are escaped as in `t`.
    """
    _check(key)
    template = interface_language(language).translations.ngettext(key, key, count)
    return _fill(template, {"count": count, **values})


def pattern(language: str, key: str) -> str:
    """A message used verbatim (a CLDR date pattern, a separator), never formatted."""
    _check(key)
    return interface_language(language).translations.gettext(key)


def region_name(names: Mapping[str, str], language: str) -> str:
    """A region's name in `language`, else in English (every region has an English name)."""
    return names.get(language) or names.get(DEFAULT_LANGUAGE) or next(iter(names.values()), "")
