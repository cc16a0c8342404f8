"""A Telegram Bot API emulator on loopback, a static file server and a terminal chat.

The package speaks HTTP and JSON only: the real bot talks to it exactly as it would talk to
Telegram, so the sandbox and the tests exercise the same code paths as production.
"""

from bot.sandbox.emulator import BotApiEmulator
from bot.sandbox.errors import ApiError, SandboxError, SandboxTimeoutError
from bot.sandbox.records import Chat, SendStats, SentMessage, User

__all__ = [
    "ApiError",
    "BotApiEmulator",
    "Chat",
    "SandboxError",
    "SandboxTimeoutError",
    "SendStats",
    "SentMessage",
    "User",
]
