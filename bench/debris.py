"""Articles wrapped in regional-news debris: how much of it reaches the summary?

Usage: python -m bench.debris [--set tune|heldout|both] [--format text|html|both] [--show N]

Every article (English: the CNN/DailyMail dev set; Chinese: the bench's own short news) is
wrapped in a header (outlet, time, reporter) and a tail of debris (source and editor credits,
an end marker, calls to scan/share/follow/click, other stories' headlines, video-player
config, a copyright line), drawn with a fixed seed from bench/debris_wordings.py. The "tune"
set pairs tune wordings with the tune part of the articles; "heldout" pairs wordings never
tuned on with the report part. Reported: the share of summaries showing any debris (in the
overall sentences, a section heading or a section sentence), empty summaries, debris taken
as a section heading, and debris taken as the title.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.debris_wordings import CHINESE_ARTICLES, WORDINGS
from bench.dev_split import REPORT, TUNE, part_of
from summarizer import SummarizerError, Summary, extract_article, summarize

DEFAULT_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "cnndm_dev.jsonl"
_KEEP = re.compile(r"[^\W_]+")
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z\"“])")
HEADER = ("outlet", "time", "reporter")
TAIL = ("source", "editor", "end", "call", "headline", "player", "copyright")


@dataclass(frozen=True)
class Wrapped:
    """One wrapped article: its text lines and the debris lines it carries."""

    id: str
    lang: str
    title: str
    lines: tuple[str, ...]
    debris: tuple[str, ...]


def _tokens(text: str) -> tuple[str, ...]:
    """Case-folded words, each CJK character a token of its own."""
    out: list[str] = []
    for word in _KEEP.findall(text.casefold()):
        if any("\u3400" <= ch <= "\u9fff" for ch in word):
            out.extend(word)
        else:
            out.append(word)
    return tuple(out)


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    size = len(small)
    return size > 0 and any(big[i : i + size] == small for i in range(len(big) - size + 1))


def shows(shown: str, debris: str) -> bool:
    """Whether a shown line carries a debris line (whole, or as most of the shown line).

    A debris line of three or more tokens counts wherever it appears; a shorter one ("END")
    only when it makes up most of the shown line, so "the end of the season" is no hit.
    """
    have, bad = _tokens(shown), _tokens(debris)
    if not have or not bad:
        return False
    if len(bad) >= 3 and _contains(have, bad):
        return True
    if _contains(have, bad) and len(have) <= len(bad) + 3:
        return True
    return len(have) >= 2 and _contains(bad, have) and len(bad) <= 2 * len(have)


def wrap(article_id: str, lang: str, title: str, body: list[str], wordings: str) -> Wrapped:
    """Put a header and a shuffled tail of debris around ``body`` (seeded by the id)."""
    rng = random.Random(f"{article_id}/{wordings}")
    table = WORDINGS[wordings][lang]
    header = [rng.choice(table[c]) for c in HEADER]
    outlet = header[0]
    tail = [rng.choice(table[c]) for c in TAIL]
    tail += [rng.choice(table["call"]), rng.choice(table["headline"])]
    rng.shuffle(tail)
    # The end marker, when there is one, usually closes the body before the rest of the tail.
    end = next(line for line in tail if line in table["end"])
    tail.remove(end)
    tail.insert(rng.randrange(0, 2), end)
    lines = [outlet, title, *header[1:], *body, *tail]
    return Wrapped(article_id, lang, title, tuple(lines), tuple(header + tail))


def english(path: Path, part: str) -> list[tuple[str, str, list[str]]]:
    """(id, title, paragraphs) of the dev-set articles of one part."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            continue
        row = json.loads(line)
        if part_of(str(row["id"])) != part:
            continue
        paragraphs = [p for text in str(row["text"]).split("\n") for p in _paragraphs(text)]
        # The set has no headlines; its first highlight is written like one.
        highlight = str(row["references"][0]).split("\n")[0].strip().rstrip(".")
        title = str(row.get("title") or highlight)
        out.append((str(row["id"]), title, paragraphs))
    return out


