"""Tell the admins, in their private chats, about unexpected errors and paused feeds.

Each subject (a kind of error, a feed) is reported at most once per hour (`AlertThrottle`, or
`SharedAlertThrottle` for every process on one database);
the next alert on it says how many were held back meanwhile. Sending never raises: an admin
who never started the bot, or blocked it, is logged and skipped.
"""

from __future__ import annotations

import asyncio
import html
import logging
import traceback
from collections.abc import Iterable
from pathlib import PurePath

import telegram
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.chat.logging_setup import TokenRedactingFilter
from bot.news.ingest_report import PausedFeed
from bot.ops.alerts import AlertThrottle, Throttle, error_key, feed_key

log = logging.getLogger(__name__)
ALERTS_KEY = "newsbot.alerts"
MAX_DETAIL_CHARS = 300


def _html(text: str) -> str:
    return html.escape(text, quote=False)


def _held_back(suppressed: int) -> str:
    if not suppressed:
        return ""
    plural = "" if suppressed == 1 else "s"
    return f"\n({suppressed} more alert{plural} like this held back in the last hour.)"


def _where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return ""
    last = frames[-1]
    return f" at {PurePath(last.filename).name}:{last.lineno}"


def error_alert_text(exc: BaseException, detail: str, context: str, suppressed: int) -> str:
    """The HTML of an unexpected-error alert: what, where, during what, how many held back.

    `detail` is the exception's message as it may be shown (secrets already removed).
    """
    detail = detail[:MAX_DETAIL_CHARS]
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    during = f" while handling {context}" if context else ""
    return (
        f"⚠️ Unexpected error{during}{_html(_where(exc))}:\n"
        f"<code>{_html(what)}</code>\nDetails are in the log.{_held_back(suppressed)}"
    )


def paused_alert_text(feed: PausedFeed, suppressed: int) -> str:
    """The HTML of a paused-feed alert, with what to do about it."""
    name = feed.title or feed.url
    reason = feed.reason[:MAX_DETAIL_CHARS]
    return (
        f"⏸ Feed #{feed.feed_id} {_html(name[:200])} paused after {feed.failures} "
        f"failures: {_html(reason)}.\n"
        f"/feeds to review; /resumefeed {feed.feed_id} to re-enable it."
        f"{_held_back(suppressed)}"
    )


class AdminAlerts:
    """Throttled alerts to every admin's private chat (its id is the admin's user id)."""

    def __init__(
        self,
        admin_ids: Iterable[int],
        *,
        throttle: Throttle | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        self.admin_ids = tuple(sorted(admin_ids))
        self._throttle: Throttle = throttle or AlertThrottle()
        self._redactor = TokenRedactingFilter(list(secrets))

    async def unexpected_error(self, bot: telegram.Bot, exc: BaseException, context: str) -> int:
        """Report an unexpected error unless its kind was reported within the hour."""
        if not self.admin_ids:
            return 0
        decision = await asyncio.to_thread(self._throttle.admit, error_key(exc))
        if not decision.send:
            return 0
        # Redacted before escaping: the escaped text would no longer contain the secret.
        detail = self._redactor.redact(str(exc))
        return await self._send(bot, error_alert_text(exc, detail, context, decision.suppressed))

    async def feed_paused(self, bot: telegram.Bot, feed: PausedFeed) -> int:
        """Report a paused feed unless that feed was reported within the hour."""
        if not self.admin_ids:
            return 0
        decision = await asyncio.to_thread(self._throttle.admit, feed_key(feed.feed_id))
        if not decision.send:
            return 0
        return await self._send(bot, paused_alert_text(feed, decision.suppressed))

    async def _send(self, bot: telegram.Bot, text: str) -> int:
        """Send to each admin; returns how many got it. Never raises."""
        reached = 0
        for admin_id in self.admin_ids:
            try:
                await bot.send_message(admin_id, text, parse_mode=ParseMode.HTML)
            except TelegramError as exc:
                # Typically an admin who never started the bot (or blocked it).
                log.warning("could not alert admin %s: %s", admin_id, exc)
                continue
            except Exception:  # an alert must never become a second failure
                log.exception("could not alert admin %s", admin_id)
                continue
            reached += 1
        return reached
