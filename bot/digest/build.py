"""The digest tick: find due chats, build each distinct digest once, queue it for every chat."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.digest.content import Caps, select_content, select_weekly
from bot.digest.errors import DigestError
from bot.digest.model import SUMMARY_LENGTHS, DigestKey, SummaryLength
from bot.digest.render import render_digest
from bot.digest.schedule import (
    SCHEDULE_KINDS,
    Rhythm,
    ScheduleKind,
    load_zone,
    next_slot,
    parse_digest_time,
)
from bot.i18n import normalize_language, region_name
from bot.ops.metrics import DIGESTS_BUILT
from bot.store import ChatRecord, NewDigest, Recipient, Store

log = logging.getLogger(__name__)

# A chat's first digest covers the day before it (it has no "last digest" yet).
FIRST_WINDOW = timedelta(hours=24)
FIRST_WEEKLY_WINDOW = timedelta(days=7)
# A weekly digest shows the week's most reported stories, not all of them.
WEEKLY_CAPS = Caps(per_region=8, total=12)
_PAGE = 1000


@dataclass(frozen=True)
class BuildReport:
    """What one tick did: destinations served, distinct digests built, messages queued."""

    chats: int = 0
    digests: int = 0
    messages: int = 0


def key_for(chat: ChatRecord) -> DigestKey:
    """The sharing key of a chat's digest; unusable stored values fall back to defaults."""
    language = normalize_language(chat.language)
    length: SummaryLength = "medium"
    for option in SUMMARY_LENGTHS:
        if chat.summary_length == option:
            length = option
    return DigestKey(
        regions=tuple(sorted(chat.regions)),
        language=language,
        length=length,
        include=tuple(sorted(chat.include_keywords)),
        exclude=tuple(sorted(chat.exclude_keywords)),
        timezone=_zone(chat).key,
        weekly=chat.schedule_kind == "weekly",
    )


def schedule_after(chat: ChatRecord, now: datetime, last_digest_at: datetime | None) -> datetime:
    """The chat's next digest instant after `now`, never a second one in the same slot."""
    return next_slot(rhythm_of(chat), _zone(chat), now, last_digest_at)


def rhythm_of(chat: ChatRecord) -> Rhythm:
    """The chat's digest rhythm; unusable stored values fall back to daily at its time."""
    kind: ScheduleKind = "daily"
    for option in SCHEDULE_KINDS:
        if chat.schedule_kind == option:
            kind = option
    times = [_time(chat)]
    if kind == "twice":
        try:
            times.append(parse_digest_time(chat.digest_time2 or ""))
        except DigestError:
            kind = "daily"
    weekday = chat.digest_weekday if chat.digest_weekday in range(7) else 0
    return Rhythm(kind, tuple(times), weekday or 0)


def render_for(
    store: Store, chat: ChatRecord, now: datetime, caps: Caps | None = None
) -> tuple[DigestKey, datetime, list[str]]:
    """The digest a chat would get now (key, window start, parts), without queueing anything."""
    key = key_for(chat)
    start = window_start(chat, now)
    return key, start, _render(store, key, start, now, caps)


def window_start(chat: ChatRecord, now: datetime) -> datetime:
    """Where a chat's next digest starts: its last digest, or a day (a week) back at first."""
    first = FIRST_WEEKLY_WINDOW if chat.schedule_kind == "weekly" else FIRST_WINDOW
    return chat.last_digest_at or now - first


def reschedule(store: Store, chat: ChatRecord, now: datetime) -> ChatRecord | None:
    """Set the chat's next digest from its rhythm; the one writer besides queueing a digest."""
    next_at = schedule_after(chat, now, chat.last_digest_at)
    return store.chats.update(chat.chat_id, chat.thread_id, next_digest_at=next_at)


def build_due(store: Store, now: datetime, caps: Caps | None = None) -> BuildReport:
    """Queue the digest of every chat whose time has come; safe to run from several processes."""
    for chat in store.chats.unscheduled():
        # Subscribed through a path that did not schedule it: first digest at its next slot.
        reschedule(store, chat, now)
    total = BuildReport()
    while True:
        due = store.chats.due(now, limit=_PAGE)
        report = queue_for(store, due, now, caps)
        total = _add(total, report)
        if len(due) < _PAGE or report.chats == 0:
            return total


def queue_for(
    store: Store, chats: Iterable[ChatRecord], now: datetime, caps: Caps | None = None
) -> BuildReport:
    """Build once per (key, window) and queue for each chat, advancing its schedule."""
    groups: dict[tuple[DigestKey, datetime], list[ChatRecord]] = {}
    for chat in chats:
        if chat.regions:
            groups.setdefault((key_for(chat), window_start(chat, now)), []).append(chat)
    report = BuildReport()
    for (key, start), members in groups.items():
        parts = _render(store, key, start, now, caps)
        recipients = [_recipient(chat, now) for chat in members]
        digest = NewDigest(key.as_text(), start, now, now, tuple(parts))
        queued = store.outbox.record_digest(digest, recipients)
        DIGESTS_BUILT.inc()
        report = _add(report, BuildReport(queued, 1, queued * len(parts)))
    log.info(
        "digests queued",
        extra={"chats": report.chats, "digests": report.digests, "messages": report.messages},
    )
    return report


def _render(
    store: Store, key: DigestKey, start: datetime, end: datetime, caps: Caps | None
) -> list[str]:
    articles = store.articles.for_digest(start, end, key.regions)
    if key.weekly:
        content = select_weekly(articles, key, start, end, caps or WEEKLY_CAPS)
    else:
        content = select_content(articles, key, start, end, caps)
    names = {region.id: region_name(region.names, key.language) for region in store.regions.list()}
    return render_digest(content, key.language, ZoneInfo(key.timezone), names, weekly=key.weekly)


def _recipient(chat: ChatRecord, now: datetime) -> Recipient:
    return Recipient(
        chat_id=chat.chat_id,
        thread_id=chat.thread_id,
        scheduled_for=chat.next_digest_at,
        next_digest_at=schedule_after(chat, now, now),
        last_digest_at=now,
    )


def _zone(chat: ChatRecord) -> ZoneInfo:
    try:
        return load_zone(chat.timezone)
    except DigestError:
        log.warning("chat %s has an unknown time zone %r; using UTC", chat.chat_id, chat.timezone)
        return ZoneInfo("UTC")


def _time(chat: ChatRecord) -> time:
    try:
        return parse_digest_time(chat.digest_time)
    except DigestError:
        return time(8, 0)


def _add(a: BuildReport, b: BuildReport) -> BuildReport:
    return BuildReport(a.chats + b.chats, a.digests + b.digests, a.messages + b.messages)


def send_now(
    store: Store, now: datetime, chat_id: int | None = None, caps: Caps | None = None
) -> BuildReport:
    """Queue the digest of every subscribed destination (or one chat's) now; it counts as
    that day's digest, so the scheduled one does not repeat it."""
    return queue_for(store, chats_to_send_now(store, chat_id), now, caps)


def chats_to_send_now(store: Store, chat_id: int | None) -> Sequence[ChatRecord]:
    """Every subscribed destination, or those of one chat, for an immediate digest."""
    if chat_id is None:
        return store.chats.subscribers()
    return [c for c in store.chats.destinations(chat_id) if c.active and c.regions]
