"""Bot API methods that post, change or remove messages and files."""

from __future__ import annotations

import json
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.formatting import format_outgoing
from bot.sandbox.params import Params
from bot.sandbox.records import CallbackAnswer, ChatState, MessageState, StoredFile
from bot.sandbox.world import World

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_BUTTON_ACTIONS = ("callback_data", "url", "switch_inline_query", "login_url", "web_app", "pay")


def send_message(world: World, p: Params) -> dict[str, Any]:
    """sendMessage: text with optional HTML, keyboard, reply, topic and preview options."""
    chat = world.reachable_chat(p.chat_id())
    formatted = format_outgoing(p.text("text"), p.text("parse_mode"), p.structure("entities"))
    placement = _placement(world, chat, p)
    markup = _markup(p)
    world.flood.check(chat.id)
    message = world.add_message(
        chat,
        world.bot.id,
        text=formatted.text,
        entities=list(formatted.entities),
        source=formatted.source,
        parse_mode=formatted.parse_mode,
        reply_markup=markup,
        link_preview_options=_preview(p),
        **placement,
    )
    world.touch()
    return world.message_api(message)


def send_document(world: World, p: Params) -> dict[str, Any]:
    """sendDocument: an uploaded (multipart) or re-sent (file_id) document with a caption."""
    return _send_file(world, p, "document")


def send_photo(world: World, p: Params) -> dict[str, Any]:
    """sendPhoto: like sendDocument, answered with a one-size `photo` array."""
    return _send_file(world, p, "photo")


def _send_file(world: World, p: Params, kind: str) -> dict[str, Any]:
    chat = world.reachable_chat(p.chat_id())
    stored = _input_file(world, p, kind)
    caption = p.text("caption")
    formatted = format_outgoing(caption, p.text("parse_mode"), None, caption=True)
    placement = _placement(world, chat, p)
    markup = _markup(p)
    world.flood.check(chat.id)
    content: dict[str, Any] = {}
    if kind == "photo":
        content["photo"] = [{**_file_api(stored), "width": 0, "height": 0}]
    else:
        content["document"] = {
            **_file_api(stored),
            "file_name": stored.file_name or "document",
            "mime_type": stored.mime_type or "application/octet-stream",
        }
    message = world.add_message(
        chat,
        world.bot.id,
        caption=formatted.text if caption else None,
        entities=list(formatted.entities),
        source=formatted.source if caption else None,
        parse_mode=formatted.parse_mode,
        reply_markup=markup,
        **content,
        **placement,
    )
    world.touch()
    return world.message_api(message)


def _file_api(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
    }


def _input_file(world: World, p: Params, kind: str) -> StoredFile:
    upload = p.uploads.get(kind)
    reference = p.text(kind)
    if upload is None and reference and reference.startswith("attach://"):
        upload = p.uploads.get(reference.removeprefix("attach://"))
    if upload is not None:
        if not upload.data:
            raise bad_request("file must be non-empty")
        folder = "photos" if kind == "photo" else "documents"
        return world.store_file(upload.data, upload.filename, upload.content_type, folder)
    if reference and reference in world.files:
        return world.files[reference]
    if reference and reference.startswith(("http://", "https://")):
        raise bad_request("wrong HTTP URL specified")
    if not reference:
        raise bad_request(f"there is no {kind} in the request")
    raise bad_request("wrong file identifier/HTTP URL specified")


def _placement(world: World, chat: ChatState, p: Params) -> dict[str, Any]:
    thread_id = p.integer("message_thread_id")
    if thread_id is not None and (not chat.is_forum or thread_id not in chat.topics):
        raise bad_request("message thread not found")
    reply = p.structure("reply_parameters") or {}
    reply_to = reply.get("message_id") if isinstance(reply, dict) else None
    if reply_to is None:
        reply_to = p.integer("reply_to_message_id")
    tolerant = p.flag("allow_sending_without_reply") or bool(
        isinstance(reply, dict) and reply.get("allow_sending_without_reply")
    )
    if reply_to is not None and world.find_message(chat.id, int(reply_to)) is None:
        if not tolerant:
            raise bad_request("message to be replied not found")
        reply_to = None
    if reply_to is None and thread_id is not None:
        reply_to = thread_id
    return {"thread_id": thread_id, "reply_to": None if reply_to is None else int(reply_to)}


