"""Find sentence boundaries that scraped pages lost: a caption or pull-quote glued to the body.

Photo captions and pull-quotes usually carry no final punctuation, so extraction leaves them
run into the next sentence: "...manager on Friday ‘I'd be over the moon,' said Locke." or
"...in the corner It was then his turn.". Two generic signals mark such a seam:
- a capitalized function word ("The", "It", "But") between two ordinary words, which
  well-formed sentence-case prose never writes mid-sentence;
- an opening quote with a capital after a plain word that does not introduce quotes
  ("said", "called", "the"), when the quote reads as speech (it closes after , . ! or ?).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from summarizer.words import word_set

# A capitalized word, then (maybe after an opening quote) a lower-case word.
_CAPITAL_THEN_LOWER = re.compile(r"(?<=[^\W_])[ \t]+(?=([^\W\d_][^\W\d_]+)[ \t]+[\"'‘“]?[a-z])")
_QUOTE_OPENING = re.compile(r"(?<=[^\W_])[ \t]+(?=[\"'‘“][A-Z])")
_SPOKEN_CLOSE = re.compile(r"[.,!?…][\"'’”]")
_PREVIOUS_WORD = re.compile(r"(\S+)$")
_QUOTE_REACH = 300


# After a capitalized word (a name), only these starters mark a seam: "...by Ronald Reagan The
# document". Prepositions are left out, because titles capitalize them ("Lord Of the Flies").
_AFTER_NAME = word_set(
    "The This These Those He She They We His Her Their It Its But However After When"
)
# Words after which an opening quote continues the sentence ("said 'Yes.'", "called 'Home'").
ENGLISH_QUOTE_INTRODUCERS = word_set(
    """
    said says saying told tells wrote writes added adds asked asks replied replies explained
    declared insisted claimed stated warned admitted revealed joked continued shouted yelled
    screamed chanted sang tweeted posted captioned read reads of called named dubbed titled
    labelled labeled branded the a an as and or but by with like that to from in on for at is
    was are were be been word words about message slogan sign headline follows following went
    """
)
_TITLES = word_set("mr mrs ms dr prof sir st")


class GlueFinder:
    """Split one sentence at seams left by glued captions and pull-quotes."""

    def __init__(self, starters: Collection[str], quote_introducers: Collection[str]) -> None:
        # Single letters ("A", "I") open too many names and labels ("vitamin A levels").
        self._starters = frozenset(w.capitalize() for w in starters if len(w) > 1)
        self._introducers = frozenset(quote_introducers)

    def split(self, sentence: str) -> list[str]:
        """Return the pieces of ``sentence`` (itself alone when no seam is found)."""
        cuts = sorted(self._capital_seams(sentence) + self._quote_seams(sentence))
        if not cuts:
            return [sentence]
        pieces: list[str] = []
        start = 0
        for begin, end in cuts:
            if begin >= start:
                pieces.append(sentence[start:begin])
                start = end
        pieces.append(sentence[start:])
        return [piece for piece in pieces if piece.strip()]

    def _capital_seams(self, sentence: str) -> list[tuple[int, int]]:
        seams = []
        for match in _CAPITAL_THEN_LOWER.finditer(sentence):
            starter = match.group(1)
            if starter not in self._starters:
                continue
            previous = _word_before(sentence, match.start())
            if previous[-1:].isupper() or previous.lower() in _TITLES:
                continue  # "the US The" is ambiguous; "Mr The" is a name
            if previous[:1].isupper() and starter not in _AFTER_NAME:
                continue
            seams.append((match.start(), match.end()))
        return seams

    def _quote_seams(self, sentence: str) -> list[tuple[int, int]]:
        if not self._introducers:
            return []
        seams = []
        for match in _QUOTE_OPENING.finditer(sentence):
            previous = _word_before(sentence, match.start())
            if previous.lower() in self._introducers or previous.lower() in _TITLES:
                continue
            reach = sentence[match.end() + 1 : match.end() + _QUOTE_REACH]
            if _SPOKEN_CLOSE.search(reach) is None:
                continue  # a quoted name or title ("a band called 'Home Again'")
            seams.append((match.start(), match.end()))
        return seams


def _word_before(text: str, end: int) -> str:
    match = _PREVIOUS_WORD.search(text, max(0, end - 40), end)
    return match.group(1) if match else ""
