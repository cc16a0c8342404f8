"""Frozen snapshots of stored messages, safe to hand to tests and other threads."""

from __future__ import annotations

import copy
import html

from bot.sandbox.records import MessageState, SentMessage


def snapshot(message: MessageState) -> SentMessage:
    """The message as it stands now, detached from the emulator's state."""
    text = message.text if message.text is not None else (message.caption or "")
    return SentMessage(
        chat_id=message.chat_id,
        message_id=message.message_id,
        text=text,
        html=message.source if message.source and _is_html(message) else _escape(text),
        entities=tuple(copy.deepcopy(message.entities)),
        from_bot=message.from_bot,
        date=message.date,
        thread_id=message.thread_id,
        reply_to_message_id=message.reply_to,
        reply_markup=copy.deepcopy(message.reply_markup),
        document=copy.deepcopy(message.document),
        edits=message.edits,
        deleted=message.deleted,
        via_bot_id=message.via_bot_id,
    )


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _is_html(message: MessageState) -> bool:
    return bool(message.source) and (message.parse_mode or "").lower() == "html"
