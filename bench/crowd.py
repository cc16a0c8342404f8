"""A crowd at once: N users send /start, then /subscribe, to the real bot under Telegram's limits.

The Bot API emulator enforces the limits Telegram publishes (about 30 messages a second
overall, about one a second per chat with short bursts, 20 a minute per group; 429 with
`retry_after` beyond them). The real application (handlers, rate limiter, outbox sender)
runs against it on a throw-away store. Every user sends /start at the same moment and
/subscribe as soon as the welcome arrives. Optionally a digest to `--digest-chats` other
chats is queued at the same moment, so replies and the broadcast share the budget.

Reported: answers lost, p50/p95 time to answer (from the user's message to the emulator
accepting the answer), how soon waiting users saw "typing", the share of calls answered 429,
digest parts lost or doubled, and the total time against 1.2 x (parts + answers) / rate.
Usage:

    python -m bench.crowd [--users 300] [--digest-chats 0,1000] [--store sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.temp_databases import DEFAULT_POSTGRES, database_url
from bot.news.feed_service import FeedService
from bot.news.regions import load_regions
from bot.runtime import Background, build_bot, serving
from bot.sandbox import BotApiEmulator, Chat
from bot.sandbox.records import ApiCall
from bot.settings import PROJECT_ROOT, Settings
from bot.store import NewDigest, Recipient, Store, open_store

BOUND_FACTOR = 1.2
# Methods Telegram's message limits apply to (the emulator counts exactly these).
MESSAGE_METHODS = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"}
)
DIGEST_PART = "<b>📰 Your news digest</b>\n<i>Bench edition</i>\n\n" + "\n".join(
    f"• Story {n}: the regional wire reports a quiet day in Taiyuan." for n in range(12)
)


@dataclass
class User:
    """One member of the crowd: their chat, and when they asked and were answered."""

    chat: Chat
    asked: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class CrowdResult:
    """What one run measured."""

    users: int
    answers_expected: int
    answers_lost: int
    answer_seconds: list[float]
    waited_users: int
    typing_seen: int
    typing_seconds: list[float]
    calls: int
    calls_429: int
    message_calls: int
    message_429: int
    digest_chats: int
    digest_missing: int
    digest_doubled: int
    total_seconds: float
    bound_seconds: float
    rate: float

    @property
    def share_429(self) -> float:
        """Share of all answered Bot API calls (but getUpdates) that were 429."""
        return self.calls_429 / self.calls if self.calls else 0.0

    def percentile(self, values: list[float], share: float) -> float:
        """The `share` quantile of `values` (0 when empty)."""
        if not values:
            return 0.0
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _seed(store: Store) -> str:
    """The region catalogue; returns the region the crowd subscribes to."""
    FeedService(store).sync_regions(load_regions(PROJECT_ROOT / "config" / "regions.toml"))
    return "taiyuan"


def _queue_digest(api: BotApiEmulator, store: Store, chats: int) -> list[int]:
    """One digest message for each of `chats` new private chats, due now."""
    if not chats:
        return []
    now = datetime.now(UTC)
    ids = []
    for n in range(chats):
        chat = api.create_private_chat(api.create_user(f"Reader {n}"))
        store.chats.ensure(chat.id, now=now)
        ids.append(chat.id)
    digest = NewDigest("crowd-bench", now - timedelta(days=1), now, now, (DIGEST_PART,))
    recipients = [Recipient(c, 0, None, now + timedelta(days=1), now) for c in ids]
    store.outbox.record_digest(digest, recipients)
    return ids


def _answers_by_chat(calls: list[ApiCall]) -> dict[int | str | None, list[float]]:
    found: dict[int | str | None, list[float]] = defaultdict(list)
    for call in calls:
        if call.method == "sendMessage" and call.status == 200:
            found[call.chat_id].append(call.at)
    return found


async def _drive(api: BotApiEmulator, users: list[User], region: str, timeout: float) -> None:
    """Send /start for everyone at once; /subscribe follows each user's welcome."""
    for user in users:
        user.asked.append(time.time())
        api.send_text(user.chat, "/start")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answers = _answers_by_chat(await asyncio.to_thread(api.calls, "sendMessage"))
        pending = 0
        for user in users:
            got = answers.get(user.chat.id, [])
            user.answered = got[:2]
            if len(got) >= 1 and len(user.asked) == 1:
                user.asked.append(time.time())
                api.send_text(user.chat, f"/subscribe {region}")
            pending += len(got) < 2
        if not pending:
            return
        await asyncio.sleep(0.1)


async def _run_bot(
    api: BotApiEmulator, store: Store, url: str, users: list[User], region: str, args: Any
) -> float:
    settings = Settings(
        bot_token=api.token, api_url=api.root, database_url=url, global_rate=args.rate
    )
    sending = bool(args.digest_chats)
    background = Background(ingest=False, digests=False, sender=sending, retention=False)
    application = build_bot(settings, store, background=background)
    async with serving(application):
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        started = time.time()
        await _drive(api, users, region, args.timeout)
        deadline = time.monotonic() + args.timeout
        while sending and await asyncio.to_thread(store.outbox.pending_depth):
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
    return started