def _paragraphs(text: str, per: int = 3) -> list[str]:
    """Cut a long one-line story into paragraphs of a few sentences, as pages print it."""
    sentences = [s for s in _SENTENCE_BREAK.split(text.strip()) if s]
    return [" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per)]


def chinese(part: str) -> list[tuple[str, str, list[str]]]:
    """(id, title, paragraphs) of the bench's Chinese articles of one part."""
    out = []
    for index, (title, paragraphs) in enumerate(CHINESE_ARTICLES):
        article_id = f"zh-{index}"
        if part_of(article_id) == part:
            out.append((article_id, title, list(paragraphs)))
    return out


def as_html(item: Wrapped) -> str:
    """The wrapped article as a simple page: header and tail lines as their own blocks."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in item.lines[1:])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(item.title)}"
        f"</title></head><body><div class='top'>{html.escape(item.lines[0])}</div>"
        f"<article><h1>{html.escape(item.title)}</h1>{body}</article></body></html>"
    )


@dataclass
class Tally:
    """What one set gave."""

    summaries: int = 0
    with_debris: list[tuple[str, str]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)
    titles: list[tuple[str, str]] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


def check(item: Wrapped, summary: Summary | None, tally: Tally) -> None:
    """Count the debris that ``summary`` shows."""
    tally.summaries += 1
    if summary is None or not summary.sentences:
        tally.empty.append(item.id)
        return

    def hit(text: str) -> str | None:
        return next((line for line in item.debris if shows(text, line)), None)

    shown = [*summary.sentences]
    for section in summary.sections:
        shown.extend(section.sentences)
        found = hit(section.heading or "")
        if found:
            tally.headings.append((item.id, found))
            shown.append(section.heading or "")
    found_any = next((f for f in (hit(s) for s in shown) if f), None)
    if found_any:
        tally.with_debris.append((item.id, found_any))
        tally.kinds[_kind(found_any)] += 1
    title_hit = hit(summary.title or "")
    if title_hit:
        tally.titles.append((item.id, title_hit))


def _kind(line: str) -> str:
    for sets in WORDINGS.values():
        for table in sets.values():
            for category, lines in table.items():
                if line in lines:
                    return category
    return "?"


def run(wordings: str, fmt: str, path: Path) -> Tally:
    """Wrap and summarize every article of the set; tally what leaks."""
    part = TUNE if wordings == "tune" else REPORT
    tally = Tally()
    for lang, articles in (("en", english(path, part)), ("zh", chinese(part))):
        for article_id, title, body in articles:
            item = wrap(article_id, lang, title, body, wordings)
            try:
                if fmt == "html":
                    summary = summarize(extract_article(as_html(item)))
                else:
                    summary = summarize("\n\n".join(item.lines))
            except SummarizerError:
                summary = None
            check(item, summary, tally)
    return tally


def render(label: str, tally: Tally, show: int) -> None:
    """Print one set's numbers and its first offenders."""
    n = max(tally.summaries, 1)
    print(f"## {label}: {tally.summaries} summaries")
    print(
        f"- carrying debris: {len(tally.with_debris)} ({100 * len(tally.with_debris) / n:.1f}%)"
        f" {dict(tally.kinds)}"
    )
    print(f"- empty: {len(tally.empty)}")
    print(f"- debris as a section heading: {len(tally.headings)}")
    print(f"- debris as the title: {len(tally.titles)}")
    for name, items in (
        ("debris", tally.with_debris),
        ("heading", tally.headings),
        ("title", tally.titles),
    ):
        for item_id, line in items[:show]:
            print(f"    {name}: {item_id}: {line}")
    print()


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--set", choices=("tune", "heldout", "both"), default="both")
    parser.add_argument("--format", choices=("text", "html", "both"), default="both")
    parser.add_argument("--show", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"debris: no dev set at {args.path}", file=sys.stderr)
        return 2
    sets = ["tune", "heldout"] if args.set == "both" else [args.set]
    formats = ["text", "html"] if args.format == "both" else [args.format]
    for wordings in sets:
        for fmt in formats:
            render(f"{wordings} wordings, {fmt}", run(wordings, fmt, args.path), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
