"""Scale tests use the Bot API emulator fixtures shared by every test package."""

from botapi import bot_api  # noqa: F401
