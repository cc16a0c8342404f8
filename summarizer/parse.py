"""Text, Markdown-ish text or HTML to an Article: metadata, cleaning, title, sections, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from summarizer.blocks import Block, line_key
from summarizer.boilerplate import (
    drop_known,
    is_hollow,
    is_sentence,
    is_stray,
    is_teaser,
    trim_header_and_tail,
    word_count,
)
from summarizer.clean import is_end_marker, junk_reason, strip_inline_junk
from summarizer.detect import detect_language
from summarizer.errors import EmptyInputError
from summarizer.furniture import drop_furniture
from summarizer.headings import is_heading, is_short_line
from summarizer.html_parse import HtmlDocument, looks_like_html, parse_html
from summarizer.inputs import check_text
from summarizer.languages import NEUTRAL, is_supported, normalize_code
from summarizer.metadata import find_date, parse_metadata_line
from summarizer.model import Article, Section
from summarizer.plaintext import text_blocks
from summarizer.stoplists import paragraph_stop_words

_METADATA_WINDOW = 6
_DETECTED_LEVEL = 5  # headings found by their shape rank below marked h1-h4
_TITLE_END = tuple(".!?。！？;；,，")
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", "_", " :: ")
_TITLE_WINDOW = 6
_MAX_TITLE_WORDS = 30
# Lines that describe the page rather than name the story: never a title.
_METADATA_LIKE = re.compile(
    r"reading time|\bmin(?:ute)?s?\s+read\b|\bviews?\b|阅读(?:时间|量|全文)|浏览|分钟|"
    r"^(?:posted|published|updated|by)\b|^\d{1,4}\s*[-./年:]",
    re.IGNORECASE,
)


@dataclass
class DocumentMeta:
    """What the page head and the metadata lines say, first statement winning."""

    title: str | None = None
    byline: str | None = None
    source: str | None = None
    published: date | None = None
    description: str | None = None
    """The head's description of the article (often its lede): it tells where the text is."""
    warnings: list[str] = field(default_factory=list)


