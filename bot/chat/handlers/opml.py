"""/import (an OPML document, progress shown by editing one message) and /export."""

from __future__ import annotations

import asyncio
import io
import threading
from datetime import UTC, datetime

from telegram import Document, Message, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.chat.handlers.common import language_for, require_bot_admin
from bot.chat.render import escape
from bot.chat.replies import edit_unless_unchanged, reply
from bot.chat.services import services
from bot.i18n import t, tn
from bot.news.errors import FeedError
from bot.news.feed_service import FeedService, ImportReport
from bot.news.opml import MAX_OPML_BYTES
from bot.store import Store

PROGRESS_EVERY_SECONDS = 1.0


def _document(message: Message | None) -> Document | None:
    """The document of the message itself, or of the message it replies to."""
    if message is None:
        return None
    if message.document is not None:
        return message.document
    replied = message.reply_to_message
    return replied.document if replied is not None else None


async def import_opml(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Import every feed of an OPML file sent with the caption /import, or replied to."""
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_bot_admin(update, context, language):
        return
    document = _document(update.effective_message)
    if document is None:
        await reply(update, context, t(language, "usage_import"))
        return
    if document.file_size is not None and document.file_size > MAX_OPML_BYTES:
        await reply(update, context, t(language, "import_failed", reason="larger than 5 MB"))
        return
    try:
        file = await context.bot.get_file(document.file_id)
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        await reply(update, context, t(language, "import_failed", reason=exc.message))
        return
    status = await reply(update, context, t(language, "import_progress", done=0, total="…"))
    if status is None:
        return
    try:
        report = await _run_import(svc.store, data, status, language)
    except FeedError as exc:
        await _edit(status, t(language, "import_failed", reason=str(exc)))
        return
    total = report.added + report.existing + len(report.rejected)
    text: str = tn(language, "import_done", report.added, total=total, failed=len(report.rejected))
    if report.rejected:
        text += "\n" + "\n".join(f"• {escape(r[:200])}" for r in report.rejected[:10])
    await _edit(status, text)


async def _run_import(store: Store, data: bytes, status: Message, language: str) -> ImportReport:
    """Run the import in a worker thread; edit the status message as progress comes in."""
    progress = [0, 0]
    lock = threading.Lock()

    def record(done: int, total: int) -> None:
        with lock:
            progress[0], progress[1] = done, total

    task = asyncio.ensure_future(asyncio.to_thread(FeedService(store).import_opml, data, record))
    shown = (0, 0)
    while not task.done():
        await asyncio.wait([task], timeout=PROGRESS_EVERY_SECONDS)
        with lock:
            current = (progress[0], progress[1])
        if current != shown and not task.done():
            shown = current
            await _edit(status, t(language, "import_progress", done=current[0], total=current[1]))
    return task.result()


async def _edit(message: Message, text: str) -> None:
    await edit_unless_unchanged(message.edit_text(text))


async def export_opml(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send every feed as an OPML document."""
    svc = services(context)
    language = await language_for(svc, update)
    if not await require_bot_admin(update, context, language):
        return
    service = FeedService(svc.store)
    text = await asyncio.to_thread(service.export_opml, datetime.now(UTC))
    count = len(await asyncio.to_thread(svc.store.feeds.list))
    chat = update.effective_chat
    message = update.effective_message
    if chat is None:
        return
    thread = message.message_thread_id if message and message.is_topic_message else None
    await context.bot.send_document(
        chat.id,
        io.BytesIO(text.encode("utf-8")),
        filename="newsbot-feeds.opml",
        caption=tn(language, "export_caption", count),
        message_thread_id=thread,
    )
