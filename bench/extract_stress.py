"""Concurrent extraction from threads: how often does the process die, with and without the fix.

Each run is a child process in which THREADS threads extract (and summarize) generated pages
for SECONDS seconds; the parent counts the children that died from a signal or an abort
(SIGSEGV, SIGABRT from glibc's "double free or corruption"). Variants:

- `trafilatura`: bare `trafilatura.extract` from threads, as the ingest did before the fix;
- `feeds`: as the ingest did: `trafilatura.extract` and feed parsing (a fresh lxml
  `XMLParser` per feed, as `bot.news.feeds` does) in the same pool of threads;
- `private-dict`: bare `trafilatura.extract`, but each thread first parses once with a
  parser of its own, so lxml gives the thread a string dictionary of its own instead of
  adopting the one of trafilatura's module-level `HTML_PARSER` (the cause: see
  `summarizer/native.py`);
- `parse-only` / `parse-only-claimed`: nothing but parsing, so that threads spend most of
  their time in libxml2 without the GIL: pages through trafilatura's `load_html` (its shared
  parser) and feeds through fresh `XMLParser`s; `-claimed` first gives each thread its own
  dictionary, as `summarizer.native` does;
- `summarizer`: the public API, `summarizer.extract_article` + `summarizer.summarize`.

    python -m bench.extract_stress --variant trafilatura --runs 20 --seconds 10
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.page_maker import PageMaker

ROOT = Path(__file__).resolve().parents[1]


VARIANTS = (
    "trafilatura",
    "feeds",
    "parse-only",
    "parse-only-claimed",
    "private-dict",
    "summarizer",
)


def feed_xml(n: int) -> bytes:
    """An RSS document with many short, distinct strings (what a feed parse interns)."""
    items = "".join(
        f"<item><title>t{n}-{k}</title><guid>g{n}x{k}</guid><category>c{k % 97}</category>"
        f"<pubDate>{k % 28 + 1} Jul 2024</pubDate></item>"
        for k in range(200)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def _work(variant: str) -> object:
    if variant == "summarizer":
        import summarizer

        def run(html: str, url: str) -> None:
            with contextlib.suppress(summarizer.SummarizerError):
                summarizer.summarize(summarizer.extract_article(html, url=url))

        return run
    import trafilatura
    from lxml import etree

    if variant.startswith("parse-only"):
        from trafilatura.utils import load_html

        numbers = iter(range(10**9))
        claim = variant.endswith("claimed")
        claimed: set[int] = set()

        def parse(html: str, url: str) -> None:
            if claim and threading.get_ident() not in claimed:
                etree.fromstring("<claim/>", etree.XMLParser())
                claimed.add(threading.get_ident())
            load_html(html)
            etree.fromstring(feed_xml(next(numbers)), etree.XMLParser(recover=True))

        return parse

    def extract(html: str, url: str) -> None:
        trafilatura.extract(
            html,
            url=url,
            output_format="xml",
            with_metadata=True,
            include_formatting=True,
            include_tables=False,
        )

    if variant == "feeds":
        counter = iter(range(10**9))

        def extract_and_parse(html: str, url: str) -> None:
            extract(html, url)
            parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
            etree.fromstring(feed_xml(next(counter)), parser)

        return extract_and_parse

    return extract


def child(variant: str, threads: int, seconds: float, pages: int, seed: int) -> int:
    """Extract from `threads` threads until `seconds` have passed; print the pages done."""
    made = PageMaker(seed).pages(pages)
    texts = [page.body.decode(page.charset) for page in made]
    work = _work(variant)
    done = [0] * threads
    deadline = time.monotonic() + seconds

    def loop(k: int) -> None:
        if variant == "private-dict":
            from lxml import etree, html

            # A fresh parser's first parse gives this thread a string dictionary of its own.
            html.document_fromstring("<p>x</p>", parser=html.HTMLParser())
            etree.fromstring("<x/>", etree.XMLParser())
        i = k
        while time.monotonic() < deadline:
            work(texts[i % len(texts)], f"https://news{k}.example/{i}.html")  # type: ignore[operator]
            done[k] += 1
            i += threads

    workers = [threading.Thread(target=loop, args=(k,)) for k in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    print(sum(done))
    return 0


def describe(code: int) -> str:
    """A child's exit status in words."""
    if code < 0:
        return signal.Signals(-code).name
    if code in (134, 139):
        return {134: "SIGABRT", 139: "SIGSEGV"}[code]
    return f"exit {code}"


def main() -> int:
    """Run the children and print the crash rate."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--variant", choices=VARIANTS, default="trafilatura")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--code", type=Path, help="import the summarizer from this folder (an older version)"
    )
    args = parser.parse_args()
    if args.child:
        if args.code:
            sys.path.insert(0, str(args.code))
        return child(args.variant, args.threads, args.seconds, args.pages, args.seed)
    crashes: list[str] = []
    extracted = 0
    started = time.monotonic()
    for run in range(args.runs):
        command = [
            sys.executable,
            "-m",
            "bench.extract_stress",
            "--child",
            "--variant",
            args.variant,
            "--threads",
            str(args.threads),
            "--seconds",
            str(args.seconds),
            "--pages",
            str(args.pages),
            "--seed",
            str(args.seed + run),
        ]
        if args.code:
            command += ["--code", str(args.code)]
        done = subprocess.run(
            command, capture_output=True, text=True, env={**os.environ, "PYTHONFAULTHANDLER": "1"}
        )
        if done.returncode == 0:
            extracted += int(done.stdout.split()[-1])
        else:
            tail = done.stderr.strip().splitlines()[:1]
            crashes.append(f"run {run}: {describe(done.returncode)} {tail}")
        print(f"run {run + 1}/{args.runs}: {describe(done.returncode)}", flush=True)
    print(
        f"variant {args.variant}: {len(crashes)} of {args.runs} runs crashed "
        f"({args.threads} threads x {args.seconds:.0f} s each, {extracted} pages extracted by "
        f"the runs that lived, {time.monotonic() - started:.0f} s)"
    )
    for line in crashes:
        print("  " + line)
    return 1 if crashes and args.variant != "trafilatura" else 0


if __name__ == "__main__":
    raise SystemExit(main())