def parse_article(
    text: str,
    *,
    language: str | None = None,
    html: bool | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> Article:
    """Parse plain text, Markdown-ish text or HTML into an Article.

    ``language`` is an ISO 639-1 code, or None to detect it. ``html`` forces (True) or
    forbids (False) HTML parsing; None decides from the text. ``boilerplate`` holds lines
    known to recur on the site (keys from ``blocks.line_key``); they are dropped. Raises
    a SummarizerError for empty, binary or oversized input and for an invalid language code.
    """
    check_text(text)
    code = normalize_code(language) if language else None
    meta = DocumentMeta()
    if html or (html is None and looks_like_html(text)):
        document = parse_html(text)
        blocks = list(document.blocks)
        _read_head(document, meta)
    else:
        blocks = text_blocks(text)
    return build_article(blocks, meta, code, boilerplate=boilerplate)


def _read_head(document: HtmlDocument, meta: DocumentMeta) -> None:
    meta.title = strip_site_name(document.title) if document.title else None
    meta.byline = document.author
    meta.description = document.description
    if document.date_text:
        meta.published = find_date(document.date_text)


def strip_site_name(title: str) -> str:
    """Drop a site name from "Story title | Site"; the longest part is the story's title."""
    for separator in _SITE_SEPARATORS:
        if separator in title:
            return max(title.split(separator), key=len).strip()
    return title.strip()


def build_article(
    blocks: list[Block],
    meta: DocumentMeta,
    code: str | None,
    *,
    boilerplate: frozenset[str] = frozenset(),
) -> Article:
    """Turn raw blocks into an Article; ``code`` None means detect the language.

    Known boilerplate lines go first, then metadata lines, junk by the phrase layer and page
    furniture (date lines, statistics, lines repeated by template); the title is taken; then
    the header and tail around the body run go by their shape, and so do headed sections
    without a real sentence.
    """
    blocks = drop_known(blocks, boilerplate)
    quick = code or _quick_language(blocks)
    blocks = _take_metadata(blocks, meta, quick)
    blocks = _clean(blocks, meta)
    with_furniture = blocks
    blocks = drop_furniture(blocks, quick)
    title, blocks = _take_title(blocks, meta)
    stops = paragraph_stop_words(quick)
    trimmed = trim_header_and_tail(blocks, stops, meta.description)
    sections = (
        [s for s in _sections(trimmed) if not is_hollow(s)]
        or _sections(blocks)
        or _sections(blocks, keep_labels=True)
        or _sections(
            _without_headline(with_furniture, title) if title else with_furniture,
            keep_labels=True,
        )
    )
    if not sections:
        raise EmptyInputError("no article text found in the input")
    body = "\n".join(p for s in sections for p in s.paragraphs)
    language = _language(body, code, meta)
    return Article(
        title=title,
        sections=tuple(sections),
        language=language,
        byline=meta.byline or meta.source,
        published=meta.published,
        warnings=tuple(meta.warnings),
    )


def _quick_language(blocks: list[Block]) -> str:
    """The language of the blocks, for judging paragraphs before the final detection."""
    sample = "\n".join(b.text for b in blocks[:60])
    return detect_language(sample).code if sample.strip() else NEUTRAL


def _take_metadata(blocks: list[Block], meta: DocumentMeta, code: str) -> list[Block]:
    """Read and remove byline/date lines near the top of the article (``code``: language)."""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        found = None
        if index < _METADATA_WINDOW and block.level != 1:
            found = parse_metadata_line(block.text, code)
        if found is None:
            kept.append(block)
            continue
        meta.byline = meta.byline or found.byline
        meta.source = meta.source or found.source
        meta.published = meta.published or found.published
    return kept


def _clean(blocks: list[Block], meta: DocumentMeta) -> list[Block]:
    """Drop junk blocks and stop at an end marker; a trailing source line may name the source."""
    kept: list[Block] = []
    for block in blocks:
        if is_end_marker(block.text):
            if kept:
                break
            continue
        text = strip_inline_junk(block.text.strip())
        reason = junk_reason(text) if text else "empty"
        if reason is None:
            kept.append(Block(text, block.marked, block.level, block.link_share))
        elif reason == "credit" and meta.source is None:
            found = parse_metadata_line(text)
            meta.source = found.source if found else None
    return kept


def _take_title(blocks: list[Block], meta: DocumentMeta) -> tuple[str | None, list[Block]]:
    """The page's headline: a marked <h1> above the text, else the head's title (og:title,
    <title>), else the header's headline.

    The header is the run of lines before the first sentence; its headline is its longest
    line that is neither metadata nor a sentence (outlet names and credits are shorter, or
    are read as metadata). A line that describes the page ("reading time: 2 minutes") is
    never a title. The headline's own line leaves the body.
    """
    window = blocks[:_TITLE_WINDOW]
    for index, block in enumerate(window):
        if is_sentence(block.text):
            break
        if block.marked and block.level == 1 and not _is_metadata_like(block.text):
            return block.text, blocks[:index] + blocks[index + 1 :]
    if meta.title and not _is_metadata_like(meta.title):
        return meta.title, _without_headline(blocks, meta.title)
    header: list[int] = []
    for index, block in enumerate(window):
        if is_sentence(block.text) or (block.marked and block.level > 1):
            break
        header.append(index)
    candidates = [i for i in header if _is_title_line(blocks[i])]
    if not candidates or len(header) == len(blocks):
        return None, blocks
    best = max(candidates, key=lambda i: word_count(blocks[i].text))
    return blocks[best].text, blocks[:best] + blocks[best + 1 :]


def _without_headline(blocks: list[Block], title: str) -> list[Block]:
    """Drop the headline's line (the <h1> or the same words) from the top of the body."""
    key = line_key(title)
    out = list(blocks)
    for index, block in enumerate(blocks[:_TITLE_WINDOW]):
        other = line_key(block.text)
        same = other == key
        marked_headline = (
            block.marked and block.level == 1 and other and (other in key or key in other)
        )
        if same or marked_headline:
            del out[index]
            break
    return out


def _same_line(text: str, title: str) -> bool:
    return " ".join(text.split()).casefold() == " ".join(title.split()).casefold()


def _is_metadata_like(text: str) -> bool:
    text = text.strip()
    return bool(_METADATA_LIKE.search(text)) or parse_metadata_line(text) is not None


def _is_title_line(block: Block) -> bool:
    text = block.text.strip()
    if _is_metadata_like(text) or junk_reason(text) is not None:
        return False
    if block.marked:
        return block.level <= 2
    return (
        is_short_line(text, _MAX_TITLE_WORDS, 60)
        and not text.endswith(_TITLE_END)
        and word_count(text) >= 1
    )


def _sections(blocks: list[Block], *, keep_labels: bool = False) -> list[Section]:
    """Group blocks into sections; short labels and date lines go unless ``keep_labels``.

    Of two headings in a row, the stronger (lower level) one stays when it comes first, as
    a chapter heading over a bold sub-heading; otherwise the empty first one is dropped.
    """
    sections: list[Section] = []
    heading: str | None = None
    level = 0
    paragraphs: list[str] = []
    skip: set[int] = set()
    for index, block in enumerate(blocks):
        if index in skip:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous = blocks[index - 1] if index else None
        heading_here = is_heading(block, following, previous)
        if heading_here and following is not None and not keep_labels and is_teaser(following):
            # "Related" over another story's headline: neither is this article's text.
            skip.add(index + 1)
            continue
        if not heading_here:
            if keep_labels or not is_stray(block):
                paragraphs.append(block.text)
            continue
        new_level = block.level if block.marked else _DETECTED_LEVEL
        if paragraphs:
            sections.append(Section(heading, tuple(paragraphs)))
        elif heading is not None and level < new_level:
            continue
        heading, level, paragraphs = block.text.strip(), new_level, []
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return sections


def _language(body: str, code: str | None, meta: DocumentMeta) -> str:
    if code is None:
        code = detect_language(body).code
        if code == NEUTRAL:
            meta.warnings.append("language not recognised; using language-neutral processing")
            return code
    if not is_supported(code):
        meta.warnings.append(
            f"no stop words or stemmer for language {code!r}; using language-neutral processing"
        )
    return code
