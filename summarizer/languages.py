"""One object per language: its tokenizer, stemmer and stop words, from one registry.

:func:`get_language` builds a language's :class:`Language` once per process; the sentence
splitter, the news ranker and sumy's rankers (through their ``stem`` and ``stop_words`` hooks)
all use that one object, so a word is stemmed at most once per process whoever asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from summarizer.errors import UnsupportedLanguageError
from summarizer.stemmers import StemWords, stemmer_for, stemmer_source
from summarizer.stopwords import stop_word_source, stop_words
from summarizer.tokenize import NEUTRAL, Tokenizer
from summarizer.words import word_set

__all__ = [
    "NEUTRAL",
    "Language",
    "get_language",
    "is_supported",
    "normalize_code",
    "sumy_language",
]


# Every ISO 639-1 code, so that a typo ("english", "xx") is told apart from a real language
# we merely have no resources for (which degrades to the neutral mode instead of failing).
_ISO_639_1 = word_set(
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

# Codes sumy knows by name (a tokenizer's ``language``, as on sumy's own tokenizers): the ones
# it ships stop words for, plus those of NLTK's Snowball ports.
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


# Past this many remembered words a language's memo starts over, which bounds its memory.
_MEMO_LIMIT = 200_000


@dataclass(frozen=True, eq=False, repr=False)
class Language:
    """A language's tokenizer, stop words and stemmer, with the one memo of its words' stems.

    Get it from :func:`get_language`, never build it: the point is one per process. ``name``
    is what sumy calls the language ("english"), else the code, or "neutral" in that mode.
    """

    code: str
    name: str
    stop_words: frozenset[str]
    tokenizer: Tokenizer
    stem_words: StemWords
    # Word as written -> its stem, or "" for a stop word: one lookup answers lower-casing, the
    # stop-word test and stemming at once, and news repeats the same words all day.
    _memo: dict[str, str] = field(default_factory=dict, init=False)
    # The stems of stop words themselves, which only Edmundson asks for (at most the list's size).
    _stop_stems: dict[str, str] = field(default_factory=dict, init=False)

    def stem(self, word: str) -> str:
        """Return the lower-case stem of any word, stop words included (sumy's ``stem`` hook)."""
        term = self._memo.get(word)
        if term is None:
            term = self._learn([word])[word]
        if term:
            return term
        stem = self._stop_stems.get(word)
        if stem is None:
            stem = self._stop_stems[word] = self.stem_words([word.lower()])[0]
        return stem

    def terms(self, words: Sequence[str]) -> tuple[str, ...]:
        """Stems of the words that are not stop words, in order: what rankers compare."""
        memo = self._memo
        terms = [memo.get(word) for word in words]
        if None in terms:
            new = self._learn([w for w, t in zip(words, terms, strict=True) if t is None])
            terms = [new[w] if t is None else t for w, t in zip(words, terms, strict=True)]
        return tuple([term for term in terms if term])

    def learn(self, words: Iterable[str]) -> None:
        """Stem every new word of a text in one call (an unseen article is mostly new words)."""
        memo = self._memo
        self._learn([word for word in words if word not in memo])

    def _learn(self, words: list[str]) -> dict[str, str]:
        """Stem these words in one batch, remember them and return their terms."""
        unique = list(dict.fromkeys(words))
        if not unique:
            return {}
        lowered = [word.lower() for word in unique]
        stops = self.stop_words
        content = list(dict.fromkeys(low for low in lowered if low not in stops))
        stems = dict(zip(content, self.stem_words(content), strict=True))
        new = {word: stems.get(low, "") for word, low in zip(unique, lowered, strict=True)}
        memo = self._memo
        if len(memo) + len(new) >= _MEMO_LIMIT:
            memo.clear()
        memo.update(new)
        return new

    def __repr__(self) -> str:
        """Name the language by its code; its tables are too long to print."""
        return f"Language({self.code!r})"


def get_language(code: str) -> Language:
    """Return the process's one Language for an ISO 639-1 code ("und": the neutral mode).

    Region or script suffixes are dropped ("en-GB" is "en"); a code that is not ISO 639-1
    raises UnsupportedLanguageError.
    """
    if code.strip().lower() == NEUTRAL:
        return _make_language(NEUTRAL)
    return _make_language(normalize_code(code))


@cache
def _make_language(code: str) -> Language:
    """Build a language's object; cached, so each is built once (a few ms, stemmer included)."""
    name = sumy_language(code) or ("neutral" if code == NEUTRAL else code)
    words = stop_words(code)
    english = stop_words("en")
    # A list made of a language's most frequent words (jusText's) holds capitalized content
    # words too ("Hrvatske"), which would cut a sentence in two where they stand.
    curated = words if stop_word_source(code) == "sumy" else frozenset()
    tokenizer = Tokenizer(code, name, words | english, curated | english)
    return Language(code, name, words, tokenizer, stemmer_for(code))
