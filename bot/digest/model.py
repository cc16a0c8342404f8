"""Frozen values describing a digest: who shares it (the key), and what it contains."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from bot.i18n import DEFAULT_LANGUAGE, Language

SummaryLength = Literal["short", "medium", "long"]
SUMMARY_LENGTHS: tuple[SummaryLength, ...] = ("short", "medium", "long")


@dataclass(frozen=True)
class DigestKey:
    """Everything that decides a digest's text; chats with equal keys share one build.

    The time zone is part of the key because every story shows its local time, and because
    chats in one zone at one digest time also share the window since their last digest.
    """

    regions: tuple[str, ...]
    language: Language = DEFAULT_LANGUAGE
    length: SummaryLength = "medium"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    timezone: str = "UTC"
    weekly: bool = False

    def as_text(self) -> str:
        """A canonical string form, stable across processes, stored with the digest."""
        fields: dict[str, object] = {
            "regions": list(self.regions),
            "language": self.language,
            "length": self.length,
            "include": list(self.include),
            "exclude": list(self.exclude),
            "timezone": self.timezone,
        }
        if self.weekly:  # only then: the keys of other digests stay as they were
            fields["weekly"] = True
        return json.dumps(fields, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class Bullet:
    """One line of a story's summary: a section heading (may be empty) and its sentence(s)."""

    heading: str
    text: str


@dataclass(frozen=True)
class Story:
    """One story of a digest: its best article, plus the other outlets that covered it."""

    article_id: int
    title: str
    url: str
    source: str
    published_at: datetime
    bullets: tuple[Bullet, ...] = ()
    also_reported_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegionSection:
    """The stories of one region, newest first, and how many more did not fit the cap."""

    region_id: str
    stories: tuple[Story, ...]
    omitted: int = 0


@dataclass(frozen=True)
class DigestContent:
    """What one digest says, before rendering: its window and its stories by region."""

    window_start: datetime
    window_end: datetime
    sections: tuple[RegionSection, ...] = field(default_factory=tuple)

    @property
    def story_count(self) -> int:
        """Stories shown, over all regions."""
        return sum(len(section.stories) for section in self.sections)
