"""Pure alert logic: which new stories match which alerts, quiet hours and the hourly cap.

Matching is the one `/search` uses: the words are split like the search index splits text
(words, Chinese as character bigrams, NFKC and case folded), every word must occur, a Chinese
run as a phrase. On top, accents are folded on both sides (the SQLite index drops them too).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.digest.schedule import occurrence
from bot.store import INDEXED_TEXT_CHARS, Alert, Article, HourUsage, index_terms, query_groups

Terms = tuple[str, ...]


def fold(text: str) -> str:
    """Drop accents (é → e, ü → u) but keep every other character as it was."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def alert_groups(words: str) -> tuple[Terms, ...]:
    """The phrase groups an alert's words must all match; empty when nothing is searchable."""
    return tuple(group.terms for group in query_groups(fold(words)))


@dataclass(frozen=True)
class _Field:
    """The terms of one indexed field, in order and as a set (most checks stop at the set)."""

    terms: Terms
    known: frozenset[str]

    @classmethod
    def of(cls, text: str) -> _Field:
        terms = tuple(index_terms(fold(text)).split())
        return cls(terms, frozenset(terms))

    def contains(self, group: Terms) -> bool:
        if not group or not self.known.issuperset(group):
            return False
        if len(group) == 1:
            return True
        width, first, terms = len(group), group[0], self.terms
        return any(
            terms[i] == first and terms[i : i + width] == group
            for i in range(len(terms) - width + 1)
        )


@dataclass(frozen=True)
class ArticleTerms:
    """An article's indexed terms, title and body apart (a phrase never spans the two)."""

    title: _Field
    body: _Field

    @classmethod
    def of(cls, article: Article) -> ArticleTerms:
        """The terms /search would index for this article, accents folded."""
        body = "\n".join([*article.summary, article.text[:INDEXED_TEXT_CHARS]])
        return cls(_Field.of(article.title), _Field.of(body))

    def has(self, group: Terms) -> bool:
        """True when the group's terms occur next to each other in the title or the body."""
        return self.title.contains(group) or self.body.contains(group)


def matches(groups: Sequence[Terms], terms: ArticleTerms) -> bool:
    """True when every group occurs (an alert without searchable words matches nothing)."""
    return bool(groups) and all(terms.has(group) for group in groups)


@dataclass(frozen=True)
class StoryMatch:
    """A new story one destination's alert matched: the first matching article of its cluster."""

    alert: Alert
    article: Article

    @property
    def destination(self) -> tuple[int, int]:
        """(chat id, thread id) of the alert."""
        return self.alert.chat_id, self.alert.thread_id

    @property
    def cluster_id(self) -> int:
        """The story cluster: one alert per destination and cluster."""
        return self.article.cluster_id or self.article.id


def match_stories(articles: Iterable[Article], alerts: Sequence[Alert]) -> list[StoryMatch]:
    """Matches of new articles against alerts, at most one per (destination, story cluster).

    An article only matches alerts created before it was first seen (an alert is about news
    to come) and, for an alert with a region, only articles tagged with that region.
    """
    # Alerts are found through their first term, so an article is only checked against the
    # alerts whose first word it holds (in the order the alerts were made).
    by_term: dict[str, list[tuple[int, Alert, tuple[Terms, ...]]]] = {}
    for order, alert in enumerate(alerts):
        groups = alert_groups(alert.words)
        if groups:
            by_term.setdefault(groups[0][0], []).append((order, alert, groups))
    found: dict[tuple[int, int, int], StoryMatch] = {}
    for article in sorted(articles, key=lambda a: a.id):
        terms = ArticleTerms.of(article)
        present = terms.title.known | terms.body.known
        candidates = sorted(
            (entry for term in present.intersection(by_term) for entry in by_term[term]),
            key=lambda entry: entry[0],
        )
        for _order, alert, groups in candidates:
            if article.first_seen_at < alert.created_at:
                continue
            if alert.region_id is not None and alert.region_id not in article.regions:
                continue
            key = (alert.chat_id, alert.thread_id, article.cluster_id or article.id)
            if key not in found and matches(groups, terms):
                found[key] = StoryMatch(alert, article)
    return list(found.values())


def parse_quiet_hours(start: str | None, end: str | None) -> tuple[time, time] | None:
    """The stored "HH:MM" pair as times; None when unset, unreadable or empty (start == end)."""
    if not start or not end:
        return None
    try:
        first = time.fromisoformat(start)
        last = time.fromisoformat(end)
    except ValueError:
        return None
    return None if first == last else (first, last)


def quiet_until(now: datetime, zone: ZoneInfo, quiet: tuple[time, time] | None) -> datetime | None:
    """When the quiet hours around `now` end (aware UTC), or None when it is not quiet now.

    Quiet hours may wrap midnight (22:00–07:00); their end is found on the local calendar, so
    a daylight-saving change in between moves it correctly.
    """
    if quiet is None:
        return None
    start, end = quiet
    local = now.astimezone(zone)
    clock = local.time().replace(tzinfo=None)
    today = local.date()
    if start < end:
        return occurrence(today, end, zone) if start <= clock < end else None
    if clock >= start:
        return occurrence(today + timedelta(days=1), end, zone)
    if clock < end:
        return occurrence(today, end, zone)
    return None


def hour_of(now: datetime) -> datetime:
    """The UTC hour `now` falls in (the hourly cap counts per such hour)."""
    return now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


Fate = Literal["send", "hold", "hold_silent", "cap"]
"""What happens to a matched story: sent now, held for quiet hours (with its message, or
without one when it is over the cap anyway), or left for the digest."""


@dataclass(frozen=True)
class Plan:
    """The fate of each new story of one destination, in order, and whether to tell it once."""

    fates: tuple[Fate, ...]
    tell: bool = False


def plan_alerts(count: int, usage: HourUsage, per_hour: int, *, quiet: bool, held: int = 0) -> Plan:
    """Decide `count` new stories of one destination against its hourly cap.

    Outside quiet hours the first stories fill what is left of this hour's cap and the rest
    wait for the digest; the destination hears of it once an hour. In quiet hours everything
    is held, but only as many messages as one hour can take when they end are kept.
    """
    if quiet:
        room = max(0, per_hour - held)
        return Plan(tuple("hold" if n < room else "hold_silent" for n in range(count)))
    room = max(0, per_hour - usage.sent)
    fates: tuple[Fate, ...] = tuple("send" if n < room else "cap" for n in range(count))
    return Plan(fates, tell=count > room and not usage.told)
