"""Stop words for judging paragraphs: the project's lists, else jusText's (about 100 languages)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from summarizer.languages import stop_words

# ISO 639-1 codes of the languages jusText ships a stop list for, by the file's name.
_JUSTEXT_NAMES = {
    "af": "Afrikaans", "sq": "Albanian", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani",
    "eu": "Basque", "be": "Belarusian", "bn": "Bengali", "bs": "Bosnian", "br": "Breton",
    "bg": "Bulgarian", "ca": "Catalan", "hr": "Croatian", "cs": "Czech", "da": "Danish",
    "nl": "Dutch", "en": "English", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish",
    "fr": "French", "gl": "Galician", "ka": "Georgian", "de": "German", "el": "Greek",
    "gu": "Gujarati", "ht": "Haitian", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "is": "Icelandic", "id": "Indonesian", "ga": "Irish", "it": "Italian", "jv": "Javanese",
    "kn": "Kannada", "kk": "Kazakh", "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz",
    "la": "Latin", "lv": "Latvian", "lt": "Lithuanian", "lb": "Luxembourgish",
    "mk": "Macedonian", "ms": "Malay", "ml": "Malayalam", "mt": "Maltese", "mr": "Marathi",
    "ne": "Nepali", "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "oc": "Occitan", "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "qu": "Quechua",
    "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sk": "Slovak", "sl": "Slovenian",
    "es": "Spanish", "su": "Sundanese", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog",
    "ta": "Tamil", "te": "Telugu", "tr": "Turkish", "tk": "Turkmen", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "cy": "Welsh", "fy": "West_Frisian",
    "yo": "Yoruba",
}  # fmt: skip


@cache
def paragraph_stop_words(code: str) -> frozenset[str]:
    """Lower-case stop words of a language for stop-word density; empty when none is known."""
    own = stop_words(code)
    if own:
        return own
    name = _JUSTEXT_NAMES.get(code.lower())
    return _justext_list(name) if name else frozenset()


def _justext_list(name: str) -> frozenset[str]:
    # Read the data file directly: importing justext itself pulls in its HTML pipeline.
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists" / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(word.strip().lower() for word in text.splitlines() if word.strip())
