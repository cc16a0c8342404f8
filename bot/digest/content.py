"""Choose a digest's stories: new articles of the chat's regions, one per story cluster."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.digest.filters import KeywordFilter
from bot.digest.model import (
    Bullet,
    DigestContent,
    DigestKey,
    RegionSection,
    Story,
    SummaryLength,
)
from bot.store import ArticleForDigest

# Bullets per story and sentences per bullet for each summary length.
_SHAPE: dict[SummaryLength, tuple[int, int]] = {"short": (2, 1), "medium": (4, 1), "long": (6, 2)}


@dataclass(frozen=True)
class Caps:
    """How many stories a digest shows, per region and overall; the rest are counted."""

    per_region: int = 8
    total: int = 30


def select_content(
    articles: Iterable[ArticleForDigest],
    key: DigestKey,
    window_start: datetime,
    window_end: datetime,
    caps: Caps | None = None,
) -> DigestContent:
    """Group the window's articles into stories by region, newest first, filtered and capped."""
    caps = caps or Caps()
    keyword_filter = KeywordFilter(key.include, key.exclude)
    wanted = set(key.regions)
    kept = [
        a
        for a in articles
        if wanted.intersection(a.regions) and keyword_filter.accepts(_visible_texts(a))
    ]
    by_region: dict[str, list[Story]] = {region: [] for region in key.regions}
    for cluster in _clusters(kept):
        best = _representative(cluster)
        region = next(r for r in key.regions if r in _regions_of(cluster))
        by_region[region].append(_story(best, cluster, key.length))
    sections: list[RegionSection] = []
    budget = caps.total
    for region in key.regions:
        stories = sorted(by_region[region], key=lambda s: (s.published_at, s.article_id))
        stories.reverse()
        shown = stories[: max(0, min(caps.per_region, budget))]
        budget -= len(shown)
        if stories:
            sections.append(RegionSection(region, tuple(shown), len(stories) - len(shown)))
    return DigestContent(window_start, window_end, tuple(sections))


def select_weekly(
    articles: Iterable[ArticleForDigest],
    key: DigestKey,
    window_start: datetime,
    window_end: datetime,
    caps: Caps,
) -> DigestContent:
    """The week's top stories: most outlets first, then newest, capped, grouped by region."""
    keyword_filter = KeywordFilter(key.include, key.exclude)
    wanted = set(key.regions)
    kept = [
        a
        for a in articles
        if wanted.intersection(a.regions) and keyword_filter.accepts(_visible_texts(a))
    ]
    ranked: list[tuple[str, Story]] = []
    for cluster in _clusters(kept):
        region = next(r for r in key.regions if r in _regions_of(cluster))
        ranked.append((region, _story(_representative(cluster), cluster, key.length)))
    ranked.sort(
        key=lambda item: (len(item[1].also_reported_by), item[1].published_at, item[1].article_id),
        reverse=True,
    )
    shown: dict[str, list[Story]] = {region: [] for region in key.regions}
    counts: dict[str, int] = dict.fromkeys(key.regions, 0)
    total = 0
    for region, story in ranked:
        counts[region] += 1
        if total < caps.total and len(shown[region]) < caps.per_region:
            shown[region].append(story)
            total += 1
    sections = tuple(
        RegionSection(region, tuple(shown[region]), counts[region] - len(shown[region]))
        for region in key.regions
        if counts[region]
    )
    return DigestContent(window_start, window_end, sections)


def bullets_for(article: ArticleForDigest, length: SummaryLength) -> tuple[Bullet, ...]:
    """An article's summary as bullets: one per section (heading + sentence), or plain lines."""
    count, per_bullet = _SHAPE[length]
    bullets = [
        Bullet(section.heading.strip(), " ".join(section.sentences[:per_bullet]).strip())
        for section in article.sections
        if section.sentences
    ]
    if not bullets:
        bullets = [Bullet("", sentence.strip()) for sentence in article.summary]
    return tuple(b for b in bullets if b.text)[:count]


def _visible_texts(article: ArticleForDigest) -> list[str]:
    texts = [article.title, *article.summary]
    for section in article.sections:
        texts.append(section.heading)
        texts.extend(section.sentences)
    return texts


def _clusters(articles: Sequence[ArticleForDigest]) -> list[list[ArticleForDigest]]:
    groups: dict[int, list[ArticleForDigest]] = {}
    for article in articles:
        cluster = article.cluster_id if article.cluster_id is not None else article.id
        groups.setdefault(cluster, []).append(article)
    return list(groups.values())


def _regions_of(cluster: Sequence[ArticleForDigest]) -> set[str]:
    return {region for article in cluster for region in article.regions}


def _representative(cluster: Sequence[ArticleForDigest]) -> ArticleForDigest:
    # The richest summary wins (sections beat bare sentences); ties go to the first outlet.
    def richness(a: ArticleForDigest) -> tuple[int, int, datetime, int]:
        sections = sum(1 for s in a.sections if s.sentences)
        return (-sections, -len(a.summary), a.first_seen_at, a.id)

    return min(cluster, key=richness)


def _story(
    best: ArticleForDigest, cluster: Sequence[ArticleForDigest], length: SummaryLength
) -> Story:
    others: dict[str, None] = {}
    for article in sorted(cluster, key=lambda a: (a.first_seen_at, a.id)):
        name = article.source.strip()
        if name and name != best.source.strip():
            others[name] = None
    return Story(
        article_id=best.id,
        title=best.title.strip() or best.url,
        url=best.url,
        source=best.source.strip(),
        published_at=best.published_at,
        bullets=bullets_for(best, length),
        also_reported_by=tuple(others),
    )
