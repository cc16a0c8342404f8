"""Command line: summarize a file or stdin, or a JSON-lines batch; bad input exits 2 in one line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, NoReturn

from summarizer.algorithms import ALGORITHMS
from summarizer.batch import BadLine, BatchOptions, summarize_lines
from summarizer.errors import InputTooLargeError, SummarizerError
from summarizer.extract import extract_article
from summarizer.html_parse import looks_like_html
from summarizer.inputs import MAX_INPUT_BYTES, decode_bytes
from summarizer.model import Summary
from summarizer.parse import parse_article
from summarizer.pipeline import summarize
from summarizer.render import FORMATS, render


class _UsageError(Exception):
    """A command-line usage mistake, reported in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def build_parser(prog: str) -> argparse.ArgumentParser:
    """Build the argument parser of the summarizer command."""
    parser = _Parser(
        prog=prog,
        description="Summarize a news article (plain text, Markdown or HTML): an overall "
        "summary plus one per section.",
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="input file, - for stdin"
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--sentences", type=int, default=3, metavar="N", help="overall length")
    parser.add_argument("--language", metavar="CODE", help="ISO 639-1 code; detected if omitted")
    parser.add_argument(
        "--algorithm", metavar="NAME", help=f"ranking algorithm: {', '.join(ALGORITHMS)}"
    )
    parser.add_argument("--html", action="store_true", help="parse the input as HTML")
    parser.add_argument("--max-chars", type=int, metavar="N", help="cap on the summary's length")
    parser.add_argument("--jsonl", metavar="IN", help='batch: lines of {"id", "text", "lang"?}')
    parser.add_argument("-o", "--output", metavar="OUT", help="batch output file (default stdout)")
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "python -m summarizer") -> int:
    """Run the command; return the exit status (2 for bad input or usage, never a traceback)."""
    parser = build_parser(prog)
    try:
        args = parser.parse_args(argv)
        if args.jsonl:
            return _run_batch(args, prog)
        summary = _summarize_text(_read_input(args.file), args, args.language)
        for warning in summary.warnings:
            print(f"{prog}: warning: {warning}", file=sys.stderr)
        sys.stdout.write(render(summary, args.format))
    except (_UsageError, SummarizerError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{prog}: error: {exc.strerror or exc} ({exc.filename or 'input'})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


def _read_input(name: str) -> str:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        with Path(name).open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    return decode_bytes(data)


def _summarize_text(
    text: str,
    args: argparse.Namespace,
    language: str | None,
    boilerplate: frozenset[str] = frozenset(),
) -> Summary:
    if args.html or looks_like_html(text):
        article = extract_article(text, language=language, boilerplate=boilerplate)
        return summarize(
            article, sentences=args.sentences, algorithm=args.algorithm, max_chars=args.max_chars
        )
    return summarize(
        parse_article(text, language=language, boilerplate=boilerplate),
        sentences=args.sentences,
        algorithm=args.algorithm,
        max_chars=args.max_chars,
    )


def _run_batch(args: argparse.Namespace, prog: str) -> int:
    options = BatchOptions(args.sentences, args.language, args.algorithm, args.max_chars)
    # Check the options once, so a typo fails the run instead of every line.
    summarize(
        "Options check. Nothing else.",
        sentences=1,
        language=args.language,
        algorithm=args.algorithm,
    )

    def one(
        text: str, batch_options: BatchOptions, lang: str | None, known: frozenset[str]
    ) -> Summary:
        return _summarize_text(text, args, lang or batch_options.language, known)

    source = sys.stdin if args.jsonl == "-" else Path(args.jsonl).open(encoding="utf-8")  # noqa: SIM115
    target = Path(args.output).open("w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    bad = 0
    try:
        for result in _progress(summarize_lines(_lines(source), options, one)):
            if isinstance(result, BadLine):
                bad += 1
                print(f"{prog}: line {result.number} skipped: {result.reason}", file=sys.stderr)
            else:
                target.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if source is not sys.stdin:
            source.close()
        if target is not sys.stdout:
            target.close()
    if bad:
        print(f"{prog}: {bad} line(s) skipped", file=sys.stderr)
    return 0


def _lines(source: IO[str]) -> Iterator[str]:
    """Yield lines; a line that is not UTF-8 becomes a reported bad line, not a crash."""
    try:
        yield from source
    except UnicodeDecodeError as exc:
        raise SummarizerError(f"batch input is not valid UTF-8 ({exc.reason})") from None


def _progress(
    results: Iterator[dict[str, object] | BadLine],
) -> Iterator[dict[str, object] | BadLine]:
    if not sys.stderr.isatty():
        yield from results
        return
    # The progress bar only exists on a terminal.
    from tqdm import tqdm

    yield from tqdm(results, unit=" articles", file=sys.stderr)
