"""Language codes, stop words and stemmers: ISO 639-1 codes mapped onto sumy's resources."""

from __future__ import annotations

import pkgutil
from collections.abc import Callable
from functools import cache, lru_cache

from summarizer.errors import UnsupportedLanguageError

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

STOP_WORD_CODES: frozenset[str] = frozenset(
    {
        "ar", "cs", "de", "el", "en", "es", "fr", "he", "it",
        "ja", "ko", "pl", "pt", "sk", "sv", "th", "uk", "zh",
    }
)  # fmt: skip
"""Codes of the languages sumy ships a stop-word list for."""

_SNOWBALL: dict[str, str] = {
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

# sumy has no Russian list; a short list of the commonest function words keeps the word
# statistics of Russian text from being dominated by them.
_EXTRA_STOP_WORDS: dict[str, str] = {
    "ru": """и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по
    только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже
    или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
    тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
    будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем
    чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после
    над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо
    свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между
    также это года году который которые которая которого""",
}


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
    return code.lower() in _SUMY_NAMES


@cache
def stop_words(code: str) -> frozenset[str]:
    """Return the lower-case stop words of a language; empty for one without a list."""
    code = code.lower()
    words: set[str] = set()
    name = _SUMY_NAMES.get(code)
    if code in STOP_WORD_CODES and name is not None:
        data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt")
        if data:
            text = data.decode("utf-8")
            words.update(w.strip().lower() for w in text.splitlines() if w.strip())
    words.update(_EXTRA_STOP_WORDS.get(code, "").split())
    return frozenset(words)


def _lower(word: str) -> str:
    return word.lower()


def _base_stemmer(code: str) -> Callable[[str], str]:
    class_name = _SNOWBALL.get(code)
    if class_name is not None:
        # NLTK's Snowball stemmers are pure code (no data download); imported on first use.
        import nltk.stem.snowball as snowball

        stem: Callable[[str], str] = getattr(snowball, class_name)().stem
        return stem
    name = _SUMY_NAMES.get(code)
    if name in {"czech", "slovak", "greek", "polish", "ukrainian"}:
        # sumy's own stemmers for languages Snowball lacks; imported only when needed.
        from sumy.nlp.stemmers import Stemmer

        special: Callable[[str], str] = Stemmer(name)
        return special
    return _lower


@cache
def stemmer(code: str) -> Callable[[str], str]:
    """Return a memoized stemmer for a language: lower-cases, then stems where a stemmer exists.

    Unknown codes (and languages without inflection stemming, such as Chinese) get plain
    lower-casing. The result is cached per word because stemming dominates word statistics.
    """
    base = _base_stemmer(code.lower())

    @lru_cache(maxsize=65536)
    def stem(word: str) -> str:
        return base(word.lower())

    return stem
