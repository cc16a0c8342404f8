"""The numbers behind /stats, read from the store: articles per region and feed failures per day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from bot.ops.stats_chart import StatsSeries
from bot.store import FeedsRepository, read_transaction
from bot.store import article_regions_table as article_regions
from bot.store import articles_table as articles

DEFAULT_DAYS = 14
UNTAGGED = "other"


def collect_stats(
    engine: Engine,
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
    query = (
        select(articles.c.first_seen_at, article_regions.c.region_id)
        .select_from(articles.outerjoin(article_regions))
        .where(articles.c.first_seen_at >= start)
        .where(articles.c.first_seen_at <= now)
    )
    counts: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    with read_transaction(engine) as conn:
        for seen_at, region_id in conn.execute(query):
            counts[region_id or UNTAGGED][seen_at.astimezone(tz).date()] += 1
    # Busiest regions first, so their colours are the most distinct in the palette.
    order = sorted(counts, key=lambda r: (-sum(counts[r].values()), r))
    failures = (
        failures_by_day
        if failures_by_day is not None
        else FeedsRepository(engine).failures_by_day(day_list[0])
    )
    return StatsSeries(
        days=day_list,
        articles=tuple((r, tuple(counts[r].get(d, 0) for d in day_list)) for r in order),
        failures=tuple(failures.get(d, 0) for d in day_list),
    )
