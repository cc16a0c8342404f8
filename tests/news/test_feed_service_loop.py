"""Adding a feed never runs a store call on the event loop: a locked table stalls no one else.

Another connection holds PostgreSQL's strongest lock on `feeds` while /addfeed's service runs.
Were a store call made on the loop, the loop itself would wait for the lock, and a timer
thread would have to release it before anything else could run; the loop must instead go
on answering at once while the addition waits in its worker thread.
"""

from __future__ import annotations

import asyncio
import threading
import time

from sqlalchemy import create_engine, text

from bot.news.feed_service import FeedService
from bot.news.fetch import Fetcher
from bot.store import open_store
from tests.feedserver import FeedServer

# Long enough that a blocked loop cannot pass for a responsive one on a busy machine.
SAFETY_RELEASE_SECONDS = 5.0
PROBE_SECONDS = 0.2


async def test_a_locked_store_does_not_stall_the_loop(
    postgres_url: str, feed_server: FeedServer
) -> None:
    store = open_store(postgres_url)
    engine = create_engine(postgres_url)
    locker = engine.connect()
    guard = threading.Lock()
    released = threading.Event()

    def release() -> None:
        with guard:
            if not released.is_set():
                locker.rollback()
                released.set()

    locker.execute(text("LOCK TABLE feeds IN ACCESS EXCLUSIVE MODE"))
    # Lets a wrong implementation finish (late) instead of hanging the whole run.
    safety = threading.Timer(SAFETY_RELEASE_SECONDS, release)
    safety.start()
    fetcher = Fetcher(allow_private_urls=True)
    try:
        adding = asyncio.create_task(
            FeedService(store, fetcher).add(feed_server.url("/feeds/en.rss"))
        )
        await asyncio.sleep(0)  # the addition starts and reaches the store
        started = time.monotonic()
        await asyncio.sleep(PROBE_SECONDS)  # what answering another update needs
        answered_after = time.monotonic() - started
        assert answered_after < SAFETY_RELEASE_SECONDS / 2, answered_after
        assert not released.is_set()
        assert not adding.done()  # it really is waiting for the lock
        await asyncio.to_thread(release)
        added = await asyncio.wait_for(adding, timeout=30)
        assert added.created
        assert store.feeds.get_by_url(added.feed.url) is not None
    finally:
        safety.cancel()
        release()
        locker.close()
        engine.dispose()
        await fetcher.aclose()
        store.close()
