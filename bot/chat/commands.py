"""The command table: names, handlers, and which ones appear in the client's menu."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import ContextTypes

from bot.chat.handlers import (
    admin,
    alerts,
    basic,
    opml,
    reading,
    region_admin,
    search,
    settings_panel,
    subscriptions,
)
from bot.chat.handlers import summary as summary_handlers
from bot.i18n import t

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class Command:
    """A slash command; `menu` commands are announced with setMyCommands."""

    name: str
    handler: Handler
    menu: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("start", basic.start, menu=True),
    Command("help", basic.help_command, menu=True),
    Command("regions", basic.regions_command, menu=True),
    Command("subscribe", subscriptions.subscribe, menu=True),
    Command("unsubscribe", subscriptions.unsubscribe, menu=True),
    Command("settings", settings_panel.settings_command, menu=True),
    Command("digest", reading.digest_now, menu=True),
    Command("latest", reading.latest, menu=True),
    Command("summary", summary_handlers.summary, menu=True),
    Command("search", search.search, menu=True),
    Command("alert", alerts.alert_command, menu=True),
    Command("alerts", alerts.alerts_command, menu=True),
    Command("channel", subscriptions.channel),
    Command("addfeed", admin.addfeed),
    Command("removefeed", admin.removefeed),
    Command("resumefeed", admin.resumefeed),
    Command("feeds", admin.feeds),
    Command("stats", admin.stats),
    Command("addregion", region_admin.addregion),
    Command("editregion", region_admin.editregion),
    Command("removeregion", region_admin.removeregion),
    Command("import", opml.import_opml),
    Command("export", opml.export_opml),
)


def menu(language: str) -> list[BotCommand]:
    """The client menu in one language."""
    return [
        BotCommand(command.name, t(language, f"menu_{command.name}"))
        for command in COMMANDS
        if command.menu
    ]
