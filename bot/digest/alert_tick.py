"""The alert step after each ingest tick: match new stories, queue alerts, release held ones.

Reads (new articles, alerts, destinations) and matching happen outside the write
transaction; claiming the articles, the (destination, story) keys and the outbox rows happen
in one `AlertBatch`, so a crash anywhere leaves either everything or nothing of a batch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.digest.alert_render import render_alert, render_cap_notice
from bot.digest.alerts import (
    StoryMatch,
    decide,
    hour_of,
    match_stories,
    parse_quiet_hours,
    quiet_until,
)
from bot.digest.errors import DigestError
from bot.digest.model import Language
from bot.digest.schedule import load_zone
from bot.store import Store
from bot.store.alert_records import OutgoingMessage
from bot.store.alerts import AlertBatch
from bot.store.chat_records import ChatRecord

log = logging.getLogger(__name__)

# Articles first seen longer ago than this are never matched (nor kept as scan marks).
SCAN_WINDOW = timedelta(days=2)
_BATCH = 500


@dataclass(frozen=True)
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


@dataclass
class _Counts:
    matched: int = 0
    queued: int = 0
    held: int = 0
    capped: int = 0
    released: int = 0


def run_alerts(store: Store, now: datetime, per_hour: int) -> AlertReport:
    """Queue alerts for stories stored since the last step, then those whose quiet hours ended."""
    counts = _Counts()
    _queue_new(store, now, per_hour, counts)
    _release_held(store, now, per_hour, counts)
    report = AlertReport(counts.matched, counts.queued, counts.held, counts.capped, counts.released)
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


def _queue_new(store: Store, now: datetime, per_hour: int, counts: _Counts) -> None:
    alerts = store.alerts.all()
    if not alerts:
        return  # articles stay unscanned, harmlessly: a later alert only sees later stories
    while True:
        articles = store.alerts.unscanned(now - SCAN_WINDOW, _BATCH)
        if not articles:
            return
        found = match_stories(articles, alerts)
        chats = _destinations(store, {m.destination for m in found})
        with store.alerts.batch(now) as batch:
            claimed = batch.claim_articles([a.id for a in articles])
            for match in found:
                if match.article.id in claimed:
                    _queue_match(batch, match, chats.get(match.destination), now, per_hour, counts)
        if len(articles) < _BATCH:
            return


def _queue_match(
    batch: AlertBatch,
    match: StoryMatch,
    chat: ChatRecord | None,
    now: datetime,
    per_hour: int,
    counts: _Counts,
) -> None:
    if chat is None or not chat.active or chat.paused:
        return
    chat_id, thread_id = match.destination
    if not batch.claim_story(
        chat_id, thread_id, match.cluster_id, match.alert.id, match.article.id
    ):
        return  # this story (from another outlet, or another alert) already alerted here
    counts.matched += 1
    zone = _zone(chat)
    message = render_alert(match.article, match.alert.words, _language(chat), zone, now)
    until = quiet_until(now, zone, parse_quiet_hours(chat.quiet_start, chat.quiet_end))
    if until is not None:
        batch.hold(chat_id, thread_id, match.cluster_id, until, message)
        counts.held += 1
        return
    if _send_or_cap(batch, chat, match.cluster_id, message, now, per_hour):
        counts.queued += 1
    else:
        counts.capped += 1


def _release_held(store: Store, now: datetime, per_hour: int, counts: _Counts) -> None:
    with store.alerts.batch(now) as batch:
        held = batch.held_due()
        chats = _destinations(store, {(h.chat_id, h.thread_id) for h in held})
        for story in held:
            chat = chats.get((story.chat_id, story.thread_id))
            if chat is None or not chat.active:
                batch.cap(story.chat_id, story.thread_id, story.cluster_id)
                continue
            batch.release(story.chat_id, story.thread_id, story.cluster_id)
            if _send_or_cap(batch, chat, story.cluster_id, story.message, now, per_hour):
                counts.released += 1
            else:
                counts.capped += 1


def _send_or_cap(
    batch: AlertBatch,
    chat: ChatRecord,
    cluster_id: int,
    message: OutgoingMessage,
    now: datetime,
    per_hour: int,
) -> bool:
    """Queue the alert if the destination is under its hourly cap; True when queued."""
    hour = hour_of(now)
    decision = decide(batch.usage(chat.chat_id, chat.thread_id, hour), per_hour)
    if decision == "send":
        batch.queue(chat.chat_id, chat.thread_id, message)
        batch.count_usage(chat.chat_id, chat.thread_id, hour, told=False)
        return True
    batch.cap(chat.chat_id, chat.thread_id, cluster_id)
    if decision == "cap_and_tell":
        batch.queue(chat.chat_id, chat.thread_id, render_cap_notice(_language(chat)))
        batch.count_usage(chat.chat_id, chat.thread_id, hour, told=True)
    return False


def _destinations(store: Store, keys: set[tuple[int, int]]) -> dict[tuple[int, int], ChatRecord]:
    found: dict[tuple[int, int], ChatRecord] = {}
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
    return "zh" if chat.language == "zh" else "en"


# A story cluster takes new outlets for a few days (bot.news ingest's cluster window): its
# "already alerted" mark must outlive that, or a late outlet would alert it again.
STORY_MEMORY = timedelta(days=14)


def prune_alert_state(store: Store, now: datetime) -> int:
    """Forget scan marks and hourly counts past the scan window, and old alerted stories."""
    return store.alerts.prune(now - SCAN_WINDOW - timedelta(days=1), now - STORY_MEMORY)
