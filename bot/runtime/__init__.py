"""The composition root: builds the bot and owns every piece of background work it runs.

Ticks (ingest, digests, retention) on python-telegram-bot's JobQueue, leader election, the page
workers and the outbox sender's lifecycle live here; `bot.cli` is the only package that imports it.
"""

from bot.runtime.background import Background
from bot.runtime.lifecycle import build_bot, serving

__all__ = ["Background", "build_bot", "serving"]
