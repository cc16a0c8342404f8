"""What one ingest tick did: the report, its paused feeds, and the tally that builds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FeedStatus = Literal["new", "not modified", "failed"]


@dataclass(frozen=True)
class PausedFeed:
    """A feed this tick paused: enough to tell the admins which one and why."""

    feed_id: int
    url: str
    title: str
    failures: int
    reason: str


@dataclass(frozen=True)
class FeedOutcome:
    """What checking one feed did: its status, new articles, and articles a stage failed on."""

    feed_id: int
    url: str
    status: FeedStatus
    new_articles: int = 0
    degraded: int = 0
    skipped: int = 0
    reason: str = ""

    def line(self) -> str:
        """One line for `newsbot ingest -v`."""
        if self.status == "failed":
            return f"#{self.feed_id} {self.url}: failed — {self.reason}"
        if self.status == "not modified":
            return f"#{self.feed_id} {self.url}: checked, not modified"
        text = f"#{self.feed_id} {self.url}: checked, new {self.new_articles}"
        return text + article_problems_text(self.degraded, self.skipped)


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


def article_problems_text(degraded: int, skipped: int) -> str:
    """The words for articles a stage failed on ("" when there were none)."""
    parts = []
    if degraded:
        parts.append(f"{_articles(degraded)} kept with the feed's own text after an error")
    if skipped:
        parts.append(f"{_articles(skipped)} skipped after an error")
    return "".join(f", {part}" for part in parts)


@dataclass(frozen=True)
class IngestReport:
    """What one tick did; `timings` sums seconds per phase (fetch, extract, summarize, store).

    `articles_degraded` counts articles stored with their feed's own text because extracting
    or summarizing raised; `articles_skipped` those that could not be stored at all.
    `article_errors` says which and why, one line each.
    """

    feeds_checked: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    feeds_paused: int = 0
    new_articles: int = 0
    duplicates: int = 0
    feed_content_fallbacks: int = 0
    articles_degraded: int = 0
    articles_skipped: int = 0
    errors: tuple[str, ...] = ()
    article_errors: tuple[str, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()
    paused: tuple[PausedFeed, ...] = ()
    feeds: tuple[FeedOutcome, ...] = ()
    alerts_queued: int = 0
    pages_lost: tuple[str, ...] = ()
    """Pages whose worker crashed, hung or ran out of memory, each with what was stored."""

    def summary_line(self) -> str:
        """One line for logs and the CLI."""
        line = (
            f"{self.feeds_checked} feeds checked, {self.feeds_not_modified} not modified, "
            f"{self.feeds_failed} failed, {self.new_articles} new articles, "
            f"{self.duplicates} duplicates skipped"
            + article_problems_text(self.articles_degraded, self.articles_skipped)
            + (f", {self.alerts_queued} alerts queued" if self.alerts_queued else "")
        )
        if self.pages_lost:
            count = len(self.pages_lost)
            line += (
                ", 1 page lost its worker" if count == 1 else f", {count} pages lost their worker"
            )
        return line


@dataclass
class Tally:
    """Mutable counters of a running tick, frozen into an `IngestReport` at its end."""

    checked: int = 0
    not_modified: int = 0
    failed: int = 0
    paused: int = 0
    new: int = 0
    duplicates: int = 0
    fallbacks: int = 0
    degraded: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    article_errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    newly_paused: list[PausedFeed] = field(default_factory=list)
    outcomes: list[FeedOutcome] = field(default_factory=list)
    pages_lost: list[str] = field(default_factory=list)

    def time(self, phase: str, seconds: float) -> None:
        """Add `seconds` to the running total of `phase`."""
        self.timings[phase] = self.timings.get(phase, 0.0) + seconds

    def report(self) -> IngestReport:
        """The frozen report of what was counted so far."""
        return IngestReport(
            feeds_checked=self.checked,
            feeds_not_modified=self.not_modified,
            feeds_failed=self.failed,
            feeds_paused=self.paused,
            new_articles=self.new,
            duplicates=self.duplicates,
            feed_content_fallbacks=self.fallbacks,
            articles_degraded=self.degraded,
            articles_skipped=self.skipped,
            errors=tuple(self.errors),
            article_errors=tuple(self.article_errors),
            timings=tuple(sorted(self.timings.items())),
            paused=tuple(self.newly_paused),
            feeds=tuple(sorted(self.outcomes, key=lambda outcome: outcome.feed_id)),
            pages_lost=tuple(self.pages_lost),
        )
