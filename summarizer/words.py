"""Word splitting: regexes for spaced scripts, jieba for Chinese, script runs for Japanese."""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Callable

# A word is a run of letters with inner apostrophes or hyphens, like sumy's own word pattern;
# Han characters are letters too, so they are split out first and segmented on their own.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_JAPANESE_RUN = re.compile(rf"[{_HAN}々]+|[\u3040-\u309f]+|[\u30a0-\u30ffー]+|[^\W\d_]+")

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


def split_japanese(sentence: str) -> list[str]:
    """Split Japanese into runs of one script (kanji, hiragana, katakana, other letters).

    No Japanese segmenter ships offline with our dependencies; script changes are the
    commonest word boundaries, which is good enough for word statistics.
    """
    return _JAPANESE_RUN.findall(sentence)
