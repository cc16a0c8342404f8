"""Digest tests use the Bot API emulator fixtures shared by every test package."""

from botapi import bot_api, ptb_bot  # noqa: F401
