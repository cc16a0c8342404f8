"""One bot process raising the same alerts as its siblings: `python alerting_process.py URL ROOT
TOKEN ADMIN GO_AT ROUNDS`.

It builds the application exactly as `newsbot run` does (so the default, database-backed alert
throttle is what runs), waits for the wall-clock moment GO_AT shared by every sibling, then
raises the same two errors and reports the same paused feed ROUNDS times, and prints how many
admin messages it sent.
"""

from __future__ import annotations

import asyncio
import sys
import time

from bot.chat.admin_alerts import ALERTS_KEY, AdminAlerts
from bot.news.ingest_report import PausedFeed
from bot.runtime import Background, build_bot
from bot.settings import Settings
from bot.store import open_store


def failure(kind: str) -> Exception:
    """The same exception, raised at the same line, in every process."""
    try:
        if kind == "lookup":
            raise LookupError("the regions table was empty")
        raise RuntimeError("the digest tick tripped")
    except Exception as exc:  # handed back with its traceback, as an error handler sees it
        return exc


async def main(url: str, root: str, token: str, admin: int, go_at: float, rounds: int) -> int:
    settings = Settings(
        bot_token=token, api_url=root, admin_ids=frozenset({admin}), database_url=url
    )
    store = open_store(url)
    application = build_bot(settings, store, background=Background.none())
    sent = 0
    async with application:
        alerts = application.bot_data[ALERTS_KEY]
        assert isinstance(alerts, AdminAlerts)
        await asyncio.sleep(max(0.0, go_at - time.time()))
        for _ in range(rounds):
            for kind in ("lookup", "runtime"):
                sent += await alerts.unexpected_error(application.bot, failure(kind), "a test")
            paused = PausedFeed(7, "https://flaky.example/feed.xml", "Flaky", 8, "HTTP 500")
            sent += await alerts.feed_paused(application.bot, paused)
    store.close()
    return sent


if __name__ == "__main__":
    url, root, token, admin, go_at, rounds = sys.argv[1:7]
    print(asyncio.run(main(url, root, token, int(admin), float(go_at), int(rounds))))
