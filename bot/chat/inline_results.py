"""Inline-mode answers built from stored stories: one result per story, its summary as the message.

Pure: articles in, python-telegram-bot result objects out; the handler does the I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode

from bot.chat.render import stored_summary, story_time
from bot.digest.markup import sendable
from bot.i18n import Html, t
from bot.store import Article

# Telegram shows the title on one line and the description on about two; longer is cut anyway.
TITLE_CHARS = 120
FIRST_SENTENCE_CHARS = 160
# The deep-link payload of the "open the bot" button (`/start inline`): 1–64 of [A-Za-z0-9_-].
START_PARAMETER = "inline"
# Shown in place of the query in button texts (plain text, one short line).
QUERY_ECHO_CHARS = 40


@dataclass(frozen=True)
class Reader:
    """Whose answer this is: the interface language and time zone of the user asking."""

    language: str
    zone: str


def _shorten(text: str, limit: int) -> str:
    flat = " ".join(sendable(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def first_sentence(article: Article) -> str:
    """The first sentence of the story's summary (of its first summarized section otherwise)."""
    if article.summary:
        return article.summary[0]
    for section in article.sections:
        if section.sentences:
            return section.sentences[0]
    return ""


def description(article: Article, zone: str) -> str:
    """Source and date on the first line, the first summary sentence on the second."""
    when = story_time(article.published_at, zone)
    meta = _shorten(" · ".join(part for part in (article.source, when) if part), TITLE_CHARS)
    sentence = first_sentence(article)
    if not sentence:
        return meta
    return f"{meta}\n{_shorten(sentence, FIRST_SENTENCE_CHARS)}"


def summary_message(article: Article, zone: str) -> str:
    """The story's summary as /summary shows it, in ONE message (an inline result has one).

    A summary longer than a message keeps its first part, which ends between sections or
    sentences, and says that it goes on; the linked title and the Open button lead to the rest.
    """
    parts = stored_summary(article, zone)
    return parts[0] if len(parts) == 1 else f"{parts[0]}\n…"


def _open_button(article: Article, language: str) -> InlineKeyboardMarkup | None:
    # Telegram refuses a URL button whose address is not http(s); such a story goes without.
    if not article.url.lower().startswith(("http://", "https://")):
        return None
    button = InlineKeyboardButton(t(language, "button_open"), url=article.url)
    return InlineKeyboardMarkup([[button]])


def story_result(article: Article, reader: Reader) -> InlineQueryResultArticle:
    """One story as an inline result; choosing it posts its summary with a link."""
    content = InputTextMessageContent(
        summary_message(article, reader.zone),
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    return InlineQueryResultArticle(
        id=f"a{article.id}",
        title=_shorten(article.title, TITLE_CHARS) or _shorten(article.url, TITLE_CHARS),
        input_message_content=content,
        reply_markup=_open_button(article, reader.language),
        description=description(article, reader.zone),
    )


def story_results(articles: Sequence[Article], reader: Reader) -> list[InlineQueryResultArticle]:
    """Results for a page of stories; a story listed twice (it cannot be) would appear once."""
    seen: set[int] = set()
    results = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            results.append(story_result(article, reader))
    return results


def nothing_found_button(query: str, language: str) -> InlineQueryResultsButton:
    """Above empty results: says nothing matched and opens the private chat with the bot."""
    shown = _shorten(query, QUERY_ECHO_CHARS)
    # Button texts are plain text: the query goes in unescaped (Html marks it as final).
    if not shown:
        return InlineQueryResultsButton(
            text=t(language, "inline_empty"), start_parameter=START_PARAMETER
        )
    text = t(language, "inline_nothing", query=Html(shown))
    return InlineQueryResultsButton(text=text, start_parameter=START_PARAMETER)


def pick_regions_button(language: str) -> InlineQueryResultsButton:
    """Above the newest stories of everywhere: invites the reader to choose their regions."""
    return InlineQueryResultsButton(
        text=t(language, "inline_pick_regions"), start_parameter=START_PARAMETER
    )


def next_offset(offset: int, shown: int, more: bool) -> str | None:
    """The offset a client sends for the following page; None when this page is the last.

    None, not "": python-telegram-bot 22 with `Defaults` sends an empty string as "[]" (an
    empty sequence to it), which clients would take for one more page; None is left out.
    """
    return str(offset + shown) if more and shown else None


def parse_offset(raw: str | None, ceiling: int) -> int | None:
    """The page offset a client sent back; None when it is not one of ours (or past `ceiling`)."""
    if not raw:
        return 0
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        return None
    value = int(raw)
    return value if value < ceiling else None
