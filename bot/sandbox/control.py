"""An HTTP control API for a standalone emulator: `POST /sandbox/<action>` with JSON arguments.

It exposes the scripting methods (create users and chats, write as a user, press buttons, read
what the bot sent, inject failures) to tests that run the emulator in another process. Chats
and users are passed by id; file contents travel as base64 in `data_base64`.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.sandbox.dispatch import Answer
from bot.sandbox.errors import SandboxError

if TYPE_CHECKING:
    from bot.sandbox.emulator import BotApiEmulator

ACTIONS = frozenset(
    {
        "create_user",
        "create_private_chat",
        "create_group",
        "create_channel",
        "create_topic",
        "set_administrators",
        "set_bot_status",
        "send_text",
        "send_document",
        "press_button",
        "messages",
        "send_stats",
        "callback_answer",
        "set_chat_fault",
        "block_chat",
        "delete_chat",
        "migrate_chat",
        "set_flood_limits",
        "set_chat_flood_limit",
        "fail_next",
        "set_server_error_rate",
        "lose_next_responses",
        "pending_updates",
        "chats_with_messages",
        "set_inline_mode",
        "inline_query",
        "inline_answer",
        "choose_inline_result",
    }
)


def to_json(value: Any) -> Any:
    """Dataclasses, tuples, mappings and bytes as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json(v) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


class ControlApi:
    """Dispatches control requests to a `BotApiEmulator`."""

    def __init__(self, emulator: BotApiEmulator) -> None:
        self._emulator = emulator

    def route(self, verb: str, target: str, body: bytes) -> Answer:
        """Answer `/sandbox/<action>`; anything else is a Bot API style 404."""
        path = urlsplit(target).path
        action = path.removeprefix("/sandbox/")
        if not path.startswith("/sandbox/") or action not in ACTIONS:
            return Answer(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        try:
            kwargs = json.loads(body or b"{}")
            if not isinstance(kwargs, dict):
                raise SandboxError("arguments must be a JSON object")
            if "data_base64" in kwargs:
                kwargs["data"] = base64.b64decode(kwargs.pop("data_base64"))
            result = getattr(self._emulator, action)(**kwargs)
        except (SandboxError, TypeError, ValueError, KeyError) as err:
            return Answer(400, {"ok": False, "error_code": 400, "description": str(err)})
        return Answer(200, {"ok": True, "result": to_json(result)})
