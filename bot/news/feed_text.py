"""An article from a feed entry's own text alone, for when extracting or summarizing fails."""

from __future__ import annotations

import html
import re

from bot.news.articles import SummarizedArticle, source_name

LEAD_CHARS = 280
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"(?i)</(?:p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>")
_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def plain_text(markup: str) -> str:
    """Readable text of an HTML fragment: tags dropped, entities decoded, paragraphs kept."""
    text = _SCRIPT.sub(" ", markup)
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first paragraph, cut at a word boundary near `limit` characters (with an ellipsis)."""
    first = text.split("\n", 1)[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit]
    space = cut.rfind(" ")
    # Scripts without spaces (Chinese, Japanese, Thai) are cut at the limit itself.
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def feed_text_article(title: str, content_html: str, url: str) -> SummarizedArticle:
    """The entry's text as it came in the feed, its lead as the summary; no language claimed."""
    text = plain_text(content_html)
    summary = (lead(text),) if text else ()
    return SummarizedArticle(
        url=url,
        title=title,
        language="",
        text=text,
        sections=(),
        summary=summary,
        source=source_name(url),
        from_feed_content=True,
    )
