"""Batch summarization of JSON lines: {"id", "text", "lang"?} in, summaries out in order."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.model import Summary
from summarizer.recurring import RecurringLines, document_lines
from summarizer.render import sections_list


@dataclass(frozen=True)
class BatchOptions:
    """Summary options applied to every line of a batch."""

    sentences: int = 3
    language: str | None = None
    algorithm: str | None = None
    max_chars: int | None = None


@dataclass(frozen=True)
class BadLine:
    """A line that could not be summarized: its 1-based number and why."""

    number: int
    reason: str


Summarize = Callable[[str, BatchOptions, str | None, frozenset[str]], Summary]
"""Summarize one text with the batch's options, its language and the batch's boilerplate."""


def _read_record(line: str) -> tuple[Any, str, str | None]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SummarizerError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise SummarizerError("not a JSON object")
    if "id" not in record:
        raise SummarizerError('no "id" field')
    text = record.get("text")
    if not isinstance(text, str):
        raise SummarizerError('no "text" string')
    lang = record.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise SummarizerError('"lang" must be a string such as "en"')
    return record["id"], text, lang or None


def summarize_lines(
    lines: Iterable[str], options: BatchOptions, summarize: Summarize
) -> Iterator[dict[str, Any] | BadLine]:
    """Yield one output record per non-blank input line, or a BadLine for a failing one.

    The batch is read whole first: lines that recur in several of its texts (a site's
    navigation, credits, calls to follow) are that batch's boilerplate and are dropped.
    """
    records: list[tuple[int, tuple[Any, str, str | None] | SummarizerError]] = []
    recurring = RecurringLines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _read_record(line)
        except SummarizerError as exc:
            records.append((number, exc))
            continue
        records.append((number, record))
        recurring.add(document_lines(record[1]))
    known = recurring.known()
    for number, item in records:
        if isinstance(item, SummarizerError):
            yield BadLine(number, str(item))
            continue
        record_id, text, lang = item
        try:
            summary = summarize(text, options, lang, known)
        except SummarizerError as exc:
            yield BadLine(number, str(exc))
            continue
        yield {
            "id": record_id,
            "sentences": list(summary.sentences),
            "sections": sections_list(summary),
        }
