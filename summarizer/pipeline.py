"""The summarize() use case: parse if needed, split sentences, rank overall and per section."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from summarizer.algorithms import ALGORITHMS, DEFAULT_ALGORITHM, select
from summarizer.detect import detect_language
from summarizer.errors import EmptyInputError, SummarizerError, UnknownAlgorithmError
from summarizer.languages import Language, get_language, normalize_code
from summarizer.model import Article, Section, SectionSummary, Summary
from summarizer.parse import parse_article
from summarizer.stoplists import paragraph_stop_words

LONG_SECTION_SENTENCES = 8
"""A section with at least this many sentences is long and gets two summary sentences."""
PREPARED_LANGUAGES = ("en", "zh")
"""Languages whose tables are built at import, so a process's first article does not wait."""


def summarize(
    text_or_article: str | Article,
    *,
    sentences: int = 3,
    language: str | None = None,
    algorithm: str | None = None,
    max_chars: int | None = None,
    section_sentences: int | None = None,
) -> Summary:
    """Summarize an article: ``sentences`` overall plus a short summary of every headed section.

    Text before the first heading (the lede) feeds the overall summary but is not listed as a
    section. Sentences are returned whole and in their original order; headings verbatim.
    ``section_sentences`` fixes the count per section (default 1, or 2 for a long section);
    ``max_chars`` caps the overall summary's length. Raises a SummarizerError on bad input.
    """
    name = _algorithm_name(algorithm)
    _check_options(sentences, section_sentences, max_chars)
    article = _as_article(text_or_article, language)
    lang = get_language(article.language)
    per_section = [_section_sentences(section, lang) for section in article.sections]
    everything = [sentence for group in per_section for sentence in group]
    if not everything:
        raise EmptyInputError("the input has no sentences to summarize")
    overall = select(
        everything,
        sentences,
        language=lang,
        algorithm=name,
        title=article.title,
        max_chars=max_chars,
    )
    section_summaries = tuple(
        _summarize_section(section, group, lang, name, section_sentences)
        for section, group in zip(article.sections, per_section, strict=True)
        if section.heading is not None and group
    )
    return Summary(
        title=article.title,
        language=article.language,
        sentences=tuple(everything[i] for i in overall),
        sections=section_summaries,
        byline=article.byline,
        published=article.published,
        algorithm=name,
        warnings=article.warnings,
    )


def _algorithm_name(algorithm: str | None) -> str:
    name = (algorithm or DEFAULT_ALGORITHM).strip().lower()
    if name not in ALGORITHMS:
        raise UnknownAlgorithmError(
            f"unknown algorithm {algorithm!r}; choose one of: {', '.join(ALGORITHMS)}"
        )
    return name


def _check_options(sentences: int, section_sentences: int | None, max_chars: int | None) -> None:
    _check_count("sentences", sentences)
    if section_sentences is not None:
        _check_count("section_sentences", section_sentences)
    if max_chars is not None and max_chars <= 0:
        raise SummarizerError("max_chars must be a positive number")


def _check_count(label: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SummarizerError(f"{label} must be a whole number of at least 1, not {value!r}")


def _as_article(text_or_article: str | Article, language: str | None) -> Article:
    if isinstance(text_or_article, Article):
        if language is None:
            return text_or_article
        return replace(text_or_article, language=normalize_code(language))
    if not isinstance(text_or_article, str):
        raise SummarizerError(f"cannot summarize a {type(text_or_article).__name__}")
    return parse_article(text_or_article, language=language)


def _section_sentences(section: Section, language: Language) -> list[str]:
    split = language.tokenizer.to_sentences
    return [s for paragraph in section.paragraphs for s in split(paragraph)]


def _summarize_section(
    section: Section,
    sentences: Sequence[str],
    language: Language,
    algorithm: str,
    count: int | None,
) -> SectionSummary:
    if count is None:
        count = 2 if len(sentences) >= LONG_SECTION_SENTENCES else 1
    picked = select(sentences, count, language=language, algorithm=algorithm, title=section.heading)
    return SectionSummary(heading=section.heading, sentences=tuple(sentences[i] for i in picked))


def prepare(codes: Sequence[str] = PREPARED_LANGUAGES) -> None:
    """Build these languages' objects (tokenizer, stemmer, stop words) and tables now.

    A few milliseconds once per process instead of on its first article; jieba's dictionary
    still loads on the first Chinese text (a second, and most processes never need it).
    """
    for code in codes:
        get_language(code)
        paragraph_stop_words(code)
    detect_language("The summarizer prepares its language tables once per process.")


prepare()
