"""Per-article time and peak memory of the default ranker against stock sumy LexRank.

Usage: python bench/speed.py [--path FILE] [--repeat N]

Both rankers get the same sentences and the same tokenizer (sumy's English tokenizer needs
NLTK data that is not available offline), in the same run; each is timed from sentences to
chosen sentences. The default runs through `summarizer.algorithms.select`; LexRank is set
up the way sumy documents it: its own Stemmer and stop words. One untimed pass per ranker
warms the shared caches (word splitting) for both; each article's time is then the median
of `--repeat` runs, which keeps a loaded machine's noise out. A second table times
1,000-word articles made of consecutive dev-set sentences.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from summarizer.algorithms import select
from summarizer.tokenize import Tokenizer

DEFAULT_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "cnndm_dev.jsonl"
Ranker = Callable[[Sequence[str], Tokenizer], object]


def news(sentences: Sequence[str], tokenizer: Tokenizer) -> object:
    """The project's default, as the summarizer package calls it."""
    return select(sentences, 3, tokenizer=tokenizer)


def stock_lexrank(sentences: Sequence[str], tokenizer: Tokenizer) -> object:
    """sumy's LexRank exactly as its README sets it up, on the same sentences."""
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
    return summarizer(document, 3)


def time_each(
    ranker: Ranker, articles: list[list[str]], tokenizer: Tokenizer, repeat: int
) -> list[float]:
    """Milliseconds per article: the median of `repeat` runs after one warm-up pass."""
    for sentences in articles:
        ranker(sentences, tokenizer)
    runs: list[list[float]] = [[] for _ in articles]
    for _ in range(repeat):
        for i, sentences in enumerate(articles):
            started = time.perf_counter()
            ranker(sentences, tokenizer)
            runs[i].append(1000 * (time.perf_counter() - started))
    return [statistics.median(times) for times in runs]


def peak_memory(ranker: Ranker, articles: list[list[str]], tokenizer: Tokenizer) -> float:
    """Largest traced allocation peak of a single article, in KiB."""
    peak = 0
    for sentences in articles:
        tracemalloc.start()
        ranker(sentences, tokenizer)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peak / 1024


def thousand_word_articles(articles: list[list[str]], tokenizer: Tokenizer) -> list[list[str]]:
    """Cut the dev set's sentences into consecutive chunks of at least 1,000 words."""
    chunks: list[list[str]] = []
    current: list[str] = []
    words = 0
    for sentence in (s for article in articles for s in article):
        current.append(sentence)
        words += len(tokenizer.to_words(sentence))
        if words >= 1000:
            chunks.append(current)
            current, words = [], 0
    return chunks


def p95(values: Sequence[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"speed: no dev set at {args.path}", file=sys.stderr)
        return 2
    lines = args.path.read_text(encoding="utf-8").splitlines()
    splitter = Tokenizer("en")
    articles = [list(splitter.to_sentences(json.loads(line)["text"])) for line in lines if line]
    long_ones = thousand_word_articles(articles, splitter)
    print(f"{len(articles)} dev articles; {len(long_ones)} articles of 1,000+ words")
    print("| set | ranker | mean ms | p95 ms | peak KiB |")
    print("|---|---|---:|---:|---:|")
    for label, corpus in (("dev", articles), ("1,000 words", long_ones)):
        means = {}
        for name, ranker in (("news", news), ("sumy lexrank", stock_lexrank)):
            times = time_each(ranker, corpus, splitter, args.repeat)
            means[name] = statistics.fmean(times)
            memory = peak_memory(ranker, corpus, splitter)
            print(f"| {label} | {name} | {means[name]:.2f} | {p95(times):.2f} | {memory:.0f} |")
        print(f"| {label} | ratio | {means['sumy lexrank'] / means['news']:.1f}x faster | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
