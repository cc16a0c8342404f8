"""Saving and restoring the emulated state as JSON, so a standalone emulator survives restarts."""

from __future__ import annotations

import base64
import dataclasses
import itertools
import json
import os
from collections import deque
from pathlib import Path
from typing import Any

from bot.sandbox.inline_records import InlineBook
from bot.sandbox.records import ChatState, MessageState, StoredFile, User
from bot.sandbox.world import World

FORMAT = 1


def save_world(world: World, path: Path) -> None:
    """Write the state atomically (temporary file, then rename). Call with the lock held."""
    next_update = next(world.update_ids)
    world.update_ids = itertools.count(next_update)
    next_id = world.next_id()
    document = {
        "format": FORMAT,
        "next_update_id": next_update,
        "next_id": next_id + 1,
        "users": [dataclasses.asdict(u) for u in world.users.values()],
        "chats": [_chat_json(c) for c in world.chats.values()],
        "messages": [dataclasses.asdict(m) for ms in world.messages.values() for m in ms.values()],
        "files": [_file_json(f) for f in world.files.values()],
        "updates": list(world.updates),
        "allowed_updates": world.allowed_updates,
        "webhook": world.webhook,
        "commands": [[scope, lang, cmds] for (scope, lang), cmds in world.commands.items()],
        "outcomes": [[m, c, s, n] for (m, c, s), n in world.outcomes.items()],
        # BotFather's inline switches; pending queries expire within seconds and are not kept.
        "inline": {
            "enabled": world.inline.enabled,
            "placeholder": world.inline.placeholder,
            "feedback": world.inline.feedback,
        },
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(document), encoding="utf-8")
    os.replace(temporary, path)


def load_world(world: World, path: Path) -> None:
    """Replace the world's state by a saved one. Call with the lock held."""
    document = json.loads(path.read_text(encoding="utf-8"))
    world.update_ids = itertools.count(int(document["next_update_id"]))
    world._ids = itertools.count(int(document["next_id"]))
    world.users = {u["id"]: User(**u) for u in document["users"]}
    world.users.setdefault(world.bot.id, world.bot)
    world.chats = {c["id"]: _chat_from(c) for c in document["chats"]}
    world.messages = {}
    for raw in document["messages"]:
        message = MessageState(**raw)
        world.messages.setdefault(message.chat_id, {})[message.message_id] = message
    world.files = {}
    world.file_paths = {}
    for raw in document["files"]:
        stored = StoredFile(**{**raw, "data": base64.b64decode(raw["data"])})
        world.files[stored.file_id] = stored
        world.file_paths[stored.file_path] = stored
    world.updates = deque(document["updates"])
    world.allowed_updates = document["allowed_updates"]
    world.webhook = document["webhook"]
    world.commands = {(scope, lang): cmds for scope, lang, cmds in document["commands"]}
    world.outcomes.clear()
    for method, chat, status, count in document["outcomes"]:
        world.outcomes[(method, chat, status)] = count
    inline = document.get("inline") or {}
    world.inline = InlineBook(
        enabled=bool(inline.get("enabled", False)),
        placeholder=str(inline.get("placeholder", "")),
        feedback=bool(inline.get("feedback", False)),
    )


def _chat_json(chat: ChatState) -> dict[str, Any]:
    data = dataclasses.asdict(chat)
    data["members"] = sorted(chat.members)
    data["admins"] = [[uid, role] for uid, role in chat.admins.items()]
    data["topics"] = [[tid, name] for tid, name in chat.topics.items()]
    return data


def _chat_from(raw: dict[str, Any]) -> ChatState:
    data = dict(raw)
    data["members"] = set(raw["members"])
    data["admins"] = {int(uid): role for uid, role in raw["admins"]}
    data["topics"] = {int(tid): name for tid, name in raw["topics"]}
    return ChatState(**data)


def _file_json(stored: StoredFile) -> dict[str, Any]:
    data = dataclasses.asdict(stored)
    data["data"] = base64.b64encode(stored.data).decode("ascii")
    return data