def run_once(url: str, users: int, digest_chats: int, args: Any) -> CrowdResult:
    """One crowd of `users` (and a digest to `digest_chats` chats) on the store at `url`."""
    args.digest_chats = digest_chats
    with BotApiEmulator() as api, open_store(url) as store:
        region = _seed(store)
        digest_ids = _queue_digest(api, store, digest_chats)
        crowd = [User(api.create_private_chat(api.create_user(f"Fan {n}"))) for n in range(users)]
        started = asyncio.run(_run_bot(api, store, url, crowd, region, args))
        calls = [c for c in api.calls() if c.method != "getUpdates" and c.at >= started]
        per_chat = Counter(
            c.chat_id for c in calls if c.method == "sendMessage" and c.status == 200
        )
        typing = _first_typing(calls)
    answer_seconds = [
        answered - asked
        for user in crowd
        for asked, answered in zip(user.asked, user.answered, strict=False)
    ]
    waited = [u for u in crowd if u.answered and u.answered[0] - u.asked[0] > 2.0]
    typing_seconds = [typing[u.chat.id] - u.asked[0] for u in waited if u.chat.id in typing]
    sent_at = [c.at for c in calls if c.method == "sendMessage" and c.status == 200]
    answers = sum(len(u.answered) for u in crowd)
    messages = [c for c in calls if c.method in MESSAGE_METHODS]
    return CrowdResult(
        users=users,
        answers_expected=2 * users,
        answers_lost=2 * users - answers,
        answer_seconds=answer_seconds,
        waited_users=len(waited),
        typing_seen=len(typing_seconds),
        typing_seconds=typing_seconds,
        calls=len(calls),
        calls_429=sum(1 for c in calls if c.status == 429),
        message_calls=len(messages),
        message_429=sum(1 for c in messages if c.status == 429),
        digest_chats=digest_chats,
        digest_missing=sum(1 for c in digest_ids if per_chat[c] == 0),
        digest_doubled=sum(per_chat[c] - 1 for c in digest_ids if per_chat[c] > 1),
        total_seconds=(max(sent_at) - started) if sent_at else 0.0,
        bound_seconds=BOUND_FACTOR * (digest_chats + 2 * users) / args.rate,
        rate=args.rate,
    )


def _first_typing(calls: list[ApiCall]) -> dict[int, float]:
    first: dict[int, float] = {}
    for call in calls:
        if call.method == "sendChatAction" and call.status == 200 and isinstance(call.chat_id, int):
            first.setdefault(call.chat_id, call.at)
    return first


def report(kind: str, result: CrowdResult) -> bool:
    """Print the run; True when it meets the issue's bar."""
    p50 = result.percentile(result.answer_seconds, 0.5)
    p95 = result.percentile(result.answer_seconds, 0.95)
    typing_p95 = result.percentile(result.typing_seconds, 0.95)
    good = (
        result.answers_lost == 0
        and p95 < 30.0
        and result.share_429 < 0.01
        and result.digest_missing == 0
        and result.digest_doubled == 0
        and (not result.digest_chats or result.total_seconds <= result.bound_seconds)
    )
    print(
        f"  {kind:<11}{result.users:>6}{result.digest_chats:>8}{result.answers_lost:>6}"
        f"{p50:>8.1f}{p95:>8.1f}{result.typing_seen:>5}/{result.waited_users:<5}{typing_p95:>6.1f}"
        f"{result.calls_429:>6}/{result.calls:<6}{result.share_429:>7.2%}"
        f"{result.digest_missing:>6}{result.digest_doubled:>6}"
        f"{result.total_seconds:>8.1f}{result.bound_seconds:>8.1f}  {'ok' if good else 'MISSED'}"
    )
    return good


@contextmanager
def _quiet_logs() -> Iterator[None]:
    """The bot logs every flood wait at INFO; the bench prints its own summary."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)
    try:
        yield
    finally:
        root.setLevel(level)


def main(argv: list[str] | None = None) -> int:
    """Run the crowd alone and beside each digest size; exit 1 if a run misses the bar."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument(
        "--digest-chats", default="0,1000", help="comma-separated sizes of a digest sent alongside"
    )
    parser.add_argument("--rate", type=float, default=Settings().global_rate)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--store", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    args = parser.parse_args(argv)
    # As `newsbot` does: RetryAfter carries a timedelta, without PTB's deprecation warning.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    sizes = [int(s) for s in args.digest_chats.split(",") if s.strip()]
    kinds = ["sqlite", "postgresql"] if args.store == "both" else [args.store]
    print(
        f"A crowd of {args.users} users, /start then /subscribe, at NEWSBOT_GLOBAL_RATE="
        f"{args.rate:g} under Telegram's limits (bar: nothing lost, p95 < 30 s, < 1% 429s, "
        f"total <= {BOUND_FACTOR} x messages / rate)"
    )
    print(
        f"  {'store':<11}{'users':>6}{'digest':>8}{'lost':>6}{'p50 s':>8}{'p95 s':>8}"
        f"{'typing':>11}{'p95 s':>6}{'429s/calls':>13}{'share':>7}{'miss':>6}{'dup':>6}"
        f"{'total s':>8}{'bound s':>8}"
    )
    good = True
    with _quiet_logs():
        for kind in kinds:
            for size in sizes:
                with database_url(kind, args.postgres) as url:
                    good = report(kind, run_once(url, args.users, size, args)) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
