"""Boilerplate by structure: body paragraphs, the header and tail around them, hollow sections.

A page's main text is a run of body paragraphs: sentences, long enough, with the stop-word
density of running prose in their language and few of their words inside links (the signals
jusText classifies paragraphs by). What sits before the first body paragraph and after the
last one is judged by shape, not by its words: a header or tail line that is not a sentence
(an outlet, a time, a credit, a call to act, another story's headline, player config) goes,
whatever language or wording it uses.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from summarizer.blocks import Block, line_key
from summarizer.description_check import agrees
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
_STOPS = re.compile(r"[.!?。！？][\"”’」』]?(?:\s|$)|[。！？]")
_PROSE_WORDS = 40
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_DATELINE_WORDS = 20
_LATER_RUN_WEIGHT = 2
_EMPTY_WORDS = 20
"""A section with fewer words than this under its heading is a box's label, not text."""
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
    if words < BODY_WORDS or is_cut(text):
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


def drop_known(blocks: Sequence[Block], known: frozenset[str]) -> list[Block]:
    """Drop blocks whose line is known boilerplate of the site (learned from earlier pages)."""
    if not known:
        return list(blocks)
    return [b for b in blocks if line_key(b.text) not in known]


def trim_header_and_tail(
    blocks: Sequence[Block], stop_words: frozenset[str], description: str | None = None
) -> list[Block]:
    """Keep the article's run of body text (see `_main_run`; ``description`` is the page's
    own description of its article, if any): drop non-sentence lines before its first body
    paragraph and the tail after its last one when that tail holds anything but sentences.

    Without any body paragraph (a short post, a list) the blocks are returned unchanged.
    """
    body = [i for i, block in enumerate(blocks) if is_body(block, stop_words)]
    if not body:
        return list(blocks)
    start, first, last = _main_run(blocks, body, description)
    run = blocks[first : last + 1]
    # A heading above an article that has no other heading titles no section: it is a
    # kicker, a credit or the label of a box beside the text ("Relevant offers").
    sectioned = any(_is_marked_heading(b) or is_numbered_heading(b.text) for b in run)
    head = [b for b in blocks[start:first] if _keep_in_header(b, sectioned)]
    return [*head, *run, *_closing_text(blocks[last + 1 :])]


def _is_marked_heading(block: Block) -> bool:
    return block.marked and block.level <= 6


def _main_run(
    blocks: Sequence[Block], body: list[int], description: str | None
) -> tuple[int, int, int]:
    """Where the article's header may start, and the first and last index of its run of body
    paragraphs (the header starts after the run before it, if any).

    Body paragraphs separated by a break (see `_is_break`) belong to different runs: a
    sidebar of teasers with sentences, a comment stream or a disclaimer far below the
    article. The run holding the page's description (its lede, on most news pages) is the
    article; without one, the first run is, unless a later one clearly outweighs it.
    """
    runs: list[list[int]] = [[body[0]]]
    for before, after in itertools.pairwise(body):
        if _is_break(blocks[before + 1 : after]):
            runs.append([after])
        else:
            runs[-1].append(after)
    if len(runs) > 1 and description:
        starts = [0, *(run[-1] + 1 for run in runs[:-1])]
        for start, run in zip(starts, runs, strict=True):
            if agrees(description, blocks[start : run[-1] + 1]):
                return start, run[0], run[-1]
    main, start = runs[0], 0
    for previous, run in itertools.pairwise(runs):
        # Articles come first and their debris after, so a later run must clearly outweigh
        # the first to be the article (a site blurb above it, not a teaser list below).
        if _words(blocks, run) > _LATER_RUN_WEIGHT * _words(blocks, main):
            main, start = run, previous[-1] + 1
    return start, main[0], main[-1]


def _words(blocks: Sequence[Block], run: list[int]) -> int:
    return sum(word_count(blocks[i].text) for i in run)


def _is_break(gap: Sequence[Block]) -> bool:
    """Whether the lines between two body paragraphs leave the article.

    An article's paragraphs are apart by a heading, a caption, a list of any length (and a
    forum's posts by their furniture). The page has moved on when the gap holds an empty
    section: a heading followed by a heading of the same or a higher rank with next to no
    words between them (a chapter heading over a sub-heading is no break; a section of list
    items is not empty), as boxes of labels and teasers are built.
    """
    heading: Block | None = None
    words = 0
    for block in gap:
        if _is_marked_heading(block):
            if heading is not None and block.level <= heading.level and words < _EMPTY_WORDS:
                return True
            heading, words = block, 0
        else:
            words += word_count(block.text)
    return False


def _keep_in_header(block: Block, sectioned: bool) -> bool:
    text = block.text.strip()
    if _is_marked_heading(block) or is_numbered_heading(text):
        # A lede set in a heading's type is still the lede.
        return sectioned or (is_sentence(text) and word_count(text) >= BODY_WORDS)
    return (
        is_sentence(text)
        and not is_cut(text)
        and word_count(text) >= STRAY_WORDS
        and block.link_share <= 0.5
    )


def is_cut(text: str) -> bool:
    """Whether a line stops in an ellipsis right after a word: a teaser or caption cut short
    ("... speaks during a...", "Read more..."), not a sentence of the article."""
    stripped = text.rstrip().rstrip(_CLOSERS + '"”’」』')
    if stripped.endswith("……"):
        return False  # Chinese prose trails off with a doubled ellipsis; a cut uses one
    for mark in ("...", "…"):
        if stripped.endswith(mark):
            before = stripped[: -len(mark)].rstrip(" .…")
            return bool(before) and (before[-1].isalnum() or before[-1] == ",")
    return False


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
            and "?" not in following.text
            and "？" not in following.text
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
        and not is_cut(block.text)
        and word_count(block.text) >= 3
    )


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
