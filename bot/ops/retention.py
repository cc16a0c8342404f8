"""Retention: old articles lose their content but keep what de-duplication needs.

Two stages, both by `first_seen_at` (when we stored it, which is what digests follow):
- after `retention_days` an article becomes a tombstone (`ArticlesRepository.empty_older_than`):
  no digest, region view or search shows it, but its URL, guid and fingerprint still
  de-duplicate, so a feed that keeps listing an old entry does not bring it back as news.
- after `tombstone_days` (a year by default; feeds do not resurface entries that old) the row
  is deleted outright (`ArticlesRepository.delete_older_than`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.ops.errors import OpsError
from bot.store import ArticlesRepository

DEFAULT_TOMBSTONE_DAYS = 365
BATCH_SIZE = 500


@dataclass(frozen=True)
class RetentionResult:
    """How many articles became tombstones and how many tombstones were deleted."""

    tombstoned: int
    deleted: int


def prune_articles(
    articles: ArticlesRepository,
    *,
    now: datetime,
    retention_days: int,
    tombstone_days: int = DEFAULT_TOMBSTONE_DAYS,
    batch_size: int = BATCH_SIZE,
) -> RetentionResult:
    """Apply both retention stages as of `now` (timezone-aware); blocking, run it in a thread."""
    if now.tzinfo is None:
        raise OpsError("retention needs a timezone-aware time")
    if retention_days < 1:
        raise OpsError("NEWSBOT_RETENTION_DAYS must be at least 1")
    tombstone_days = max(tombstone_days, retention_days)
    deleted = articles.delete_older_than(now - timedelta(days=tombstone_days), batch_size)
    tombstoned = articles.empty_older_than(now - timedelta(days=retention_days), batch_size)
    return RetentionResult(tombstoned=tombstoned, deleted=deleted)
