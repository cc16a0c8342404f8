"""`newsbot digest`: queue digests now, preview one chat's digest, or deliver the outbox."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from datetime import UTC, datetime, timedelta

from bot.digest.build import render_for, send_now
from bot.digest.errors import DigestError
from bot.settings import Settings
from bot.store import Store, StoreError, open_store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `digest` subcommand."""
    parser = subparsers.add_parser(
        "digest",
        help="queue, preview or deliver digests",
        description="Queue digests now, preview a chat's digest, or deliver queued messages.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument(
        "--send-now", action="store_true", help="queue the digest of every subscribed chat now"
    )
    action.add_argument(
        "--preview", action="store_true", help="print a chat's digest as Telegram HTML"
    )
    action.add_argument(
        "--deliver", action="store_true", help="send queued messages (a running bot does this)"
    )
    action.add_argument("--status", action="store_true", help="count outbox messages by status")
    parser.add_argument("--chat", type=int, metavar="ID", help="only this Telegram chat id")
    parser.add_argument("--thread", type=int, default=0, metavar="ID", help="forum topic id")
    parser.add_argument(
        "--follow", action="store_true", help="with --deliver: keep running until stopped"
    )
    parser.add_argument(
        "--lease",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="with --deliver: how long a claimed message stays reserved (default 60)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Dispatch to the chosen action; bad input exits 2 with one line on stderr."""
    try:
        with open_store(settings.database_url) as store:
            if not store.is_up_to_date():
                return _fail("the database is not up to date: run `newsbot db upgrade`")
            if args.send_now:
                return _send_now(store, args.chat)
            if args.preview:
                return _preview(store, args.chat, args.thread)
            if args.status:
                return _status(store)
            return _deliver(store, settings, args.follow, args.lease)
    except (StoreError, DigestError, ValueError) as exc:
        return _fail(str(exc))


def _send_now(store: Store, chat_id: int | None) -> int:
    report = send_now(store, datetime.now(UTC), chat_id)
    if chat_id is not None and report.chats == 0:
        return _fail(f"chat {chat_id} has no active subscription")
    print(
        f"queued {report.messages} messages for {report.chats} chats "
        f"({report.digests} distinct digests); a running bot delivers them"
    )
    return 0


def _preview(store: Store, chat_id: int | None, thread_id: int) -> int:
    if chat_id is None:
        return _fail("--preview needs --chat ID")
    chat = store.chats.get(chat_id, thread_id)
    if chat is None:
        return _fail(f"no chat {chat_id}" + (f" topic {thread_id}" if thread_id else ""))
    if not chat.regions:
        return _fail(f"chat {chat_id} has no subscription")
    _key, _start, parts = render_for(store, chat, datetime.now(UTC))
    for number, part in enumerate(parts, start=1):
        print(f"──── part {number} of {len(parts)} ────")
        print(part)
    return 0


def _status(store: Store) -> int:
    counts = store.outbox.status_counts()
    for status in ("pending", "sent", "failed", "dead"):
        print(f"{status:8} {counts.get(status, 0)}")
    print(f"oldest pending: {store.outbox.oldest_age(datetime.now(UTC)):.0f} s")
    return 0


def _deliver(store: Store, settings: Settings, follow: bool, lease: float) -> int:
    if not settings.bot_token:
        return _fail("TELEGRAM_BOT_TOKEN is not set")
    if lease <= 0:
        return _fail("--lease must be positive")
    sent = asyncio.run(_deliver_async(store, settings, follow, timedelta(seconds=lease)))
    print(f"sent {sent} messages")
    return 0


async def _deliver_async(store: Store, settings: Settings, follow: bool, lease: timedelta) -> int:
    # Imported here so the other actions never load python-telegram-bot.
    from bot.delivery.telegram_transport import OutboxSender, SenderConfig, sender_bot
    from bot.digest.pacing import Pacing

    config = SenderConfig(pacing=Pacing(global_rate=settings.global_rate), lease=lease)
    async with sender_bot(settings, config.concurrency) as bot:
        sender = OutboxSender(bot, store, config)
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, sender.stop)
        task = asyncio.create_task(sender.run())
        while not follow and not task.done():
            await asyncio.sleep(0.5)
            if store.outbox.pending_depth() == 0:
                sender.stop()
        await task
    return sender.counts.get("sent", 0)


def _fail(message: str) -> int:
    print(f"newsbot digest: {message}", file=sys.stderr)
    return 2
