"""Stemmers per language: NLTK's Snowball ports, the Snowball project's own package, sumy's.

Every stemmer is pure code with no data to download. A stemmer that cannot be loaded (a
missing optional package) or that fails on a word never fails a summary: the language falls
back to lower-casing, with one logged warning per language.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import cache, lru_cache

logger = logging.getLogger(__name__)

Stem = Callable[[str], str]

# NLTK's Snowball ports (the stemmers this project has always used for these languages).
NLTK_SNOWBALL: dict[str, str] = {
    "ar": "ArabicStemmer",
    "da": "DanishStemmer",
    "de": "GermanStemmer",
    "en": "EnglishStemmer",
    "es": "SpanishStemmer",
    "fi": "FinnishStemmer",
    "fr": "FrenchStemmer",
    "hu": "HungarianStemmer",
    "it": "ItalianStemmer",
    "nb": "NorwegianStemmer",
    "nl": "DutchStemmer",
    "no": "NorwegianStemmer",
    "pt": "PortugueseStemmer",
    "ro": "RomanianStemmer",
    "ru": "RussianStemmer",
    "sv": "SwedishStemmer",
}

# The Snowball project's package (snowballstemmer) for languages NLTK lacks. It replaces what
# sumy would use for Polish (pystempel: a 2 MB table that takes seconds to load in every
# process) and Greek (greek-stemmer-pos, which installs pytest plugins at run time).
SNOWBALL: dict[str, str] = {
    "el": "greek",
    "et": "estonian",
    "eo": "esperanto",
    "eu": "basque",
    "ca": "catalan",
    "fa": "persian",
    "ga": "irish",
    "hi": "hindi",
    "hy": "armenian",
    "id": "indonesian",
    "lt": "lithuanian",
    "ne": "nepali",
    "pl": "polish",
    "sr": "serbian",
    "st": "sesotho",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

# sumy's own stemmers (pure Python, no extra package).
SUMY_SPECIAL: dict[str, str] = {"cs": "czech", "sk": "slovak", "uk": "ukrainian"}

# One ordinary word per language family, stemmed once on load so that a stemmer that
# cannot work is found then, not in the middle of an article.
_PROBE = "news"


def stemmer_source(code: str) -> str | None:
    """Name the stemmer a language gets ("Snowball (NLTK)", ...), None for lower-casing only."""
    if code in NLTK_SNOWBALL:
        return "Snowball (NLTK)"
    if code in SNOWBALL:
        return "Snowball (snowballstemmer)"
    if code in SUMY_SPECIAL:
        return "sumy"
    return None


def _lower(word: str) -> str:
    return word.lower()


def _nltk(class_name: str) -> Stem:
    import nltk.stem.snowball as snowball

    stem: Stem = getattr(snowball, class_name)().stem
    return stem


def _snowball(name: str) -> Stem:
    import snowballstemmer

    algorithm = snowballstemmer.stemmer(name)
    # A Snowball stemmer keeps its working state on the object: one caller at a time.
    lock = threading.Lock()

    def stem(word: str) -> str:
        with lock:
            result: str = algorithm.stemWord(word)
        return result

    return stem


def _sumy(name: str) -> Stem:
    from sumy.nlp.stemmers import Stemmer

    special: Stem = Stemmer(name)
    return special


def _factory(code: str) -> Callable[[], Stem] | None:
    if code in NLTK_SNOWBALL:
        return lambda: _nltk(NLTK_SNOWBALL[code])
    if code in SNOWBALL:
        return lambda: _snowball(SNOWBALL[code])
    if code in SUMY_SPECIAL:
        return lambda: _sumy(SUMY_SPECIAL[code])
    return None


def load_stemmer(code: str, factory: Callable[[], Stem] | None) -> Stem:
    """Build a stemmer from ``factory`` and try it once; lower-casing if either step fails.

    The failure is logged once here, and the caller caches the result per language.
    """
    if factory is None:
        return _lower
    try:
        base = factory()
        base(_PROBE)
    except Exception as error:  # any failure of a third-party stemmer: degrade, never raise
        logger.warning(
            "no stemmer for language %r (%s: %s); words are only lower-cased",
            code,
            type(error).__name__,
            error,
        )
        return _lower
    return base


@cache
def stemmer(code: str) -> Stem:
    """Return a memoized stemmer for a language: lower-cases, then stems where a stemmer exists.

    Unknown codes (and languages without inflection stemming, such as Chinese) get plain
    lower-casing. The result is cached per word because stemming dominates word statistics.
    """
    code = code.lower()
    base = load_stemmer(code, _factory(code))

    @lru_cache(maxsize=65536)
    def stem(word: str) -> str:
        lowered = word.lower()
        try:
            return base(lowered)
        except Exception:  # a stemmer tripping on one odd word must not fail the article
            return lowered

    return stem
