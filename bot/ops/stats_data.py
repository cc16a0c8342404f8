"""The numbers behind /stats, read from the store: articles per region and feed failures per day."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.ops.stats_chart import StatsSeries
from bot.store import Store

DEFAULT_DAYS = 14
UNTAGGED = "other"


def collect_stats(
    store: Store,
    *,
    now: datetime,
    tz: ZoneInfo,
    days: int = DEFAULT_DAYS,
    failures_by_day: Mapping[date, int] | None = None,
) -> StatsSeries:
    """Articles first seen on each of the last `days` local days (today included), by region.

    Feed failures are the store's per-day tally (`feeds.failures_by_day`) unless the caller
    passes its own. That tally is kept by UTC day; it is charted on the local day with the
    same date, which shifts a failure near midnight by at most one bar.
    """
    today = now.astimezone(tz).date()
    day_list = tuple(today - timedelta(days=days - 1 - i) for i in range(days))
    start = datetime.combine(day_list[0], time.min, tzinfo=tz)
    by_region = store.articles.region_day_counts(start, now, tz)
    counts = {region_id or UNTAGGED: per_day for region_id, per_day in by_region.items()}
    # Busiest regions first, so their colours are the most distinct in the palette.
    order = sorted(counts, key=lambda r: (-sum(counts[r].values()), r))
    failures = (
        failures_by_day if failures_by_day is not None else store.feeds.failures_by_day(day_list[0])
    )
    return StatsSeries(
        days=day_list,
        articles=tuple((r, tuple(counts[r].get(d, 0) for d in day_list)) for r in order),
        failures=tuple(failures.get(d, 0) for d in day_list),
    )
