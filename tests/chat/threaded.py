"""A bot running on its own event loop in a thread, for synchronous tests (hypothesis)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from telegram.ext import Application

from bot.runtime import serving


class ThreadedBot:
    """Starts an Application with polling in a background thread; `stop()` ends it cleanly."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        self._application = application
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bot", daemon=True)

    def start(self) -> ThreadedBot:
        self._thread.start()
        if not self._ready.wait(30) or self._error is not None:
            raise RuntimeError(f"the bot did not start: {self._error!r}")
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except BaseException as exc:  # reported to start()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with serving(self._application) as application:
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=1)
            self._ready.set()
            await self._stop.wait()
