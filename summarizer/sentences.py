"""Rule-based sentence splitting for every script we meet; no model, no data.

Latin, Cyrillic and Greek end sentences with ``.!?`` (Greek also asks with ``;``), Chinese and
Japanese with ``。！？``, Hindi and its neighbours with the danda ``।``, Arabic, Persian and
Urdu with ``؟`` and ``۔``, Armenian, Ethiopic, Myanmar and Khmer with marks of their own.
Thai and Lao mostly mark sentences with a space alone: see ``split_at_spaces``.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from summarizer.sentence_glue import GlueFinder
from summarizer.words import word_set

# Always-closing punctuation of Chinese and Japanese; ASCII ';' is not a terminator in English.
_CJK_TERMINATORS = "。！？；"
# Marks that end a sentence wherever they stand: CJK, danda and double danda (Devanagari,
# Bengali...), Arabic question mark, Urdu full stop, Armenian full stop, Ethiopic full stop,
# Myanmar and Khmer sentence ends.
_ALWAYS_TERMINATORS = _CJK_TERMINATORS + "।॥؟۔։።။។"
# The Greek question mark: ASCII ';' or its own code point (which NFC turns into ';').
_GREEK_QUESTION = ";\u037e"
_CLOSERS = "\"'”’»)\\]}」』）】》〉"

_CANDIDATE = re.compile(
    rf"(?P<t>[{_ALWAYS_TERMINATORS}]|\.\.\.|[.!?…{_GREEK_QUESTION}])"
    rf"[.!?…{_ALWAYS_TERMINATORS}]*(?P<c>[{_CLOSERS}]*)"
)
# Chinese and Japanese prose runs without spaces, so a space between two of their characters
# is a seam between lines that a flattened page ran together ("台北報導 衛生署…", "職員 近日，…").
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60])"
    r"[ \t\u3000]+"
    r"(?=[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60])"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")
_SPACES = re.compile(r"\s+")
_NEXT_TOKEN = re.compile(r"\s*(\S+)")
_PREV_TOKEN = re.compile(r"(\S+)$")
_ACRONYM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_OPENERS = "\"'“‘«([{「『（【《〈"
_CJK_CHAR = re.compile(
    r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)


# Abbreviations that precede a name or a word and so never end a sentence.
_JOINING = word_set(
    """
    mr mrs ms mx dr prof rev gen sen rep gov lt col sgt capt cmdr adm maj hon messrs mme
    mlle e.g i.e cf vs viz approx esp dept z.b vgl bzw usw sr sra srta dra ud uds т.е т.д
    т.п им ул
    """
)
# Abbreviations that do not end a sentence when a number follows them ("No. 5", "Jan. 12").
_BEFORE_NUMBER = word_set(
    """
    no nos nr art vol vols pp p ch sec para op ed fig figs ca jan feb mar apr jun jul aug
    sep sept oct nov dec
    """
)
# Abbreviations that may end a sentence; they do when the next word is a sentence starter.
_AMBIGUOUS = word_set(
    """
    inc ltd co corp jr etc bros llc plc st a.m p.m ave blvd rd mt ft u.s u.k u.n
    """
)


def _previous_word(text: str, end: int) -> str:
    match = _PREV_TOKEN.search(text, max(0, end - 40), end)
    return match.group(1).lstrip(_OPENERS) if match else ""


def _is_abbreviation_join(previous: str, following: str, starters: Collection[str]) -> bool:
    """Decide whether a period after ``previous`` belongs to an abbreviation mid-sentence."""
    lower = previous.lower()
    if lower in _JOINING:
        return True
    if lower in _BEFORE_NUMBER and following[:1].isdigit():
        return True
    ambiguous = (
        lower in _AMBIGUOUS
        or _ACRONYM.match(previous) is not None
        or (len(previous) == 1 and previous.isupper())
    )
    if not ambiguous:
        return False
    # "in the U.S. The ..." ends a sentence; "U.S. President ..." does not.
    if following[:1] in _OPENERS:
        return False
    word = following.strip(_CLOSERS + _OPENERS + ",;:").lower()
    return word not in starters


class SentenceSplitter:
    """Split paragraphs into sentences with punctuation and abbreviation rules."""

    def __init__(
        self,
        starters: Collection[str] = (),
        *,
        ordinal_dots: bool = False,
        glue: GlueFinder | None = None,
        question_semicolon: bool = False,
    ) -> None:
        self._starters = frozenset(starters)
        # Scraped news runs captions into the body without punctuation; see sentence_glue.
        self._glue = glue
        # German writes ordinals as "3." ("am 3. Oktober"), so a number's period joins there.
        self._ordinal_dots = ordinal_dots
        # Greek asks with ';' ("Τι έγινε; Κανείς δεν ξέρει."); elsewhere it never ends one.
        self._question_semicolon = question_semicolon

    def split(self, text: str) -> tuple[str, ...]:
        """Return the sentences of ``text``, whitespace-normalized, in order."""
        out: list[str] = []
        for paragraph in _PARAGRAPH_BREAK.split(text):
            self._split_paragraph(paragraph, out)
        return tuple(out)

    def _split_paragraph(self, text: str, out: list[str]) -> None:
        for line in _cjk_lines(text):
            self._split_line(line, out)

    def _split_line(self, text: str, out: list[str]) -> None:
        start = 0
        for match in _CANDIDATE.finditer(text):
            end = match.end()
            if self._is_boundary(text, match, end):
                self._emit_glued(text[start:end], out)
                start = end
        self._emit_glued(text[start:], out)

    def _emit_glued(self, chunk: str, out: list[str]) -> None:
        if self._glue is None:
            self._emit(chunk, out)
            return
        for piece in self._glue.split(chunk):
            self._emit(piece, out)

    @staticmethod
    def _emit(chunk: str, out: list[str]) -> None:
        sentence = _SPACES.sub(" ", chunk).strip()
        if sentence and not _only_punctuation(sentence):
            out.append(sentence)
        elif sentence and out:
            out[-1] += sentence  # stray closing marks belong to the sentence before

    def _is_boundary(self, text: str, match: re.Match[str], end: int) -> bool:
        terminator = match.group("t")
        if terminator in _ALWAYS_TERMINATORS:
            return True
        if terminator in _GREEK_QUESTION and not self._question_semicolon:
            return False
        if end >= len(text):
            return True
        after = text[end]
        if not after.isspace():
            # No space: only a CJK neighbour makes it a boundary ("完成了!下一步"), never
            # a decimal point, a URL or the inner dots of "U.S.".
            if not _CJK_CHAR.match(after):
                return False
            return terminator != "." or bool(
                _CJK_CHAR.match(text[match.start() - 1 : match.start()])
            )
        following_match = _NEXT_TOKEN.match(text, end)
        if following_match is None:
            return True
        following = following_match.group(1)
        if following[0].islower():
            return False
        if match.group() != "." or terminator != ".":
            return True
        previous = _previous_word(text, match.start())
        if self._ordinal_dots and previous.isdigit() and len(previous) <= 2:
            return False
        return not _is_abbreviation_join(previous, following, self._starters)


_WORD_CHARS = re.compile(r"[^\W_]")
_MIN_CJK_LINE = 6
"""A shorter piece ("台北報導", a name) stays with the line after it: no sentence alone."""


def _cjk_lines(text: str) -> list[str]:
    """The lines a flattened page ran together, cut at spaces between CJK characters."""
    if _CJK_GAP.search(text) is None:
        return [text]
    lines: list[str] = []
    carried = ""
    for piece in _CJK_GAP.split(text):
        carried = f"{carried} {piece}" if carried else piece
        if len(_WORD_CHARS.findall(carried)) >= _MIN_CJK_LINE:
            lines.append(carried)
            carried = ""
    if carried:
        if lines:
            lines[-1] = f"{lines[-1]} {carried}"
        else:
            lines.append(carried)
    return lines


def _only_punctuation(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


_SPACE_RUN = re.compile(r"\s+")


def split_at_spaces(sentence: str, min_chars: int) -> list[str]:
    """Split text whose sentences are separated by spaces alone (Thai, Lao).

    Thai leaves spaces between clauses and sentences, not between words. Each space is a
    possible boundary; pieces shorter than ``min_chars`` join the next one, so that a short
    clause or a name set off by spaces does not stand alone as a sentence.
    """
    pieces: list[str] = []
    current = ""
    for piece in _SPACE_RUN.split(sentence.strip()):
        if not piece:
            continue
        current = f"{current} {piece}" if current else piece
        if len(current) >= min_chars:
            pieces.append(current)
            current = ""
    if current:
        if pieces and len(current) < min_chars:
            pieces[-1] = f"{pieces[-1]} {current}"
        else:
            pieces.append(current)
    return pieces
