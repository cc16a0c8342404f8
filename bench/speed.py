"""Cold end-to-end speed of `summarize(text)` against stock sumy LexRank on the same texts.

Usage: python -m bench.speed [--path FILE] [--limit N]

What a user meets: a text seen for the first time, summarized once. Every (text, method) pair
runs in a fresh child process forked from a parent that has imported both libraries but never
summarized anything, so no cache, compiled pattern or loaded dictionary of an earlier text
helps; each text is timed once, never repeated. The default is timed as the library is
called: ``summarize(text)`` (parsing, cleaning, splitting, ranking). Stock LexRank is set up
the way sumy documents it (PlaintextParser, its Stemmer and stop words), with the project's
tokenizer because sumy's own needs NLTK data that is not available offline. Import time is
reported apart: a service pays it once. Times are the child's CPU time (time.process_time),
so a loaded machine's waiting is left out.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

import summarizer
from summarizer.languages import get_language

DEFAULT_PATH = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "cnndm_dev.jsonl"
THOUSAND = 1000


def news(text: str) -> object:
    """The library's default, exactly as a caller uses it."""
    return summarizer.summarize(text, language="en")


def stock_lexrank(text: str) -> object:
    """sumy's LexRank as its README sets it up, from the same text."""
    parser = PlaintextParser.from_string(text, get_language("en").tokenizer)
    ranker = LexRankSummarizer(Stemmer("english"))
    ranker.stop_words = get_stop_words("english")
    return ranker(parser.document, 3)


METHODS: dict[str, Callable[[str], object]] = {"news": news, "sumy lexrank": stock_lexrank}


def _time_once(job: tuple[str, str]) -> float:
    name, text = job
    # CPU time of this process: on a shared machine, time spent waiting for a core is not
    # the method's cost.
    started = time.process_time()
    METHODS[name](text)
    return 1000 * (time.process_time() - started)


def time_cold(name: str, texts: Sequence[str]) -> list[float]:
    """Milliseconds per text, each in a fresh forked child (one task per child)."""
    context = multiprocessing.get_context("fork")
    with context.Pool(1, maxtasksperchild=1) as pool:
        return pool.map(_time_once, [(name, text) for text in texts], chunksize=1)


def thousand_word_texts(texts: Sequence[str]) -> list[str]:
    """Consecutive dev paragraphs joined into texts of at least 1,000 words."""
    out: list[str] = []
    current: list[str] = []
    words = 0
    for paragraph in (p for text in texts for p in text.split("\n") if p.strip()):
        current.append(paragraph)
        words += len(paragraph.split())
        if words >= THOUSAND:
            out.append("\n\n".join(current))
            current, words = [], 0
    return out


def import_ms() -> float:
    """Time to import the library in a new interpreter (paid once per process)."""
    code = "import time; t=time.perf_counter(); import summarizer; print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return 1000 * float(out.stdout.strip())


def p95(values: Sequence[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"speed: no dev set at {args.path}", file=sys.stderr)
        return 2
    lines = args.path.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines if line][: args.limit]
    long_ones = thousand_word_texts(texts)
    print(f"import summarizer: {import_ms():.0f} ms (once per process, not in the times below)")
    print("| set | method | mean ms | p95 ms |")
    print("|---|---|---:|---:|")
    for label, corpus in ((f"{len(texts)} dev articles", texts),
                          (f"{len(long_ones)} texts of 1,000+ words", long_ones)):  # fmt: skip
        means = {}
        for name in METHODS:
            times = time_cold(name, corpus)
            means[name] = statistics.fmean(times)
            print(f"| {label} | {name} | {means[name]:.2f} | {p95(times):.2f} |")
        ratio = means["sumy lexrank"] / means["news"]
        print(f"| {label} | news is {ratio:.1f}x faster | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
