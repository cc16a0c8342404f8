"""A small French catalog, registered only by the tests that need a third interface language.

It translates a handful of messages on purpose: everything else must come out in English.
No `Plural-Forms` header either: French plurals must come from CLDR through Babel.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.i18n import load_language, register_language, unregister_language

FRENCH_PO = r"""
msgid ""
msgstr ""
"Language: fr\n"
"Content-Type: text/plain; charset=utf-8\n"

msgid "welcome"
msgstr ""
"👋 <b>Bonjour{name} !</b>\n"
"Je résume l'actualité régionale chaque jour à votre heure.\n"
"Choisissez vos régions ci-dessous, ou envoyez /help."

msgid "welcome_name"
msgstr ", {name}"

msgid "help"
msgstr ""
"<b>Ce que je sais faire</b>\n"
"/regions — les régions que je couvre\n"
"/digest — votre sélection maintenant"

msgid "regions_header"
msgstr "<b>Régions</b>"

msgid "subscribed"
msgstr "✅ Abonné à <b>{region}</b>. Votre sélection arrive à {time} ({tz})."

msgid "lang_set"
msgstr "Langue : français."

msgid "title"
msgstr "📰 Votre sélection"

msgid "window"
msgid_plural "window"
msgstr[0] "{count} nouvel article depuis {since}"
msgstr[1] "{count} de nouveaux articles depuis {since}"
msgstr[2] "{count} nouveaux articles depuis {since}"

msgid "separator"
msgstr ", "

msgid "also"
msgstr "Aussi chez {sources}"
"""


def write_french(directory: Path) -> Path:
    """Write the catalog where `load_language("fr", directory=...)` looks for it."""
    path = directory / "fr" / "LC_MESSAGES" / "newsbot.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FRENCH_PO.lstrip(), encoding="utf-8")
    return directory


@contextmanager
def french(directory: Path) -> Iterator[None]:
    """French is an interface language inside the block, and is withdrawn after it."""
    register_language(load_language("fr", directory=write_french(directory)))
    try:
        yield
    finally:
        unregister_language("fr")
