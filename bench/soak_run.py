"""`bench/soak.py run`: the real `newsbot run` on the emulator, ingest ticks every few seconds."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.processes import descendants, describe_exit, peak_rss_mib, pss_mib, rss_mib
from bench.soak_site import SoakSites
from bot.sandbox import BotApiEmulator
from bot.sandbox.errors import SandboxTimeoutError
from bot.store import open_store

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ("/latest", "/help", "/regions", "/search metro")
_TICK = re.compile(r"ingest tick: .*?(\d+) new articles")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the run soak."""
    parser.add_argument("--duration", type=float, default=600.0, help="seconds (default 600)")
    parser.add_argument("--interval", type=int, default=5, help="ingest interval in seconds")
    parser.add_argument("--pages", type=int, default=120, help="new pages in each batch")
    parser.add_argument("--hosts", type=int, default=3)
    parser.add_argument("--command-every", type=float, default=10.0, help="seconds")
    parser.add_argument("--answer-timeout", type=float, default=30.0, help="seconds")
    parser.add_argument("--log", type=Path, help="keep the bot's log here")


@dataclass
class Observed:
    """What the soak saw of the bot."""

    commands: int = 0
    answered: int = 0
    latencies: list[float] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    batches: int = 0
    pages_offered: int = 0
    peak_bot_mib: float = 0.0
    peak_workers_mib: float = 0.0
    peak_total_pss_mib: float = 0.0
    died: str | None = None


def _ask(api: BotApiEmulator, chat: object, user: object, text: str, timeout: float) -> float:
    before = len(api.messages(chat))  # type: ignore[arg-type]
    started = time.monotonic()
    api.send_text(chat, text, user=user)  # type: ignore[arg-type]
    api.wait_for(before + 1, chat=chat, timeout=timeout)  # type: ignore[arg-type]
    return time.monotonic() - started


def _sample(pid: int, seen: Observed) -> None:
    children = descendants(pid)
    seen.peak_bot_mib = max(seen.peak_bot_mib, rss_mib(pid), peak_rss_mib(pid))
    seen.peak_workers_mib = max([seen.peak_workers_mib, *(rss_mib(c) for c in children)])
    total = pss_mib(pid) + sum(pss_mib(child) for child in children)
    seen.peak_total_pss_mib = max(seen.peak_total_pss_mib, total)


def _environment(
    api: BotApiEmulator, database: str, data: Path, admin: int, interval: int
) -> dict[str, str]:
    return {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.root,
        "DATABASE_URL": database,
        "NEWSBOT_INGEST_INTERVAL": str(interval),
        "NEWSBOT_ALLOW_PRIVATE_URLS": "1",
        "NEWSBOT_ADMIN_IDS": str(admin),
        "NEWSBOT_DATA_DIR": str(data),
        "NEWSBOT_LOG_LEVEL": "INFO",
    }


def _soak(
    args: argparse.Namespace,
    api: BotApiEmulator,
    bot: subprocess.Popen[bytes],
    database: str,
    sites: SoakSites,
    chat: object,
    user: object,
) -> Observed:
    seen = Observed()
    try:
        seen.latencies.append(_ask(api, chat, user, "/start", timeout=180))
    except SandboxTimeoutError:
        seen.died = "never answered /start"
        return seen
    store = open_store(database)
    try:
        deadline = time.monotonic() + args.duration
        next_command = time.monotonic() + args.command_every
        while time.monotonic() < deadline:
            code = bot.poll()
            if code is not None:
                seen.died = describe_exit(code)
                break
            if store.articles.count() >= seen.pages_offered:
                batch = sites.batch(
                    max(1, args.pages // len(sites.servers)), tag=f"t{seen.batches}"
                )
                for url in batch.feed_urls:
                    store.feeds.add(url)
                seen.batches += 1
                seen.pages_offered += batch.pages
            if time.monotonic() >= next_command:
                text = COMMANDS[seen.commands % len(COMMANDS)]
                seen.commands += 1
                try:
                    seen.latencies.append(_ask(api, chat, user, text, args.answer_timeout))
                    seen.answered += 1
                except SandboxTimeoutError:
                    seen.unanswered.append(
                        f"{text} at {args.duration - (deadline - time.monotonic()):.0f} s"
                    )
                next_command = time.monotonic() + args.command_every
            _sample(bot.pid, seen)
            time.sleep(1.0)
    finally:
        store.close()
    return seen


def run(args: argparse.Namespace) -> int:
    """Start the emulator, the sites and `newsbot run`; soak; stop it with SIGTERM; report."""
    started = time.monotonic()
    with BotApiEmulator() as api, tempfile.TemporaryDirectory(prefix="soak-run-") as tmp:
        sites = SoakSites(args.hosts)
        user = api.create_user("Soak", language_code="en")
        chat = api.create_private_chat(user)
        database = f"sqlite:///{tmp}/newsbot.db"
        log_path = args.log or Path(tmp) / "bot.log"
        with open(log_path, "wb") as log:
            bot = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import sys; from bot.cli import main; sys.exit(main())",
                    "run",
                ],
                env=_environment(api, database, Path(tmp), user.id, args.interval),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
            try:
                seen = _soak(args, api, bot, database, sites, chat, user)
            finally:
                if bot.poll() is None:
                    bot.send_signal(signal.SIGTERM)
                try:
                    code = bot.wait(60)
                except subprocess.TimeoutExpired:
                    bot.kill()
                    code = bot.wait()
                sites.close()
        store = open_store(database)
        stored = store.articles.count()
        store.close()
        text = log_path.read_text(encoding="utf-8", errors="replace")
    _report(args, seen, code, stored, text, time.monotonic() - started)
    return 0 if seen.died is None and not seen.unanswered and code == 0 else 1


def _report(
    args: argparse.Namespace, seen: Observed, code: int, stored: int, log: str, wall: float
) -> None:
    ticks = [int(n) for n in _TICK.findall(log)]
    busy = [n for n in ticks if n]
    lost = log.count("cost its worker")
    workers = re.findall(r"page workers: (.*)", log)
    latencies = sorted(seen.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(
        f"\nsoak run: newsbot run for {args.duration:.0f} s, ingest every {args.interval} s, "
        f"batches of {args.pages} pages over {args.hosts} hosts (wall {wall:.0f} s)"
    )
    print(
        f"  bot process: {'died: ' + seen.died if seen.died else 'alive throughout'}; "
        f"exit after SIGTERM: {describe_exit(code)}"
    )
    print(
        f"  commands: {seen.commands} sent, {seen.answered} answered, unanswered "
        f"{seen.unanswered}; answer time p95 {p95:.2f} s, max {max(latencies, default=0):.2f} s"
    )
    print(
        f"  ingest ticks: {len(ticks)} ({len(busy)} with new articles, "
        f"{max(busy, default=0)} new articles in the busiest, mean "
        f"{sum(busy) / max(1, len(busy)):.0f}); pages offered {seen.pages_offered} in "
        f"{seen.batches} batches, articles stored {stored}; pages that cost a worker: {lost}"
    )
    print(
        f"  peak memory: bot process RSS {seen.peak_bot_mib:.0f} MiB, largest page worker RSS "
        f"{seen.peak_workers_mib:.0f} MiB, bot and workers together (PSS, shared pages "
        f"counted once) {seen.peak_total_pss_mib:.0f} MiB"
    )
    if workers:
        print(f"  page workers at the end: {workers[-1]}")
