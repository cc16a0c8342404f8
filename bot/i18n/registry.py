"""The interface languages: one registration line each, everything else derives from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from babel import Locale
from babel.messages.catalog import Catalog
from babel.support import Translations

from bot.i18n.catalogs import LOCALES, CatalogError, compile_catalog, read_catalog

Language: TypeAlias = str
"""The code of a registered interface language ("en", "zh"); see `LANGUAGES`."""

DEFAULT_LANGUAGE: Language = "en"
"""The language of every message a catalog lacks, and of region names a region lacks."""


@dataclass(frozen=True)
class InterfaceLanguage:
    """One interface language: its code, its parsed catalog and CLDR locale, extra aliases."""

    code: Language
    locale: Locale
    catalog: Catalog = field(repr=False, compare=False)
    translations: Translations = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()

    @property
    def native_name(self) -> str:
        """The language's name in itself, from CLDR: "English", "中文", "français"."""
        return self.locale.get_display_name(self.locale) or self.code

    def has(self, key: str) -> bool:
        """True when this language's own catalog translates `key`."""
        message = self.catalog.get(key)
        if message is None:
            return False
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return all(strings)


def load_language(
    code: str, *, aliases: tuple[str, ...] = (), directory: Path = LOCALES
) -> InterfaceLanguage:
    """Parse a language's catalog (`<directory>/<code>/LC_MESSAGES/newsbot.po`) and locale."""
    try:
        locale = Locale.parse(code)
    except (ValueError, LookupError) as exc:
        raise CatalogError(f"{code!r} is not a CLDR locale: {exc}") from None
    catalog = read_catalog(code, directory)
    return InterfaceLanguage(code, locale, catalog, compile_catalog(catalog), aliases)


LANGUAGES: dict[Language, InterfaceLanguage] = {}
"""Registered interface languages in menu order; the first is the default."""


def register_language(language: InterfaceLanguage) -> None:
    """Make a loaded language available; messages its catalog lacks come from English."""
    if language.code != DEFAULT_LANGUAGE:
        language.translations.add_fallback(LANGUAGES[DEFAULT_LANGUAGE].translations)
    LANGUAGES[language.code] = language


def unregister_language(code: Language) -> None:
    """Withdraw a language (the default one stays); chats set to it read the default."""
    if code != DEFAULT_LANGUAGE:
        LANGUAGES.pop(code, None)


# Adding an interface language: its catalog under locales/<code>/LC_MESSAGES/ and one line here.
register_language(load_language("en", aliases=("英文",)))
register_language(load_language("zh", aliases=("汉语",)))


def interface_language(code: str | None) -> InterfaceLanguage:
    """The registered language with this code, else the default one."""
    return LANGUAGES.get(code or "") or LANGUAGES[DEFAULT_LANGUAGE]


def normalize_language(value: str | None) -> Language:
    """Return `value` if it is a registered language, else the default one."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def language_from_code(code: str | None) -> Language:
    """Map a Telegram `language_code` ("zh-hans", "en-US", "pt_BR") onto a registered language."""
    primary = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return normalize_language(primary)


def language_named(word: str) -> Language | None:
    """The language `word` names (code, alias, or CLDR name in any registered language), or None.

    "zh", "Chinese", "中文" and "英语" all name a language while English and Chinese are registered.
    """
    wanted = word.strip().casefold()
    if not wanted:
        return None
    for code, language in LANGUAGES.items():
        names = {code, *language.aliases}
        names.update(
            language.locale.get_display_name(other.locale) or "" for other in LANGUAGES.values()
        )
        if wanted in {name.casefold() for name in names if name}:
            return code
    return None


def next_language(code: str) -> Language:
    """The language after `code` in menu order (wrapping), for the settings panel's switch."""
    codes = list(LANGUAGES)
    current = codes.index(code) if code in codes else -1
    return codes[(current + 1) % len(codes)]
