"""Stemmers per language: Snowball's algorithms in C (PyStemmer), sumy's for three languages.

Every stemmer is pure code with no data to download. A stemmer takes a list of lower-case
words and returns their stems in one call, so a text's new words cross into C once. One that
cannot be loaded or that fails never fails a summary: the language falls back to lower-casing,
with one logged warning per language.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

StemWords = Callable[[list[str]], list[str]]
"""Stems of lower-case words, in order: one call for a whole batch."""

# Snowball algorithms (PyStemmer's names) by ISO 639-1 code.
SNOWBALL: dict[str, str] = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "eo": "esperanto", "es": "spanish", "et": "estonian", "eu": "basque",
    "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian", "lt": "lithuanian",
    "nb": "norwegian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho",
    "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip

# sumy's own stemmers (pure Python, no extra package).
SUMY_SPECIAL: dict[str, str] = {"cs": "czech", "sk": "slovak", "uk": "ukrainian"}

# An ordinary word, stemmed once on load so that a stemmer that cannot work is found then,
# not in the middle of an article.
_PROBE = ["news"]


def stemmer_source(code: str) -> str | None:
    """Name the stemmer a language gets ("Snowball", "sumy"), None for lower-casing only."""
    if code in SNOWBALL:
        return "Snowball"
    if code in SUMY_SPECIAL:
        return "sumy"
    return None


def _unchanged(words: list[str]) -> list[str]:
    """No stemmer: the words are already lower-cased, which is all that is left to do."""
    return words


def _snowball(algorithm: str) -> StemWords:
    import Stemmer  # PyStemmer

    # No cache of its own: every caller keeps one memo per language in front of it.
    stemmer = Stemmer.Stemmer(algorithm, 0)
    # A Snowball stemmer keeps its working state on the object: one caller at a time.
    lock = threading.Lock()

    def stem_words(words: list[str]) -> list[str]:
        with lock:
            return list(stemmer.stemWords(words))

    return stem_words


def _sumy(name: str) -> StemWords:
    from sumy.nlp.stemmers import Stemmer

    # The function itself: sumy's constructor would first look the name up in pycountry's
    # database, about 40 ms on first use.
    stem: Callable[[str], str] = Stemmer.SPECIAL_STEMMERS[name]

    def stem_words(words: list[str]) -> list[str]:
        return [stem(word) for word in words]

    return stem_words


def _guarded(stem_words: StemWords) -> StemWords:
    """Wrap a stemmer so that a word it trips on stays as it is instead of failing the text."""

    def guarded(words: list[str]) -> list[str]:
        try:
            return stem_words(words)
        except Exception:  # one odd word must not fail the article, nor cost the others' stems
            return [_stem_or_keep(stem_words, word) for word in words]

    return guarded


def _stem_or_keep(stem_words: StemWords, word: str) -> str:
    """One word's stem; the word itself when the stemmer trips on it."""
    try:
        return stem_words([word])[0]
    except Exception:  # this very word trips the stemmer
        return word


def _factory(code: str) -> Callable[[], StemWords] | None:
    if code in SNOWBALL:
        return lambda: _snowball(SNOWBALL[code])
    if code in SUMY_SPECIAL:
        return lambda: _sumy(SUMY_SPECIAL[code])
    return None


def load_stemmer(code: str, factory: Callable[[], StemWords] | None) -> StemWords:
    """Build a stemmer from ``factory`` and try it once; lower-casing if either step fails.

    The failure is logged once here; the language registry keeps the result per language.
    """
    if factory is None:
        return _unchanged
    try:
        stem_words = factory()
        stem_words(list(_PROBE))
    except Exception as error:  # any failure of a third-party stemmer: degrade, never raise
        logger.warning(
            "no stemmer for language %r (%s: %s); words are only lower-cased",
            code,
            type(error).__name__,
            error,
        )
        return _unchanged
    return _guarded(stem_words)


def stemmer_for(code: str) -> StemWords:
    """Load the stemmer of an ISO 639-1 code (lower-casing for a language without one)."""
    return load_stemmer(code, _factory(code))
