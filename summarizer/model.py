"""Frozen value types that cross the summarizer's boundary: Article, Section, Summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Section:
    """One part of an article: an optional heading and its paragraphs, in reading order."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """A parsed, cleaned article: metadata plus ordered sections."""

    title: str | None
    sections: tuple[Section, ...]
    language: str
    byline: str | None = None
    published: date | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The clean body text, paragraphs separated by blank lines, headings included."""
        parts: list[str] = []
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(section.paragraphs)
        return "\n\n".join(parts)


@dataclass(frozen=True)
class SectionSummary:
    """The condensed form of one section: its verbatim heading and its chosen sentences."""

    heading: str | None
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    """An article's summary: overall sentences plus one summary per section."""

    title: str | None
    language: str
    sentences: tuple[str, ...]
    sections: tuple[SectionSummary, ...]
    byline: str | None = None
    published: date | None = None
    algorithm: str = "news"
    warnings: tuple[str, ...] = field(default=())
