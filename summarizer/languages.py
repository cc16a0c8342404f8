"""Language codes: ISO 639-1 codes mapped onto sumy's names, stop words and stemmers."""

from __future__ import annotations

from summarizer.errors import UnsupportedLanguageError
from summarizer.stemmers import stemmer, stemmer_source
from summarizer.stopwords import stop_word_source, stop_words

__all__ = [
    "NEUTRAL",
    "code_for_name",
    "is_supported",
    "normalize_code",
    "stemmer",
    "stop_words",
    "sumy_language",
]

NEUTRAL = "und"
"""The code of the language-neutral mode (ISO 639-2 'undetermined')."""


def _word_set(text: str) -> frozenset[str]:
    """Build a set from a whitespace-separated list, which reads better than a long literal."""
    return frozenset(text.split())


# Every ISO 639-1 code, so that a typo ("english", "xx") is told apart from a real language
# we merely have no resources for (which degrades to the neutral mode instead of failing).
_ISO_639_1 = _word_set(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu
    """
)

# Codes sumy knows by name: the ones it ships stop words for, plus the Snowball stemmer
# languages of NLTK (which need no data download).
_SUMY_NAMES: dict[str, str] = {
    "ar": "arabic",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "he": "hebrew",
    "hu": "hungarian",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sv": "swedish",
    "th": "thai",
    "uk": "ukrainian",
    "zh": "chinese",
}
_CODES_BY_NAME = {name: code for code, name in _SUMY_NAMES.items() if code != "no"}


def normalize_code(code: str) -> str:
    """Return the lower-case ISO 639-1 code, or raise UnsupportedLanguageError.

    Region or script suffixes such as ``zh-Hant`` or ``en_US`` are accepted and dropped.
    """
    base = code.strip().replace("_", "-").split("-", 1)[0].lower()
    if base not in _ISO_639_1:
        raise UnsupportedLanguageError(f"unknown language code {code!r} (expected ISO 639-1)")
    return base


def sumy_language(code: str) -> str | None:
    """Map an ISO 639-1 code to sumy's language name, or None when sumy has nothing for it."""
    return _SUMY_NAMES.get(code.lower())


def is_supported(code: str) -> bool:
    """Tell whether a code gets language-specific treatment (stop words or a stemmer)."""
    code = code.lower()
    return stop_word_source(code) is not None or stemmer_source(code) is not None


def code_for_name(language: str) -> str:
    """The ISO code behind a tokenizer's language: sumy's name ("polish") or a code ("vi").

    Anything else ("neutral", a typo) is the language-neutral mode.
    """
    name = language.strip().lower()
    if name in _CODES_BY_NAME:
        return _CODES_BY_NAME[name]
    return name if name in _ISO_639_1 else NEUTRAL
