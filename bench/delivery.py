"""Delivery rate: messages per second the outbox sender reaches against its configured rate.

Starts the Bot API emulator (with Telegram-like flood control a little above the configured
rate), queues one digest message to each of N private chats in a throw-away store, runs the
real OutboxSender until the outbox is empty, then checks every chat got its message exactly
once. The rate is measured between the first and the last accepted sendMessage. Usage:

    python -m bench.delivery [--messages 2000] [--rates 25,100] [--store sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.temp_databases import DEFAULT_POSTGRES, database_url
from bot.delivery.telegram_transport import OutboxSender, SenderConfig, sender_bot
from bot.digest.pacing import Pacing
from bot.sandbox import BotApiEmulator
from bot.settings import Settings
from bot.store import NewDigest, Recipient, Store, open_store

TARGET = 0.95


@dataclass(frozen=True)
class DeliveryResult:
    """One run: what was configured, what was reached, and what arrived."""

    messages: int
    configured: float
    achieved: float
    wall_seconds: float
    delivered: int
    duplicates: int
    missing: int
    refused_429: int


def _queue(api: BotApiEmulator, store: Store, messages: int) -> list[int]:
    now = datetime.now(UTC)
    chat_ids = []
    for n in range(messages):
        chat = api.create_private_chat(api.create_user(f"Reader {n}"))
        store.chats.ensure(chat.id, now=now)
        chat_ids.append(chat.id)
    digest = NewDigest("bench", now - timedelta(days=1), now, now, ("Today's news: bench.",))
    recipients = [Recipient(c, 0, None, now + timedelta(days=1), now) for c in chat_ids]
    store.outbox.record_digest(digest, recipients)
    return chat_ids


async def _send_all(api: BotApiEmulator, store: Store, rate: float, expected: int) -> float:
    settings = Settings(bot_token=api.token, api_url=api.root, global_rate=rate)
    config = SenderConfig(pacing=Pacing(global_rate=rate), concurrency=16, poll_interval=0.1)
    started = time.perf_counter()
    async with sender_bot(settings, config.concurrency) as bot:
        sender = OutboxSender(bot, store, config)
        task = asyncio.create_task(sender.run())
        while await asyncio.to_thread(store.outbox.pending_depth):
            await asyncio.sleep(0.05)
        sender.stop()
        await task
    return time.perf_counter() - started


def run_once(url: str, messages: int, rate: float) -> DeliveryResult:
    """Queue `messages` one-part digests, send them at `rate`, and count what arrived."""
    with BotApiEmulator() as api, open_store(url) as store:
        chat_ids = _queue(api, store, messages)
        # Telegram-like flood control just above the configured rate: pacing must hold.
        api.set_flood_limits(global_per_second=rate * 1.2, per_chat_per_second=1.0)
        wall = asyncio.run(_send_all(api, store, rate, messages))
        sent = [c for c in api.calls("sendMessage") if c.status == 200]
        refused = sum(1 for c in api.calls("sendMessage") if c.status == 429)
        per_chat = Counter(m.chat_id for chat in chat_ids for m in api.messages(chat) if m.from_bot)
    span = max(sent[-1].at - sent[0].at, 1e-9) if len(sent) > 1 else 1e-9
    return DeliveryResult(
        messages=messages,
        configured=rate,
        achieved=(len(sent) - 1) / span,
        wall_seconds=wall,
        delivered=len(per_chat),
        duplicates=sum(n - 1 for n in per_chat.values() if n > 1),
        missing=sum(1 for c in chat_ids if per_chat[c] == 0),
        refused_429=refused,
    )


def report(kind: str, result: DeliveryResult) -> bool:
    """Print one line; True when the run meets the target with nothing lost or repeated."""
    share = result.achieved / result.configured
    good = share >= TARGET and result.missing == 0 and result.duplicates == 0
    print(
        f"  {kind:<11}{result.configured:>8.0f}{result.achieved:>10.1f}{share:>9.1%}"
        f"{result.wall_seconds:>9.1f}{result.delivered:>10,}{result.missing:>9}"
        f"{result.duplicates:>6}{result.refused_429:>6}  {'ok' if good else 'BELOW TARGET'}"
    )
    return good


def main(argv: list[str] | None = None) -> int:
    """Run every configured rate on each chosen store; exit 1 if any run misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rates", default="25,100", help="comma-separated messages/s")
    parser.add_argument("--store", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    args = parser.parse_args(argv)
    rates = [float(r) for r in args.rates.split(",") if r.strip()]
    kinds = ["sqlite", "postgresql"] if args.store == "both" else [args.store]
    print(f"Delivery of {args.messages:,} messages (target: {TARGET:.0%} of the configured rate)")
    print(
        f"  {'store':<11}{'rate/s':>8}{'reached':>10}{'share':>9}{'wall s':>9}"
        f"{'chats':>10}{'missing':>9}{'dups':>6}{'429s':>6}"
    )
    good = True
    for kind in kinds:
        for rate in rates:
            with database_url(kind, args.postgres) as url:
                good = report(kind, run_once(url, args.messages, rate)) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
