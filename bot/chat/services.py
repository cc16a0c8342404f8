"""What the handlers work with, kept in `application.bot_data` under one key."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram.ext import ContextTypes

from bot.chat.authorization import GroupAdminCache
from bot.news.articles import SummarizedArticle
from bot.settings import Settings
from bot.store import Store

SERVICES_KEY = "newsbot.services"

SummarizeLink = Callable[[str], Awaitable[SummarizedArticle]]


@dataclass
class Services:
    """The settings, the store and the few helpers every handler may need."""

    settings: Settings
    store: Store
    summarize_link: SummarizeLink
    admin_cache: GroupAdminCache = field(default_factory=GroupAdminCache)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The application's services (installed by `build_application`)."""
    value = context.bot_data[SERVICES_KEY]
    if not isinstance(value, Services):  # pragma: no cover - a wiring mistake
        raise TypeError("the application was not built by build_application")
    return value
