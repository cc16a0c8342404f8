"""The alert step after each ingest tick: match new stories, queue alerts, release held ones.

Reads (new articles, alerts, destinations) and matching happen outside the write
transaction; claiming the articles, recording the (destination, story) keys and queueing the
outbox rows happen in one `AlertBatch`, so a crash leaves all of a batch or none of it.
Work is done per destination in a few statements, however many stories match.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.digest.alert_render import render_alert, render_cap_notice
from bot.digest.alerts import (
    Fate,
    StoryMatch,
    hour_of,
    match_stories,
    parse_quiet_hours,
    plan_alerts,
    quiet_until,
)
from bot.digest.errors import DigestError
from bot.digest.schedule import load_zone
from bot.i18n import Language, normalize_language
from bot.store import (
    CAPPED,
    HELD,
    QUEUED,
    AlertBatch,
    ChatRecord,
    HeldStory,
    HourUsage,
    NewStory,
    Store,
)

log = logging.getLogger(__name__)

# Articles first seen longer ago than this are never matched (nor kept as scan marks).
SCAN_WINDOW = timedelta(days=2)
# A story cluster takes new outlets for a few days (bot.news ingest's cluster window): its
# "already alerted" mark must outlive that, or a late outlet would alert it again.
STORY_MEMORY = timedelta(days=14)
_BATCH = 500
_HELD_BATCH = 5000
_STATUS = {"send": QUEUED, "hold": HELD, "hold_silent": HELD, "cap": CAPPED}
Destination = tuple[int, int]


@dataclass
class AlertReport:
    """What one alert step did."""

    matched: int = 0
    queued: int = 0
    held: int = 0
    capped: int = 0
    released: int = 0

    @property
    def messages(self) -> int:
        """Alerts put into the outbox now (new ones and released ones)."""
        return self.queued + self.released


def run_alerts(store: Store, now: datetime, per_hour: int) -> AlertReport:
    """Queue alerts for stories stored since the last step, then those whose quiet hours ended."""
    report = AlertReport()
    _queue_new(store, now, per_hour, report)
    _release_held(store, now, per_hour, report)
    if report.matched or report.released:
        log.info(
            "alerts: %d stories matched, %d queued, %d held for quiet hours, %d over the "
            "hourly cap, %d released",
            report.matched,
            report.queued,
            report.held,
            report.capped,
            report.released,
        )
    return report


def _queue_new(store: Store, now: datetime, per_hour: int, report: AlertReport) -> None:
    alerts = store.alerts.all()
    if not alerts:
        return  # articles stay unscanned, harmlessly: a later alert only sees later stories
    while True:
        articles = store.alerts.unscanned(now - SCAN_WINDOW, _BATCH)
        if not articles:
            return
        by_destination: dict[Destination, list[StoryMatch]] = {}
        for match in match_stories(articles, alerts):
            by_destination.setdefault(match.destination, []).append(match)
        chats = _destinations(store, set(by_destination))
        with store.alerts.batch(now) as batch:
            claimed = batch.claim_articles([a.id for a in articles])
            for key, matches in by_destination.items():
                mine = [m for m in matches if m.article.id in claimed]
                chat = chats.get(key)
                if mine and chat is not None and chat.active and not chat.paused:
                    _queue_destination(batch, chat, mine, now, per_hour, report)
        if len(articles) < _BATCH:
            return


def _queue_destination(
    batch: AlertBatch,
    chat: ChatRecord,
    matches: Sequence[StoryMatch],
    now: datetime,
    per_hour: int,
    report: AlertReport,
) -> None:
    chat_id, thread_id = chat.chat_id, chat.thread_id
    known = batch.known_stories(chat_id, thread_id, [m.cluster_id for m in matches])
    fresh = [m for m in matches if m.cluster_id not in known]
    if not fresh:
        return  # each story already alerted here (from another outlet, or another alert)
    zone, language, hour = _zone(chat), _language(chat), hour_of(now)
    until = quiet_until(now, zone, parse_quiet_hours(chat.quiet_start, chat.quiet_end))
    if until is not None:
        held = batch.held_count(chat_id, thread_id)
        plan = plan_alerts(len(fresh), HourUsage(0, False), per_hour, quiet=True, held=held)
    else:
        usage = batch.usage(chat_id, thread_id, hour)
        plan = plan_alerts(len(fresh), usage, per_hour, quiet=False)
    stories = [
        _story(m, fate, until, language, zone, now)
        for m, fate in zip(fresh, plan.fates, strict=True)
    ]
    added = batch.add_stories(chat_id, thread_id, stories)
    sent = 0
    for story in stories:
        if story.cluster_id not in added:
            continue
        report.matched += 1
        if story.status == QUEUED and story.message is not None:
            batch.queue(chat_id, thread_id, story.message)
            sent += 1
        elif story.status == HELD:
            report.held += 1
        else:
            report.capped += 1
    report.queued += sent
    _count(batch, chat, hour, sent, tell=plan.tell and bool(added), language=language)


def _story(
    match: StoryMatch,
    fate: Fate,
    until: datetime | None,
    language: Language,
    zone: ZoneInfo,
    now: datetime,
) -> NewStory:
    # Only stories that will be sent get a message rendered; capped ones never do.
    message = (
        render_alert(match.article, match.alert.words, language, zone, now)
        if fate in ("send", "hold")
        else None
    )
    return NewStory(
        cluster_id=match.cluster_id,
        alert_id=match.alert.id,
        article_id=match.article.id,
        status=_STATUS[fate],
        release_at=until if fate in ("hold", "hold_silent") else None,
        message=message,
    )


def _release_held(store: Store, now: datetime, per_hour: int, report: AlertReport) -> None:
    with store.alerts.batch(now) as batch:
        held = batch.held_due(_HELD_BATCH)
        if not held:
            return
        by_destination: dict[Destination, list[HeldStory]] = {}
        for story in held:
            by_destination.setdefault((story.chat_id, story.thread_id), []).append(story)
        chats = _destinations(store, set(by_destination))
        for (chat_id, thread_id), stories in by_destination.items():
            chat = chats.get((chat_id, thread_id))
            if chat is None or not chat.active:
                batch.set_status(chat_id, thread_id, [s.cluster_id for s in stories], CAPPED)
                report.capped += len(stories)
                continue
            hour = hour_of(now)
            usage = batch.usage(chat_id, thread_id, hour)
            room = max(0, per_hour - usage.sent)
            ready = [s for s in stories if s.message is not None][:room]
            chosen = {s.cluster_id for s in ready}
            rest = [s for s in stories if s.cluster_id not in chosen]
            for story in ready:
                assert story.message is not None
                batch.queue(chat_id, thread_id, story.message)
            batch.set_status(chat_id, thread_id, [s.cluster_id for s in ready], QUEUED)
            batch.set_status(chat_id, thread_id, [s.cluster_id for s in rest], CAPPED)
            report.released += len(ready)
            report.capped += len(rest)
            tell = bool(rest) and not usage.told
            _count(batch, chat, hour, len(ready), tell=tell, language=_language(chat))


def _count(
    batch: AlertBatch,
    chat: ChatRecord,
    hour: datetime,
    sent: int,
    *,
    tell: bool,
    language: Language,
) -> None:
    """Add the hour's queued alerts; on the first overflow of the hour, queue the notice."""
    if tell:
        batch.queue(chat.chat_id, chat.thread_id, render_cap_notice(language))
    if sent or tell:
        batch.add_usage(chat.chat_id, chat.thread_id, hour, sent, told=tell)


def _destinations(store: Store, keys: set[Destination]) -> dict[Destination, ChatRecord]:
    found: dict[Destination, ChatRecord] = {}
    for chat_id, thread_id in keys:
        record = store.chats.get(chat_id, thread_id)
        if record is not None:
            found[(chat_id, thread_id)] = record
    return found


def _zone(chat: ChatRecord) -> ZoneInfo:
    try:
        return load_zone(chat.timezone)
    except DigestError:
        return ZoneInfo("UTC")


def _language(chat: ChatRecord) -> Language:
    return normalize_language(chat.language)


def prune_alert_state(store: Store, now: datetime) -> int:
    """Forget scan marks and hourly counts past the scan window, and old alerted stories."""
    return store.alerts.prune(now - SCAN_WINDOW - timedelta(days=1), now - STORY_MEMORY)
