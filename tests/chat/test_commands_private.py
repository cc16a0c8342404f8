"""Every reader command in a private chat, in English and Chinese, against the real bot."""

from __future__ import annotations
