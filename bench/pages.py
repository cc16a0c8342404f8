"""Real pages with human ground truth: does what a reader gets come from the main text?

Usage: python -m bench.pages [--path data/pages.jsonl] [--part tune|report|all] [--show N]
                             [--show-report N] [--skip ID ...]

Each page of the corpus (rebuild it with bench/build_corpus.py) is extracted and summarized as
ingest does it. Reported per part: pages that end in "no article text found" although their
ground truth has 400+ characters; the share of shown lines (summary sentences, section
headings and section sentences) that are not in the page's main text (only for pages whose
ground truth is complete); titles that are a metadata line rather than a headline; and
sentences under six words picked while the article has longer ones.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.dev_split import REPORT, TUNE
from summarizer import SummarizerError, summarize
from summarizer.extract import extract_page

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "pages.jsonl"
_KEEP = re.compile(r"[^\W_]+")
_METADATA_TITLE = re.compile(
    r"reading time|min(?:ute)?s? read|阅读(?:时间|量)|^\d+\s*(?:min|分钟)|^(?:posted|published|"
    r"updated|by)\b|^\d{4}[-./年]\d{1,2}",
    re.IGNORECASE,
)
_SHINGLE = 5
_IN_TEXT_SHARE = 0.8
MIN_TRUTH_CHARS = 400
FRAGMENT_WORDS = 6


def normalized(text: str) -> str:
    """Letters and digits only, case-folded: layout and punctuation never decide a match."""
    return "".join(_KEEP.findall(text.casefold()))


def in_main_text(line: str, truth: str, shingles: set[str]) -> bool:
    """Whether a shown line comes from the main text (verbatim, or 80% of its 5-grams)."""
    norm = normalized(line)
    if not norm or norm in truth:
        return True
    grams = [norm[i : i + _SHINGLE] for i in range(max(1, len(norm) - _SHINGLE + 1))]
    return sum(g in shingles for g in grams) >= _IN_TEXT_SHARE * len(grams)


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


def word_count(text: str) -> int:
    """Spaced words plus CJK characters (a six-character Chinese sentence is no fragment)."""
    cjk = sum(1 for ch in text if _is_cjk(ch))
    return len("".join(" " if _is_cjk(ch) else ch for ch in text).split()) + cjk


@dataclass
class Tally:
    """What one part of the corpus gave."""

    pages: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    lost_any: list[str] = field(default_factory=list)
    shown: int = 0
    foreign: list[tuple[str, str]] = field(default_factory=list)
    metadata_titles: list[tuple[str, str]] = field(default_factory=list)
    fragments: list[tuple[str, str]] = field(default_factory=list)
    titled: int = 0
    other_titles: list[tuple[str, str]] = field(default_factory=list)
    starts: int = 0
    start_missing: list[tuple[str, str]] = field(default_factory=list)
    shown_by_source: Counter[str] = field(default_factory=Counter)
    foreign_by_source: Counter[str] = field(default_factory=Counter)


def run_page(page: dict[str, object], tally: Tally) -> None:
    """Extract and summarize one page, adding what went wrong to ``tally``."""
    page_id, truth = str(page["id"]), str(page["truth"])
    tally.pages += 1
    tally.languages[str(page["lang"])] += 1
    try:
        extracted = extract_page(str(page["html"]), url=page.get("url") or None)  # type: ignore[arg-type]
        summary = summarize(extracted.article)
    except SummarizerError as exc:
        if "no article text" in str(exc):
            tally.lost_any.append(page_id)
            if len(truth) >= MIN_TRUTH_CHARS:
                tally.lost.append(page_id)
        return
    if summary.title and _METADATA_TITLE.search(summary.title):
        tally.metadata_titles.append((page_id, summary.title))
    expected_title = page.get("title")
    if expected_title:
        tally.titled += 1
        ours, theirs = normalized(summary.title or ""), normalized(str(expected_title))
        if not ours or not (ours in theirs or theirs in ours):
            tally.other_titles.append((page_id, summary.title or ""))
    if not page.get("truth_full"):
        # The ground truth is the start of the main text: its last words must be in ours.
        tail_words = " ".join(truth.split()[-6:])
        tally.starts += 1
        if normalized(tail_words) not in normalized(extracted.article.text):
            tally.start_missing.append((page_id, tail_words))
    longest = max(
        (word_count(p) for sec in extracted.article.sections for p in sec.paragraphs), default=0
    )
    shown = list(summary.sentences)
    for section in summary.sections:
        shown.extend([section.heading or "", *section.sentences])
    for sentence in [*summary.sentences, *(s for sec in summary.sections for s in sec.sentences)]:
        if word_count(sentence) < FRAGMENT_WORDS and longest >= 2 * FRAGMENT_WORDS:
            tally.fragments.append((page_id, sentence))
    if not page.get("truth_full"):
        return
    norm_truth = normalized(truth)
    shingles = {norm_truth[i : i + _SHINGLE] for i in range(len(norm_truth) - _SHINGLE + 1)}
    source = str(page.get("source") or "?")
    for line in (line for line in shown if line):
        tally.shown += 1
        tally.shown_by_source[source] += 1
        if not in_main_text(line, norm_truth, shingles):
            tally.foreign.append((page_id, line))
            tally.foreign_by_source[source] += 1


def report(part: str, tally: Tally, show: int) -> None:
    """Print one part's numbers and the first few offenders of each kind."""
    langs = ", ".join(f"{lang} {n}" for lang, n in tally.languages.most_common())
    share = 100 * len(tally.foreign) / max(tally.shown, 1)
    print(f"## {part}: {tally.pages} pages ({langs})")
    print(f"- pages lost to 'no article text' with 400+ chars of ground truth: {len(tally.lost)}")
    print(f"- pages lost to 'no article text', any ground truth: {len(tally.lost_any)}")
    print(
        f"- shown lines not from the main text: {len(tally.foreign)} of {tally.shown} "
        f"({share:.1f}%)"
    )
    print(f"- metadata lines as titles: {len(tally.metadata_titles)}")
    print(f"- titles other than the expected headline: {len(tally.other_titles)} of {tally.titled}")
    print(f"- start of the main text missing: {len(tally.start_missing)} of {tally.starts}")
    print(f"- fragments (< {FRAGMENT_WORDS} words) picked: {len(tally.fragments)}")
    for source, shown in sorted(tally.shown_by_source.items()):
        foreign = tally.foreign_by_source[source]
        print(f"    {source}: {foreign} of {shown} shown lines not from the main text")
    for label, items in (
        ("lost", [(p, "") for p in tally.lost_any]),
        ("foreign", tally.foreign),
        ("title", tally.metadata_titles),
        ("fragment", tally.fragments),
        ("title≠", tally.other_titles),
        ("start", tally.start_missing),
    ):
        for page_id, line in items[:show]:
            print(f"    {label}: {page_id}: {line[:120]}")
    print()


def main(argv: list[str] | None = None) -> int:
    """Run the bench over the chosen parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--part", choices=(TUNE, REPORT, "all"), default=None)
    parser.add_argument("--show", type=int, default=5, help="offenders printed of the tune part")
    parser.add_argument(
        "--show-report",
        type=int,
        default=0,
        help="offenders printed of the report part (none by default: reading them is tuning)",
    )
    parser.add_argument(
        "--skip", action="append", default=[], metavar="ID", help="leave this page out (repeatable)"
    )
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"pages: no corpus at {args.path}; run python -m bench.build_corpus", file=sys.stderr)
        return 2
    pages = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines()]
    for part in [args.part] if args.part else [TUNE, REPORT]:
        tally = Tally()
        for page in pages:
            if (part == "all" or page["part"] == part) and page["id"] not in args.skip:
                run_page(page, tally)
        report(part, tally, args.show_report if part == REPORT else args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
