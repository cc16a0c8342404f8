"""Render a digest as Telegram HTML messages, each below 4,096 UTF-16 units."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.digest.markup import TELEGRAM_LIMIT, Block, Line, Span, bold, italic, link, plain
from bot.digest.model import DigestContent, RegionSection, Story
from bot.digest.split import pack
from bot.i18n import Language, format_day, format_moment, pattern, t, tn

# Room kept free in every part for its "part n of m" line.
_PART_LINE_ROOM = 40


def render_digest(
    content: DigestContent,
    language: Language,
    zone: ZoneInfo,
    region_names: Mapping[str, str],
    limit: int = TELEGRAM_LIMIT,
    *,
    weekly: bool = False,
) -> list[str]:
    """The digest as one or more HTML messages, in reading order, none longer than `limit`."""
    end = content.window_end.astimezone(zone)
    since = format_moment(content.window_start.astimezone(zone), language)
    heading = t(language, "weekly_title" if weekly else "title")
    title = f"{heading} · {format_day(end, language)}"
    header: list[Line] = [(bold(title),)]
    count = content.story_count
    if count == 0:
        header.append((plain(t(language, "nothing", since=since)),))
        return [Block(tuple(header)).html()]
    header.append((italic(tn(language, "window", count, since=since)),))
    blocks = [Block(tuple(header))]
    for section in content.sections:
        blocks.extend(_section_blocks(section, language, zone, end, region_names))
    parts = pack(blocks, limit - _PART_LINE_ROOM)
    if len(parts) == 1:
        return parts
    total = len(parts)
    return [
        f"{part}\n\n{italic(t(language, 'part', n=n, total=total)).html()}"
        for n, part in enumerate(parts, start=1)
    ]


def _section_blocks(
    section: RegionSection,
    language: Language,
    zone: ZoneInfo,
    today: datetime,
    region_names: Mapping[str, str],
) -> list[Block]:
    name = region_names.get(section.region_id, section.region_id)
    heading: Line = (bold(f"▌{name}"),)
    blocks: list[Block] = []
    for index, story in enumerate(section.stories):
        lines = story_lines(story, language, zone, today)
        # The region's heading travels with its first story, so it never ends a message alone.
        blocks.append(Block((heading, (), *lines) if index == 0 else lines))
    if section.omitted:
        more = t(language, "more", count=section.omitted, region=name, region_id=section.region_id)
        blocks.append(Block(((italic(more),),)))
    return blocks


def _ends_wide(heading: str) -> bool:
    """True when a heading ends in a CJK character or full-width punctuation."""
    last = heading.rstrip()[-1:]
    return bool(last) and (
        "\u3000" <= last <= "\u9fff" or "\uf900" <= last <= "\ufaff" or "\uff00" <= last <= "\uffef"
    )


def story_lines(
    story: Story, language: Language, zone: ZoneInfo, today: datetime
) -> tuple[Line, ...]:
    """A story as lines: linked title, source and local time, bullets, other outlets."""
    when = format_moment(story.published_at.astimezone(zone), language, today)
    meta = f"{story.source} · {when}" if story.source else when
    lines: list[Line] = [(link(story.title, story.url),), (italic(meta),)]
    for bullet in story.bullets:
        spans: list[Span] = [plain("• ")]
        if bullet.heading:
            # The heading's own script picks the colon, whatever the chat's language: a Chinese
            # story in an English digest reads "标题：文字", an English one in a Chinese digest
            # "Heading: text".
            wide = _ends_wide(bullet.heading)
            spans.append(bold(f"{bullet.heading}{'：' if wide else ':'}"))
            spans.append(plain(bullet.text if wide else f" {bullet.text}"))
        else:
            spans.append(plain(bullet.text))
        lines.append(tuple(spans))
    if story.also_reported_by:
        sources = pattern(language, "separator").join(story.also_reported_by)
        lines.append((italic(t(language, "also", sources=sources)),))
    return tuple(lines)
