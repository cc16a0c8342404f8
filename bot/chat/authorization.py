"""Who may do what: bot administrators from settings, group administrators asked from Telegram."""

from __future__ import annotations

import time
from collections.abc import Callable

from telegram import Chat, ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

_ADMIN_STATUSES = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})


class GroupAdminCache:
    """Remembers "is user U an administrator of chat C" for a short while.

    Asking Telegram on every button press would cost a request each time; a minute is short
    enough that a demoted administrator loses their rights quickly.
    """

    def __init__(self, ttl_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self._ttl = ttl_seconds
        self._clock = clock
        self._entries: dict[tuple[int, int], tuple[float, bool]] = {}

    def get(self, chat_id: int, user_id: int) -> bool | None:
        """The cached answer, or None when unknown or stale."""
        entry = self._entries.get((chat_id, user_id))
        if entry is None or self._clock() - entry[0] > self._ttl:
            return None
        return entry[1]

    def put(self, chat_id: int, user_id: int, is_admin: bool) -> None:
        """Remember an answer (the cache is bounded: old entries go first)."""
        if len(self._entries) > 10_000:
            self._entries.clear()
        self._entries[(chat_id, user_id)] = (self._clock(), is_admin)


def is_bot_admin(user_id: int | None, admin_ids: frozenset[int]) -> bool:
    """True when the user is one of the configured bot administrators."""
    return user_id is not None and user_id in admin_ids


async def is_chat_admin(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int | str, user_id: int
) -> bool:
    """Ask Telegram whether `user_id` administers `chat_id` (False on "no" or on failure)."""
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False
    return member.status in _ADMIN_STATUSES


async def may_change_chat(
    update: Update, context: ContextTypes.DEFAULT_TYPE, cache: GroupAdminCache
) -> bool:
    """May the sender change this chat's subscriptions and settings?

    Private chats: always. Groups: only their administrators, including an anonymous admin
    posting as the group itself. Channels: whoever can post there is an administrator.
    """
    chat = update.effective_chat
    if chat is None:
        return False
    if chat.type in (Chat.PRIVATE, Chat.CHANNEL):
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    user = update.effective_user
    if user is None:
        return False
    cached = cache.get(chat.id, user.id)
    if cached is not None:
        return cached
    answer = await is_chat_admin(context, chat.id, user.id)
    cache.put(chat.id, user.id, answer)
    return answer
