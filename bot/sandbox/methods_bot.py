"""Bot API methods about the bot itself, its updates, commands and the chats it is in."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.params import Params
from bot.sandbox.records import ChatState
from bot.sandbox.world import World

LONG_POLL_CAP = 50.0
_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
    "can_manage_topics",
)


def get_me(world: World, p: Params) -> dict[str, Any]:
    """getMe: the bot's own User object with its capabilities."""
    return {
        **world.bot.to_api(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": world.inline.enabled,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def get_updates(world: World, p: Params) -> list[dict[str, Any]]:
    """getUpdates: confirm by offset, then answer at once or long-poll up to `timeout`."""
    if world.webhook.get("url"):
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    limit = min(max(p.integer("limit") or 100, 1), 100)
    timeout = min(max(p.number("timeout") or 0.0, 0.0), LONG_POLL_CAP)
    allowed = p.structure("allowed_updates")
    if isinstance(allowed, list):
        world.allowed_updates = [str(kind) for kind in allowed] or None
    _confirm(world, p.integer("offset"))
    world.poll_generation += 1
    mine = world.poll_generation
    world.touch()
    deadline = time.monotonic() + timeout
    while True:
        batch = _pending(world, limit)
        if batch or world.stopping:
            return batch
        if world.poll_generation != mine:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return []
        world.changed.wait(remaining)


def _confirm(world: World, offset: int | None) -> None:
    if offset is None or offset == 0:
        return
    if offset < 0:
        while len(world.updates) > -offset:
            world.updates.popleft()
        return
    while world.updates and world.updates[0]["update_id"] < offset:
        world.updates.popleft()


def _pending(world: World, limit: int) -> list[dict[str, Any]]:
    allowed = set(world.allowed_updates) if world.allowed_updates else None
    batch: list[dict[str, Any]] = []
    for update in list(world.updates):
        kind = next(key for key in update if key != "update_id")
        wanted = kind in allowed if allowed is not None else kind not in _DEFAULT_UPDATES
        if not wanted:
            world.updates.remove(update)
            continue
        batch.append(update)
        if len(batch) >= limit:
            break
    return batch


def set_webhook(world: World, p: Params) -> bool:
    """setWebhook: remember the URL; pending updates are then POSTed to it."""
    url = p.text("url") or ""
    if p.flag("drop_pending_updates"):
        world.updates.clear()
    world.webhook = {
        "url": url,
        "secret_token": p.text("secret_token"),
        "max_connections": p.integer("max_connections") or 40,
        "allowed_updates": p.structure("allowed_updates"),
    }
    world.touch()
    return True


def delete_webhook(world: World, p: Params) -> bool:
    """deleteWebhook: forget the webhook, optionally dropping pending updates."""
    if p.flag("drop_pending_updates"):
        world.updates.clear()
    world.webhook = {}
    world.touch()
    return True


def get_webhook_info(world: World, p: Params) -> dict[str, Any]:
    """getWebhookInfo: the stored webhook and the number of pending updates."""
    info: dict[str, Any] = {
        "url": world.webhook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(world.updates),
    }
    if world.webhook.get("url"):
        info["max_connections"] = world.webhook.get("max_connections", 40)
        if world.webhook.get("allowed_updates"):
            info["allowed_updates"] = world.webhook["allowed_updates"]
    return info


def always_true(world: World, p: Params) -> bool:
    """logOut, close and other calls that only need an acknowledgement."""
    return True


def _commands_key(p: Params) -> tuple[str, str]:
    scope = p.structure("scope") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return json.dumps(scope, sort_keys=True), p.text("language_code") or ""


def set_my_commands(world: World, p: Params) -> bool:
    """setMyCommands: the command menu for one scope and language."""
    commands = p.structure("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    cleaned = []
    for item in commands:
        if not isinstance(item, dict) or not _COMMAND.match(str(item.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = str(item.get("description", ""))
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        cleaned.append({"command": item["command"], "description": description})
    world.commands[_commands_key(p)] = cleaned
    world.touch()
    return True


def get_my_commands(world: World, p: Params) -> list[dict[str, Any]]:
    """getMyCommands: exactly what was set for this scope and language."""
    return world.commands.get(_commands_key(p), [])


def delete_my_commands(world: World, p: Params) -> bool:
    """deleteMyCommands: forget the menu of one scope and language."""
    world.commands.pop(_commands_key(p), None)
    return True


def set_profile_text(field: str) -> Any:
    """A setMyName/setMyDescription-like method storing one text per language."""

    def method(world: World, p: Params) -> bool:
        world.profile[(field, p.text("language_code") or "")] = p.text(field) or ""
        return True

    method.__doc__ = f"Store the bot's {field}."
    return method


def get_profile_text(field: str) -> Any:
    """The getter matching `set_profile_text`."""

    def method(world: World, p: Params) -> dict[str, Any]:
        return {field: world.profile.get((field, p.text("language_code") or ""), "")}

    method.__doc__ = f"Read the bot's {field}."
    return method


def get_chat(world: World, p: Params) -> dict[str, Any]:
    """getChat: a ChatFullInfo with the fields python-telegram-bot requires."""
    chat = world.find_chat(p.chat_id())
    return {
        **chat.to_api(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


def member_api(world: World, chat: ChatState, user_id: int) -> dict[str, Any]:
    """The ChatMember object of one user (or the bot) in a chat."""
    if user_id == world.bot.id:
        status = chat.bot_status
    else:
        status = chat.admins.get(user_id) or ("member" if user_id in chat.members else "left")
        if chat.type == "private" and user_id == chat.id:
            status = "member"
    data: dict[str, Any] = {"status": status, "user": world.users[user_id].to_api()}
    if status == "creator":
        data["is_anonymous"] = False
    elif status == "administrator":
        data.update({"can_be_edited": False, "is_anonymous": False})
        data.update(dict.fromkeys(_ADMIN_RIGHTS, True))
        if chat.type == "channel":
            data.update({"can_post_messages": True, "can_edit_messages": True})
    elif status == "kicked":
        data["until_date"] = 0
    return data


def get_chat_member(world: World, p: Params) -> dict[str, Any]:
    """getChatMember: creator, administrator, member or left."""
    chat = world.find_chat(p.chat_id())
    user_id = p.integer("user_id")
    if user_id is None or user_id not in world.users:
        raise bad_request("user not found")
    return member_api(world, chat, user_id)


def get_chat_administrators(world: World, p: Params) -> list[dict[str, Any]]:
    """getChatAdministrators: the chat's creator and administrators, the bot included."""
    chat = world.find_chat(p.chat_id())
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    ids = list(chat.admins)
    if chat.bot_status == "administrator":
        ids.append(world.bot.id)
    return [member_api(world, chat, user_id) for user_id in ids]


def get_chat_member_count(world: World, p: Params) -> int:
    """getChatMemberCount: members plus the bot when it is in the chat."""
    chat = world.find_chat(p.chat_id())
    present = chat.bot_status in {"member", "administrator"}
    return len(chat.members | set(chat.admins)) + int(present)


def leave_chat(world: World, p: Params) -> bool:
    """leaveChat: the bot leaves; later posts there are refused."""
    chat = world.find_chat(p.chat_id())
    chat.bot_status = "left"
    world.touch()
    return True
