"""Route a Bot API call to its method under the world's lock, and shape the answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.sandbox import methods_bot as mb
from bot.sandbox import methods_inline as mi
from bot.sandbox import methods_messages as mm
from bot.sandbox.errors import NOT_FOUND, UNAUTHORIZED, ApiError
from bot.sandbox.params import Params
from bot.sandbox.world import World

Method = Callable[[World, Params], Any]

_METHODS: dict[str, Method] = {
    "getMe": mb.get_me,
    "getUpdates": mb.get_updates,
    "setWebhook": mb.set_webhook,
    "deleteWebhook": mb.delete_webhook,
    "getWebhookInfo": mb.get_webhook_info,
    "logOut": mb.always_true,
    "close": mb.always_true,
    "setMyCommands": mb.set_my_commands,
    "getMyCommands": mb.get_my_commands,
    "deleteMyCommands": mb.delete_my_commands,
    "setMyName": mb.set_profile_text("name"),
    "getMyName": mb.get_profile_text("name"),
    "setMyDescription": mb.set_profile_text("description"),
    "getMyDescription": mb.get_profile_text("description"),
    "setMyShortDescription": mb.set_profile_text("short_description"),
    "getMyShortDescription": mb.get_profile_text("short_description"),
    "setChatMenuButton": mb.always_true,
    "getChat": mb.get_chat,
    "getChatMember": mb.get_chat_member,
    "getChatAdministrators": mb.get_chat_administrators,
    "getChatMemberCount": mb.get_chat_member_count,
    "leaveChat": mb.leave_chat,
    "sendMessage": mm.send_message,
    "editMessageText": mm.edit_message_text,
    "editMessageReplyMarkup": mm.edit_message_reply_markup,
    "deleteMessage": mm.delete_message,
    "answerCallbackQuery": mm.answer_callback_query,
    "sendDocument": mm.send_document,
    "sendPhoto": mm.send_photo,
    "sendChatAction": mm.send_chat_action,
    "getFile": mm.get_file,
    "answerInlineQuery": mi.answer_inline_query,
}
# Telegram matches method names without regard to case.
_BY_KEY = {name.lower(): (name, method) for name, method in _METHODS.items()}


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, JSON body, and whether to drop it on the floor."""

    status: int
    body: dict[str, Any]
    lose: bool = False


def call(world: World, token: str, method_name: str, params: Params) -> Answer:
    """Run one Bot API method as Telegram would, errors included."""
    if token != world.token:
        return Answer(UNAUTHORIZED.status, UNAUTHORIZED.payload())
    found = _BY_KEY.get(method_name.lower())
    if found is None:
        return Answer(NOT_FOUND.status, NOT_FOUND.payload())
    name, method = found
    chat_key = _chat_key(params)
    with world.lock:
        try:
            world.faults.before(name.lower())
            result = method(world, params)
        except ApiError as err:
            world.record(name, chat_key, err.status, err.description)
            return Answer(err.status, err.payload())
        world.record(name, chat_key, 200, None)
        lose = world.faults.lose_response(name.lower())
    return Answer(200, {"ok": True, "result": result}, lose)


def _chat_key(params: Params) -> int | str | None:
    raw = params.values.get("chat_id")
    if raw is None:
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        return str(raw)
