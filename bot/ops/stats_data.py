"""The numbers behind /stats, read from the store: articles per local day per region."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from bot.ops.stats_chart import StatsSeries
from bot.store import read_transaction
from bot.store.schema import article_regions, articles

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

    Feed failures come from the caller: the store keeps each feed's latest error, not a
    history, so until a per-day failure table exists the chart shows zeros for them.
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
    failures = failures_by_day or {}
    return StatsSeries(
        days=day_list,
        articles=tuple((r, tuple(counts[r].get(d, 0) for d in day_list)) for r in order),
        failures=tuple(failures.get(d, 0) for d in day_list),
    )
