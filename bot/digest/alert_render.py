"""An alert as one Telegram HTML message: words, linked title, source and time, summary."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.digest.markup import Block, Line, bold, italic, link, plain
from bot.i18n import Language, format_moment, t
from bot.store import Article, OutgoingMessage

MAX_SENTENCES = 3
MAX_SENTENCE_CHARS = 600
MAX_TITLE_CHARS = 300
MAX_WORDS_CHARS = 100
SUMMARY_CALLBACK = "sum:{article_id}"
"""The Summary button's callback data: the grammar of `bot.chat.callbacks.SummaryOf`."""


def summary_sentences(article: Article) -> list[str]:
    """One to three sentences: the overall summary, else each section's first sentence."""
    sentences = [s.strip() for s in article.summary if s.strip()]
    if not sentences:
        sentences = [s.sentences[0].strip() for s in article.sections if s.sentences]
    return [_clip(s, MAX_SENTENCE_CHARS) for s in sentences if s][:MAX_SENTENCES]


def render_alert(
    article: Article, words: str, language: Language, zone: ZoneInfo, now: datetime
) -> OutgoingMessage:
    """The alert message for one story, with a Summary button for the stored article."""
    when = format_moment(article.published_at.astimezone(zone), language, now.astimezone(zone))
    meta = f"{article.source.strip()} · {when}" if article.source.strip() else when
    title = _clip(article.title.strip() or article.url, MAX_TITLE_CHARS)
    lines: list[Line] = [
        (bold(t(language, "alert", words=_clip(words, MAX_WORDS_CHARS))),),
        (link(title, article.url),),
        (italic(meta),),
    ]
    sentences = summary_sentences(article)
    if sentences:
        # Chinese sentences run on without spaces, whatever the reader's interface language.
        separator = "" if (article.language or "").startswith("zh") else " "
        lines.append((plain(separator.join(sentences)),))
    button = {
        "text": t(language, "alert_summary_button"),
        "callback_data": SUMMARY_CALLBACK.format(article_id=article.id),
    }
    return OutgoingMessage(Block(tuple(lines)).html(), {"inline_keyboard": [[button]]})


def render_cap_notice(language: Language) -> OutgoingMessage:
    """The one message a destination gets when its alerts reach the hourly cap."""
    return OutgoingMessage(Block(((italic(t(language, "alert_capped")),),)).html())


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
