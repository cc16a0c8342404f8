"""Extractive, section-aware news summarization: text or HTML in, Article and Summary out."""

from summarizer.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    SummarizerError,
    UnknownAlgorithmError,
    UnsupportedLanguageError,
)
from summarizer.extract import extract_article
from summarizer.model import Article, Section, SectionSummary, Summary
from summarizer.parse import parse_article
from summarizer.pipeline import summarize

__all__ = [
    "Article",
    "BinaryInputError",
    "EmptyInputError",
    "InputTooLargeError",
    "Section",
    "SectionSummary",
    "SummarizerError",
    "Summary",
    "UnknownAlgorithmError",
    "UnsupportedLanguageError",
    "extract_article",
    "parse_article",
    "summarize",
]
