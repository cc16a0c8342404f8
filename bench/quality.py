"""ROUGE of the default ranker, Lead-3 and every stock sumy algorithm on the dev set.

Usage: python -m bench.quality [--path FILE] [--sentences N] [--algorithms a,b] [--limit N]
                              [--part tune|report|all] [--no-title]

The dev set is split by id (bench/dev_split.py): tune on the "tune" part only; the "report" part
is what tests/summarizer/test_quality_gate.py gates on. Both parts are reported by default.

Every method sees the same sentences, split by the project's tokenizer (sumy's own English
tokenizer needs NLTK data that is not available offline). Lead-N is the first N of them.
Scores are rouge-score F1 x 100 with stemming; ROUGE-Lsum joins sentences with newlines.
Where an article has a title (data/bbc_news_summary.jsonl, built by bench/build_summaries.py;
the CNN/DailyMail dev set has none) every ranker gets it, as the bot passes a feed's headline;
--no-title withholds it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

from bench.dev_split import REPORT, TUNE, part_of
from summarizer.algorithms import ALGORITHMS, select
from summarizer.languages import get_language

DEFAULT_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "cnndm_dev.jsonl"


@dataclass(frozen=True)
class Row:
    """One method's mean scores."""

    method: str
    rouge1: float
    rouge2: float
    rouge_lsum: float
    words: float
    ms: float


def load(path: Path, limit: int | None) -> list[dict[str, object]]:
    """Read the JSONL dev set: one article with its reference highlights per line."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows[:limit] if limit else rows


def evaluate(
    articles: list[dict[str, object]], methods: list[str], count: int, *, titles: bool = True
) -> list[Row]:
    """Score each method on every article; "lead" is the first `count` sentences."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    split = []
    for article in articles:
        language = get_language(str(article.get("lang") or "en"))
        split.append((language, list(language.tokenizer.to_sentences(str(article["text"])))))
    out = []
    for method in methods:
        totals = [0.0, 0.0, 0.0, 0.0]
        elapsed = 0.0
        for article, (language, sentences) in zip(articles, split, strict=True):
            started = time.perf_counter()
            if method == f"lead-{count}":
                picked = list(range(min(count, len(sentences))))
            else:
                title = article.get("title") if titles else None
                picked = select(
                    sentences,
                    count,
                    language=language,
                    algorithm=method,
                    title=str(title) if title else None,
                )
            elapsed += time.perf_counter() - started
            summary = "\n".join(sentences[i] for i in picked)
            references = article["references"]
            assert isinstance(references, list)
            scores = scorer.score(str(references[0]), summary)
            totals[0] += scores["rouge1"].fmeasure
            totals[1] += scores["rouge2"].fmeasure
            totals[2] += scores["rougeLsum"].fmeasure
            totals[3] += len(summary.split())
        n = max(len(articles), 1)
        r1, r2, rl, words = (t / n for t in totals)
        out.append(Row(method, 100 * r1, 100 * r2, 100 * rl, words, 1000 * elapsed / n))
    return out


def render(rows: list[Row], count: int, articles: int) -> str:
    """A Markdown table, best ROUGE-1 first."""
    lines = [
        f"{articles} articles, {count} sentences, rouge-score F1 x 100 (stemming on)",
        "",
        "| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words | ms/article |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in sorted(rows, key=lambda r: -r.rouge1):
        lines.append(
            f"| {row.method} | {row.rouge1:.2f} | {row.rouge2:.2f} | {row.rouge_lsum:.2f} "
            f"| {row.words:.1f} | {row.ms:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--algorithms", default=",".join(ALGORITHMS))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--part", choices=(TUNE, REPORT, "all"), default=None)
    parser.add_argument("--no-title", action="store_true", help="withhold article titles")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"quality: no dev set at {args.path}", file=sys.stderr)
        return 2
    articles = load(args.path, args.limit)
    methods = [f"lead-{args.sentences}"] + [m for m in args.algorithms.split(",") if m]
    unknown = [m for m in methods[1:] if m not in ALGORITHMS]
    if unknown:
        print(f"quality: unknown algorithm(s) {', '.join(unknown)}", file=sys.stderr)
        return 2
    parts = [args.part] if args.part else [TUNE, REPORT]
    for part in parts:
        chosen = [a for a in articles if part == "all" or part_of(str(a["id"])) == part]
        print(f"## {part} part")
        rows = evaluate(chosen, methods, args.sentences, titles=not args.no_title)
        print(render(rows, args.sentences, len(chosen)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
