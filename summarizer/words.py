"""Word splitting per script: regexes, jieba (Chinese), TinySegmenter (Japanese), PyThaiNLP (Thai).

Every segmenter ships its data inside its package; none downloads anything.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from collections.abc import Callable

from summarizer.marks import MARKS

logger = logging.getLogger(__name__)

# A word is a run of letters with inner apostrophes or hyphens, like sumy's own word pattern;
# Han characters are letters too, so they are split out first and segmented on their own.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
# Combining marks belong to the word they follow (Indic and Thai vowel signs, Arabic harakat).
_LETTERS = rf"[^\W\d_]+(?:[{MARKS}][^\W\d_]*)*"
_WORD = re.compile(rf"{_LETTERS}(?:['’\-]{_LETTERS})*")
_JAPANESE_RUN = re.compile(rf"[{_HAN}々]+|[\u3040-\u309f]+|[\u30a0-\u30ffー]+|[^\W\d_]+")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")


def word_set(text: str) -> frozenset[str]:
    """Build a set from a whitespace-separated list, which reads better than a long literal."""
    return frozenset(text.split())


_jieba_lock = threading.Lock()
_jieba_cut: Callable[[str], list[str]] | None = None


def _load_jieba() -> Callable[[str], list[str]]:
    """Import and initialise jieba once, quietly (it logs and warns on import)."""
    global _jieba_cut
    with _jieba_lock:
        if _jieba_cut is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # Half a second of start-up, paid only once Chinese text appears.
                import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _jieba_cut = jieba.lcut
    return _jieba_cut


def split_spaced(sentence: str) -> list[str]:
    """Split text of a script that separates words with spaces (or any text without Han)."""
    return _WORD.findall(sentence)


def split_chinese(sentence: str) -> list[str]:
    """Split Chinese (possibly mixed with other scripts): jieba for Han runs, regex elsewhere."""
    if _HAN_RUN.search(sentence) is None:
        return _WORD.findall(sentence)
    cut = _jieba_cut or _load_jieba()
    words: list[str] = []
    position = 0
    for match in _HAN_RUN.finditer(sentence):
        words.extend(_WORD.findall(sentence, position, match.start()))
        words.extend(cut(match.group()))
        position = match.end()
    words.extend(_WORD.findall(sentence, position))
    return words


def _script_runs(sentence: str) -> list[str]:
    """Runs of one script (kanji, hiragana, katakana, other letters): the fallback segmenter."""
    return _JAPANESE_RUN.findall(sentence)


_segmenter_lock = threading.Lock()
_japanese_cut: Callable[[str], list[str]] | None = None
_thai_cut: Callable[[str], list[str]] | None = None


def _load_japanese() -> Callable[[str], list[str]]:
    """TinySegmenter: a compact model inside a pure-Python module (no dictionary files)."""
    global _japanese_cut
    with _segmenter_lock:
        if _japanese_cut is None:
            try:
                import tinysegmenter

                _japanese_cut = tinysegmenter.TinySegmenter().tokenize
            except Exception as error:  # a missing segmenter degrades, never fails
                logger.warning("Japanese segmenter unavailable (%s); splitting by script", error)
                _japanese_cut = _script_runs
    return _japanese_cut


def split_japanese(sentence: str) -> list[str]:
    """Split Japanese into words with TinySegmenter (script runs if it cannot load)."""
    cut = _japanese_cut or _load_japanese()
    words: list[str] = []
    for token in cut(sentence):
        # The segmenter returns punctuation and numbers as tokens too; keep the words.
        if _ANY_LETTER.search(token):
            words.append(token)
    return words


def _load_thai() -> Callable[[str], list[str]]:
    """PyThaiNLP's dictionary segmenter (newmm); its word list ships inside the package."""
    global _thai_cut
    with _segmenter_lock:
        if _thai_cut is None:
            # Without this PyThaiNLP creates ~/pythainlp-data on import, which fails on a
            # read-only home; everything newmm needs is inside the package.
            os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
            try:
                from pythainlp.tokenize import word_tokenize

                def cut(text: str) -> list[str]:
                    tokens: list[str] = word_tokenize(text, engine="newmm", keep_whitespace=False)
                    return tokens

                cut("ทดสอบ")  # builds the dictionary trie now, once (about a second)
                _thai_cut = cut
            except Exception as error:  # a missing segmenter degrades, never fails
                logger.warning("Thai segmenter unavailable (%s); splitting at spaces", error)
                _thai_cut = _WORD.findall
    return _thai_cut


def split_thai(sentence: str) -> list[str]:
    """Split Thai (possibly mixed with other scripts): dictionary words for Thai runs."""
    if _THAI_LETTER.search(sentence) is None:
        return _WORD.findall(sentence)
    cut = _thai_cut or _load_thai()
    words: list[str] = []
    position = 0
    for match in _THAI_RUN.finditer(sentence):
        words.extend(_WORD.findall(sentence, position, match.start()))
        words.extend(w for w in cut(match.group()) if _THAI_LETTER.search(w))
        position = match.end()
    words.extend(_WORD.findall(sentence, position))
    return words
