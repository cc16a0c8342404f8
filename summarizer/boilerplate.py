"""Boilerplate by structure: body paragraphs, the header and tail around them, hollow sections.

A page's main text is a run of body paragraphs: sentences, long enough, with the stop-word
density of running prose in their language and few of their words inside links (the signals
jusText classifies paragraphs by). What sits before the first body paragraph and after the
last one is judged by shape, not by its words: a header or tail line that is not a sentence
(an outlet, a time, a credit, a call to act, another story's headline, player config) goes,
whatever language or wording it uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.blocks import Block
from summarizer.headings import is_numbered_heading
from summarizer.metadata import find_date
from summarizer.model import Section

# Full stops of every script the splitter knows: danda, Arabic and Urdu marks, Armenian,
# Ethiopic, Myanmar and Khmer stops, besides the Latin and CJK ones.
_SENTENCE_END = tuple('.!?。！？…"”’」』।॥؟۔։።။។')
# Thai and Lao mark no sentence end: a space separates sentences, and a headline is short.
_UNPUNCTUATED = re.compile(r"[\u0e00-\u0eff]")
_UNPUNCTUATED_SENTENCE_CHARS = 60
_CLOSERS = ")）]】"
_OPENERS = "([（【〔〖《<{"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_CLAUSE = re.compile(r"[，、；：,]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_KEY = re.compile(r"[^\W_]+")
_STOPS = re.compile(r"[.!?。！？][\"”’」』]?(?:\s|$)|[。！？]")
_PROSE_WORDS = 40
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_DATELINE_WORDS = 20
BODY_WORDS = 10
"""A body paragraph has at least this many words (two CJK characters count as one)."""
SECTION_WORDS = 4
"""A section is real when one of its paragraphs is a sentence of at least this many words."""
STRAY_WORDS = 6
"""Lines shorter than this that are neither sentences nor headings are labels, not text."""
MIN_STOP_SHARE = 0.15
"""Running prose: at least this share of a paragraph's words are stop words."""
MAX_LINK_SHARE = 0.3
"""A paragraph with more of its text inside links is navigation."""


def word_count(text: str) -> int:
    """Words of a line, two CJK characters counting as one word."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def is_sentence(text: str) -> bool:
    """Whether a line ends as a sentence does (not a label, a bracketed credit or a headline)."""
    text = text.strip()
    if not text:
        return False
    if text[0] in _OPENERS and text[-1] in _CLOSERS:
        return False  # "(Source: ...)", "【END】": a bracketed line is a note, not prose
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith(_SENTENCE_END):
        return True
    if len(_UNPUNCTUATED.findall(text)) * 2 >= len(text):
        return " " in text or len(text) >= _UNPUNCTUATED_SENTENCE_CHARS
    return False


def is_body(block: Block, stop_words: frozenset[str]) -> bool:
    """Whether a block is a paragraph of the main text by its shape and language statistics."""
    text = block.text.strip()
    if block.marked or block.link_share > MAX_LINK_SHARE:
        return False
    words = word_count(text)
    if words < BODY_WORDS:
        return False
    if not is_sentence(text) and not (words >= _PROSE_WORDS and len(_STOPS.findall(text)) >= 2):
        # A long paragraph of several sentences is prose even when a caption trails it.
        return False
    cjk = len(_CJK.findall(text))
    if cjk * 2 >= len(text):
        # CJK prose has clauses; a run of names or a caption rarely does.
        return bool(_CJK_CLAUSE.search(text)) or cjk >= 2 * BODY_WORDS * 2
    tokens = _WORD.findall(text.lower())
    if not stop_words or not tokens:
        return True
    return sum(token in stop_words for token in tokens) >= MIN_STOP_SHARE * len(tokens)


def line_key(text: str) -> str:
    """A line's identity for recurring-line learning: letters and digits only, case-folded."""
    return "".join(_KEY.findall(text.casefold()))


def drop_known(blocks: Sequence[Block], known: frozenset[str]) -> list[Block]:
    """Drop blocks whose line is known boilerplate of the site (learned from earlier pages)."""
    if not known:
        return list(blocks)
    return [b for b in blocks if line_key(b.text) not in known]


def trim_header_and_tail(blocks: Sequence[Block], stop_words: frozenset[str]) -> list[Block]:
    """Keep the run of body text: drop non-sentence lines before the first body paragraph and
    the tail after the last one when that tail holds anything but sentences.

    Without any body paragraph (a short post, a list) the blocks are returned unchanged.
    """
    body = [i for i, block in enumerate(blocks) if is_body(block, stop_words)]
    if not body:
        return list(blocks)
    first, last = body[0], body[-1]
    head = [b for b in blocks[:first] if _keep_in_header(b)]
    return [*head, *blocks[first : last + 1], *_closing_text(blocks[last + 1 :])]


def _keep_in_header(block: Block) -> bool:
    if block.marked and block.level <= 6:
        return True
    text = block.text.strip()
    if is_numbered_heading(text):
        return True
    return is_sentence(text) and word_count(text) >= STRAY_WORDS and block.link_share <= 0.5


def _closing_text(tail: Sequence[Block]) -> list[Block]:
    """What of the tail still belongs to the article: the sentences (and short headed
    sections) that follow the last body paragraph without a break; from the first other
    line on, the tail is debris whatever its words.
    """
    kept: list[Block] = []
    index = 0
    while index < len(tail):
        block = tail[index]
        if _is_closing_sentence(block):
            kept.append(block)
            index += 1
            continue
        following = tail[index + 1] if index + 1 < len(tail) else None
        if (
            following is not None
            and _is_closing_sentence(following)
            and _is_question_free(following.text)
            and word_count(following.text) >= SECTION_WORDS
        ):
            kept.extend((block, following))
            index += 2
            continue
        break
    return kept


def _is_closing_sentence(block: Block) -> bool:
    return (
        not block.marked
        and block.link_share <= MAX_LINK_SHARE
        and is_sentence(block.text)
        and word_count(block.text) >= 3
    )


def _is_question_free(text: str) -> bool:
    return not text.rstrip().rstrip('"”’」』').endswith(("?", "？"))


def is_stray(block: Block) -> bool:
    """A line inside the body that is neither a sentence nor a heading: a label ("Posts:"),
    a counter, or a post's date line ("Posted by X on Aug 10, 2014, 10:31 AM")."""
    text = block.text.strip()
    if block.marked or is_sentence(text):
        return False
    words = word_count(text)
    if words < STRAY_WORDS:
        return True
    return words <= _DATELINE_WORDS and (
        _CLOCK.search(text) is not None or find_date(text) is not None
    )


def is_hollow(section: Section) -> bool:
    """A headed section without one real sentence is debris, and so is its heading.

    Its content is then one short line, a headline (often a question), a credit or a prompt.
    """
    if section.heading is None:
        return False
    return not any(
        is_sentence(p) and word_count(p) >= SECTION_WORDS and not _is_question(p)
        for p in section.paragraphs
    )


def is_teaser(block: Block) -> bool:
    """A short question: another story's teaser when it sits right under a heading.

    (A short unpunctuated line under a heading is told apart by the heading rules: it is a
    sub-heading when a paragraph follows it.)
    """
    text = block.text.strip()
    if block.marked or word_count(text) >= BODY_WORDS or is_numbered_heading(text):
        return False
    return _is_question(text)


def _is_question(text: str) -> bool:
    return text.rstrip().rstrip('"”’」』').endswith(("?", "？")) and word_count(text) < BODY_WORDS