def _markup(p: Params) -> dict[str, Any] | None:
    markup = p.structure("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
        )
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not button["text"]:
        raise bad_request("BUTTON_TEXT_EMPTY")
    if not any(key in button for key in _BUTTON_ACTIONS):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    data = button.get("callback_data")
    if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not str(url).startswith(("http://", "https://", "tg://")):
        raise bad_request("BUTTON_URL_INVALID")


def _preview(p: Params) -> dict[str, Any] | None:
    options = p.structure("link_preview_options")
    if isinstance(options, dict):
        return options
    if p.flag("disable_web_page_preview"):
        return {"is_disabled": True}
    return None


def _own_message(world: World, p: Params, what: str) -> MessageState:
    if p.has("inline_message_id"):
        raise bad_request(f"message to {what} not found")
    chat = world.reachable_chat(p.chat_id())
    message_id = p.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = world.find_message(chat.id, message_id)
    if message is None:
        raise bad_request(f"message to {what} not found")
    if not message.from_bot and what == "edit":
        raise bad_request("message can't be edited")
    return message


def edit_message_text(world: World, p: Params) -> dict[str, Any]:
    """editMessageText: replace a bot message's text (and keyboard, dropped when omitted)."""
    message = _own_message(world, p, "edit")
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    formatted = format_outgoing(p.text("text"), p.text("parse_mode"), p.structure("entities"))
    markup = _markup(p)
    unchanged = (formatted.text, list(formatted.entities), markup) == (
        message.text,
        message.entities,
        message.reply_markup,
    )
    if unchanged:
        raise bad_request(_NOT_MODIFIED)
    world.flood.check(message.chat_id)
    message.text, message.entities = formatted.text, list(formatted.entities)
    message.source, message.parse_mode = formatted.source, formatted.parse_mode
    message.reply_markup = markup
    message.link_preview_options = _preview(p) or message.link_preview_options
    return _edited(world, message)


def edit_message_reply_markup(world: World, p: Params) -> dict[str, Any]:
    """editMessageReplyMarkup: replace (or remove) a bot message's inline keyboard."""
    message = _own_message(world, p, "edit")
    markup = _markup(p)
    if _canonical(markup) == _canonical(message.reply_markup):
        raise bad_request(_NOT_MODIFIED)
    world.flood.check(message.chat_id)
    message.reply_markup = markup
    return _edited(world, message)


def _canonical(markup: dict[str, Any] | None) -> str:
    if not markup or markup.get("inline_keyboard") == []:
        return ""
    return json.dumps(markup, sort_keys=True)


def _edited(world: World, message: MessageState) -> dict[str, Any]:
    message.edit_date = world.now()
    message.edits += 1
    world.touch()
    return world.message_api(message)


def delete_message(world: World, p: Params) -> bool:
    """deleteMessage: hide a message from the chat's history."""
    message = _own_message(world, p, "delete")
    message.deleted = True
    world.touch()
    return True


def answer_callback_query(world: World, p: Params) -> bool:
    """answerCallbackQuery: record the answer to a pressed button, once."""
    query_id = p.text("callback_query_id") or ""
    if query_id not in world.queries or query_id in world.answers:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    world.answers[query_id] = CallbackAnswer(
        query_id, p.text("text"), p.flag("show_alert"), p.text("url")
    )
    world.touch()
    return True


def send_chat_action(world: World, p: Params) -> bool:
    """sendChatAction: accepted for reachable chats and known actions."""
    chat = world.reachable_chat(p.chat_id())
    if p.text("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    world.profile.setdefault("chat_actions", {})[chat.id] = p.text("action")
    return True


def get_file(world: World, p: Params) -> dict[str, Any]:
    """getFile: the download path of a stored file."""
    stored = world.files.get(p.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return stored.to_api()
