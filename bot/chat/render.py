"""Telegram HTML for command answers: summaries section by section, story lists, search hits."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.digest import markup
from bot.digest.markup import Block, Line, bold, italic, plain
from bot.digest.split import pack
from bot.i18n import region_name as _name_in
from bot.i18n import t
from bot.store import Article, Region, SearchHit

# Parts are measured in UTF-16 code units, as Telegram counts them; stay a little below 4,096.
PART_LIMIT = 4000


class SectionLike(Protocol):
    """A section summary: a heading (possibly empty) and its chosen sentences."""

    @property
    def heading(self) -> str | None: ...  # noqa: D102

    @property
    def sentences(self) -> tuple[str, ...]: ...  # noqa: D102


def escape(text: str) -> str:
    """Escape text for Telegram HTML (quotes too, so it is also safe inside attributes)."""
    return html.escape(text, quote=True)


def link(url: str, label: str) -> str:
    """An HTML link whose label and address are both escaped."""
    return markup.link(label, url).html()


def _bullet(sentence: str) -> Line:
    return (plain("• " + " ".join(sentence.split())),)


def summary_blocks(
    *,
    title: str | None,
    url: str | None,
    source: str | None,
    when: str | None,
    sections: Sequence[SectionLike],
    overall: Sequence[str] = (),
) -> list[Block]:
    """One block for the header, then one block per section: bold heading, bullet sentences."""
    label = title or url or ""
    # The title links to the article; without an address it is simply bold.
    header: list[Line] = [(markup.link(label, url) if url else bold(label),)]
    meta = " · ".join(part for part in (source, when) if part)
    if meta:
        header.append((italic(meta),))
    blocks = [Block(tuple(header))]
    kept = [s for s in sections if s.sentences]
    if not kept and overall:
        blocks.append(Block(tuple(_bullet(sentence) for sentence in overall)))
    for section in kept:
        lines: list[Line] = [(bold(section.heading),)] if section.heading else []
        lines.extend(_bullet(sentence) for sentence in section.sentences)
        blocks.append(Block(tuple(lines)))
    return blocks


def message_parts(blocks: Sequence[Block], limit: int = PART_LIMIT) -> list[str]:
    """Telegram HTML messages under the limit, broken between blocks, lines or sentences."""
    return pack(blocks, limit)


def story_time(value: datetime, zone: str) -> str:
    """A story's time in the reader's zone: "2024-05-01 08:30"."""
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def region_name(region: Region, language: str) -> str:
    """The region's name in the interface language (English when it has none)."""
    return _name_in(region.names, language)


def article_line(article: Article, zone: str, number: int | None = None) -> str:
    """One story in a list: number, linked title, source and time, and its id for /summary."""
    prefix = f"{number}. " if number is not None else "• "
    meta = " · ".join(p for p in (article.source, story_time(article.published_at, zone)) if p)
    title = f"<b>{link(article.url, article.title)}</b>"
    return f"{prefix}{title}\n   <i>{escape(meta)}</i> · #{article.id}"


def article_list(header: str, articles: Sequence[Article], zone: str) -> str:
    """A header followed by numbered story lines."""
    lines = [header]
    lines.extend(article_line(a, zone, i) for i, a in enumerate(articles, start=1))
    return "\n".join(lines)


def search_page(
    language: str, query: str, hits: Sequence[SearchHit], offset: int, total: int, zone: str
) -> str:
    """A page of search results: header with the range, then each hit with its snippet."""
    shown_query = query if len(query) <= 80 else query[:79] + "…"
    header = t(
        language,
        "search_header",
        query=shown_query,
        start=offset + 1,
        end=offset + len(hits),
        total=total,
    )
    lines: list[str] = [header]
    for number, hit in enumerate(hits, start=offset + 1):
        lines.append(article_line(hit.article, zone, number))
        snippet = " ".join(hit.snippet.split())
        if snippet:
            lines.append(f"   {escape(snippet[:300])}")
    return "\n".join(lines)


def region_list(language: str, regions: Sequence[Region], subscribed: Iterable[str]) -> str:
    """The regions the bot covers, with a check mark on those the chat follows."""
    followed = set(subscribed)
    lines: list[str] = [t(language, "regions_header")]
    for region in regions:
        mark = "✅" if region.id in followed else "▫️"
        name = region_name(region, language)
        lines.append(f"{mark} {escape(name)} — <code>{escape(region.id)}</code>")
    return "\n".join(lines)


def html_lines_parts(lines: Sequence[str], limit: int = PART_LIMIT) -> list[str]:
    """Pack lines of finished HTML (each balanced on its own) into messages under `limit`."""
    parts: list[str] = []
    current = ""
    for line in lines:
        joined = f"{current}\n{line}" if current else line
        if current and markup.utf16_len(joined) > limit:
            parts.append(current)
            current = line
        else:
            current = joined
    if current:
        parts.append(current)
    return parts


def stored_summary(article: Article, zone: str) -> list[str]:
    """A stored article's summary, section by section, as the messages /summary sends."""
    blocks = summary_blocks(
        title=article.title,
        url=article.url,
        source=article.source,
        when=story_time(article.published_at, zone),
        sections=article.sections,
        overall=article.summary,
    )
    return message_parts(blocks)
