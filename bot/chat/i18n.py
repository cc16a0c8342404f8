"""Interface translations: pick a language, look a message up, fill it with escaped values."""

from __future__ import annotations

import html

from bot.chat import strings_en, strings_zh

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"

_TABLES: dict[str, dict[str, str]] = {"en": strings_en.STRINGS, "zh": strings_zh.STRINGS}


class Html(str):
    """Text that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


def language_from_code(code: str | None) -> str:
    """Map a Telegram `language_code` (e.g. "zh-hans", "en-US") onto a supported language."""
    if code and code.strip().lower().startswith("zh"):
        return "zh"
    return DEFAULT_LANGUAGE


def normalize_language(value: str | None) -> str:
    """Return `value` if it is a supported language, else the default one."""
    return value if value in _TABLES else DEFAULT_LANGUAGE


def t(language: str, key: str, **values: object) -> str:
    """Translate `key`, HTML-escaping every value except those wrapped in `Html`."""
    table = _TABLES.get(language, _TABLES[DEFAULT_LANGUAGE])
    template = table.get(key) or _TABLES[DEFAULT_LANGUAGE][key]
    if not values:
        return template
    safe = {
        name: value if isinstance(value, Html) else html.escape(str(value), quote=False)
        for name, value in values.items()
    }
    return template.format_map(safe)
