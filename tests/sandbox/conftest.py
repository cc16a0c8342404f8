"""Fixtures of the sandbox tests (shared with other packages through tests/botapi.py)."""

from botapi import bot_api, ptb_bot

__all__ = ["bot_api", "ptb_bot"]
