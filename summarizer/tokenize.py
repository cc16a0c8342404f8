"""Offline tokenizers with the interface sumy's document model and summarizers expect.

One per language, built with the rest of the language by summarizer.languages.get_language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from summarizer.sentence_glue import ENGLISH_QUOTE_INTRODUCERS, GlueFinder
from summarizer.sentences import SentenceSplitter, split_at_spaces
from summarizer.words import split_chinese, split_japanese, split_spaced, split_thai

NEUTRAL = "und"
"""The code of the language-neutral mode (ISO 639-2 'undetermined')."""

_CACHED_TEXT_CHARS = 4000
# Languages that write ordinals as "3." ("am 3. Oktober", "3. mája", "3. Ekim").
_ORDINAL_DOT_LANGUAGES = frozenset(
    {"de", "da", "nb", "nn", "no", "fi", "hu", "cs", "sk", "pl", "hr", "sl", "sr", "bs",
     "et", "lv", "is", "tr", "fo"}
)  # fmt: skip
# Glued-caption seams rely on sentence case; German and Luxembourgish capitalize every noun,
# and scripts without case never show the signal.
_NO_GLUE_LANGUAGES = frozenset(
    {"de", "lb", "zh", "ja", "ko", "th", "lo", "km", "my", "ar", "fa", "ur", "he", "yi",
     "hi", "mr", "ne", "bn", "pa", "gu", "or", "ta", "te", "kn", "ml", "si", "ka", "am"}
)  # fmt: skip
# Languages that separate sentences by spaces alone; a piece shorter than this joins the next.
_SPACE_SENTENCE_LANGUAGES = {"th": 40, "lo": 40}


class Tokenizer:
    """Split text into sentences and words for one language; a drop-in for sumy's Tokenizer.

    ``code`` is the ISO 639-1 code ("und" in the neutral mode); ``language`` is the name sumy
    knows the language by, as on sumy's own tokenizer. ``starters`` are lower-case words that
    begin sentences often (the language's and English stop words); ``glue_starters``, when
    given, are the ones a glued caption's seam may be found at (function words only). Each
    language's one instance is built by :func:`summarizer.languages.get_language`.
    """

    def __init__(
        self,
        code: str,
        language: str,
        starters: frozenset[str],
        glue_starters: frozenset[str] | None = None,
    ) -> None:
        self.code = code
        self.language = language
        glue = None
        if code not in _NO_GLUE_LANGUAGES:
            introducers = ENGLISH_QUOTE_INTRODUCERS if code == "en" else frozenset()
            glue = GlueFinder(starters if glue_starters is None else glue_starters, introducers)
        self._splitter = SentenceSplitter(
            starters,
            ordinal_dots=code in _ORDINAL_DOT_LANGUAGES,
            glue=glue,
            question_semicolon=code == "el",
        )
        self._space_sentence_chars = _SPACE_SENTENCE_LANGUAGES.get(code)
        split_words: Callable[[str], list[str]]
        if code == "ja":
            split_words = split_japanese
        elif code == "th":
            split_words = split_thai
        elif code in ("zh", NEUTRAL):
            # The neutral mode may meet Chinese too: jieba is only loaded when Han text appears.
            split_words = split_chinese
        else:
            split_words = split_spaced
        self._split_words = split_words
        self._cached_sentences = lru_cache(maxsize=1024)(self._split)
        self._cached_words = lru_cache(maxsize=16384)(self._word_tuple)

    def to_sentences(self, text: str) -> tuple[str, ...]:
        """Return the sentences of a paragraph or a whole text, in order."""
        if len(text) > _CACHED_TEXT_CHARS:
            # Whole long texts are rarely split twice; caching them would pin their memory.
            return self._split(text)
        result: tuple[str, ...] = self._cached_sentences(text)
        return result

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Return the words of a sentence in order, punctuation and numbers left out."""
        if len(sentence) > _CACHED_TEXT_CHARS:
            return self._word_tuple(sentence)
        result: tuple[str, ...] = self._cached_words(sentence)
        return result

    def _split(self, text: str) -> tuple[str, ...]:
        sentences = self._splitter.split(text)
        if self._space_sentence_chars is None:
            return sentences
        chars = self._space_sentence_chars
        return tuple(piece for s in sentences for piece in split_at_spaces(s, chars))

    def _word_tuple(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._split_words(sentence))

    def __repr__(self) -> str:
        return f"Tokenizer({self.code!r})"
