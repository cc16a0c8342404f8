"""Chinese news posts: is the default ranker at least as good as the first sentence?

Usage: python -m bench.quality_zh [--path FILE] [--part tune|report|all] [--show N]

Reads data/zh_news_summary.jsonl (rebuild it with bench/build_summaries.py): Chinese posts with
a reference summary each, split by id into a tune and a report part (bench/dev_split.py).
Sentences come from the project's Chinese tokenizer; every ranker gets the post's title, as
the bot passes a feed's headline. Scores are rouge-score F1 x 100 over characters
(bench/rouge_chars.py: one token per Han character, no stemming); ROUGE-Lsum sees the
reference split into sentences after 。！？ and the summary one sentence a line.

Two comparisons, each keeping the default's summaries no longer than the baseline's:

- one sentence: the default picks one sentence within Lead-1's length (``max_chars`` set to
  the first sentence's characters), against Lead-1, the first sentence;
- three sentences: the default as digests run it (3 sentences, no cap), against Lead-N
  matched, the fewest leading sentences at least as long as the default's summary, and
  against Lead-3 and lexrank.

"longer" counts summaries longer than their baseline (Lead-1 / Lead-N matched).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.dev_split import REPORT, TUNE, part_of
from bench.rouge_chars import SCORES, char_scorer
from summarizer.algorithms import select
from summarizer.languages import get_language

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "zh_news_summary.jsonl"
_REFERENCE_END = re.compile(r"(?<=[。！？!?])\s*")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Row:
    """One method's mean scores over a part."""

    method: str
    rouge1: float
    rouge2: float
    rouge_lsum: float
    chars: float
    longer: int


@dataclass(frozen=True)
class Picks:
    """The sentence indexes every method chose for one post."""

    sentences: list[str]
    reference: str
    picks: dict[str, list[int]]


def chars(text: str) -> int:
    """Characters of a summary, spaces not counted."""
    return len(_SPACE.sub("", text))


def lead_matched(sentences: Sequence[str], length: int) -> list[int]:
    """The fewest leading sentences whose characters reach `length` (all of them if never)."""
    total = 0
    for index, sentence in enumerate(sentences):
        total += chars(sentence)
        if total >= length:
            return list(range(index + 1))
    return list(range(len(sentences)))


def reference_lines(reference: str) -> str:
    """The reference one sentence a line, for ROUGE-Lsum."""
    return "\n".join(part for part in _REFERENCE_END.split(reference.strip()) if part)


def pick_all(article: dict[str, object]) -> Picks:
    """Run every method on one post."""
    language = get_language("zh")
    tokenizer = language.tokenizer
    sentences = list(tokenizer.to_sentences(str(article["text"])))
    title = str(article.get("title") or "") or None
    references = article["references"]
    assert isinstance(references, list)
    lead1 = [0]
    news1 = select(sentences, 1, language=language, title=title, max_chars=len(sentences[0]))
    news3 = select(sentences, 3, language=language, title=title)
    length = chars("".join(sentences[i] for i in news3))
    picks = {
        "news, 1 sentence within Lead-1's length": news1,
        "Lead-1 (first sentence)": lead1,
        "news, 3 sentences (default)": news3,
        "Lead-N matched (>= news length)": lead_matched(sentences, length),
        "Lead-3": list(range(min(3, len(sentences)))),
        "lexrank, 3 sentences": select(
            sentences, 3, language=language, title=title, algorithm="lexrank"
        ),
    }
    return Picks(sentences, reference_lines(str(references[0])), picks)


BASELINE = {
    "news, 1 sentence within Lead-1's length": "Lead-1 (first sentence)",
    "news, 3 sentences (default)": "Lead-N matched (>= news length)",
}


def score(all_picks: list[Picks]) -> list[Row]:
    """Mean character ROUGE F1 x 100 and length of each method."""
    scorer = char_scorer()
    methods = list(all_picks[0].picks) if all_picks else []
    rows = []
    for method in methods:
        totals = dict.fromkeys((*SCORES, "chars"), 0.0)
        longer = 0
        for item in all_picks:
            summary = "\n".join(item.sentences[i] for i in item.picks[method])
            scores = scorer.score(item.reference, summary)
            for name in SCORES:
                totals[name] += 100 * scores[name].fmeasure
            totals["chars"] += chars(summary)
            baseline = BASELINE.get(method)
            if baseline:
                base = "".join(item.sentences[i] for i in item.picks[baseline])
                longer += chars(summary) > chars(base)
        n = max(len(all_picks), 1)
        rows.append(
            Row(
                method,
                totals["rouge1"] / n,
                totals["rouge2"] / n,
                totals["rougeLsum"] / n,
                totals["chars"] / n,
                longer,
            )
        )
    return rows


def render(rows: list[Row], posts: int) -> str:
    """A Markdown table in comparison order."""
    lines = [
        f"{posts} posts, character ROUGE F1 x 100 (rouge-score, one token per Han character)",
        "",
        "| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | chars | longer |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        longer = str(row.longer) if row.method in BASELINE else ""
        lines.append(
            f"| {row.method} | {row.rouge1:.2f} | {row.rouge2:.2f} | {row.rouge_lsum:.2f} "
            f"| {row.chars:.1f} | {longer} |"
        )
    return "\n".join(lines)


def show_losses(all_picks: list[Picks], count: int) -> None:
    """Print the posts where the one-sentence default trails Lead-1 the most."""
    scorer = char_scorer()
    gaps = []
    for item in all_picks:
        ours = "\n".join(item.sentences[i] for i in item.picks[next(iter(BASELINE))])
        lead = item.sentences[0]
        gap = (
            scorer.score(item.reference, lead)["rouge1"].fmeasure
            - scorer.score(item.reference, ours)["rouge1"].fmeasure
        )
        gaps.append((gap, lead, ours, item.reference))
    for gap, lead, ours, reference in sorted(gaps, key=lambda g: -g[0])[:count]:
        print(f"- ROUGE-1 gap {100 * gap:.1f}\n  lead: {lead}\n  news: {ours}\n  ref:  {reference}")


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print one table per part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--part", choices=(TUNE, REPORT, "all"), default=None)
    parser.add_argument("--show", type=int, default=0, help="print the N worst losses to Lead-1")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(
            f"quality_zh: no set at {args.path}; run python -m bench.build_summaries",
            file=sys.stderr,
        )
        return 2
    lines = args.path.read_text(encoding="utf-8").splitlines()
    posts = [json.loads(line) for line in lines if line.strip()]
    for part in [args.part] if args.part else [TUNE, REPORT]:
        chosen = [p for p in posts if part == "all" or part_of(str(p["id"])) == part]
        picked = [pick_all(p) for p in chosen if str(p["text"]).strip()]
        print(f"## {part} part")
        print(render(score(picked), len(picked)))
        print()
        if args.show:
            show_losses(picked, args.show)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
