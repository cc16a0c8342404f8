"""Summary output formats of the CLI: plain text, Markdown and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from summarizer.model import Summary

FORMATS = ("text", "markdown", "json")
_CJK_ENDINGS = tuple("。！？；…”」』）")


def summary_dict(summary: Summary) -> dict[str, Any]:
    """The JSON shape of a summary: title, byline, published, language, sentences, sections."""
    return {
        "title": summary.title,
        "byline": summary.byline,
        "published": summary.published.isoformat() if summary.published else None,
        "language": summary.language,
        "sentences": list(summary.sentences),
        "sections": sections_list(summary),
    }


def sections_list(summary: Summary) -> list[dict[str, Any]]:
    """The section summaries as JSON-ready dictionaries."""
    return [
        {"heading": section.heading, "sentences": list(section.sentences)}
        for section in summary.sections
    ]


def join_sentences(sentences: Sequence[str]) -> str:
    """Join sentences into a paragraph: a space after Latin text, none after CJK punctuation."""
    out = ""
    for sentence in sentences:
        if out and not out.endswith(_CJK_ENDINGS):
            out += " "
        out += sentence
    return out


def _byline(summary: Summary) -> str:
    parts = [summary.byline, summary.published.isoformat() if summary.published else None]
    return " · ".join(part for part in parts if part)


def render_text(summary: Summary) -> str:
    """Plain text: title, byline, the overall summary, then each section's heading and summary."""
    lines: list[str] = []
    if summary.title:
        lines.append(summary.title)
    if _byline(summary):
        lines.append(_byline(summary))
    if lines:
        lines.append("")
    lines.append(join_sentences(summary.sentences))
    for section in summary.sections:
        lines.extend(["", f"{section.heading}", join_sentences(section.sentences)])
    return "\n".join(lines) + "\n"


def render_markdown(summary: Summary) -> str:
    """Markdown: '#' title, italic byline, the overall summary, '##' section headings."""
    lines: list[str] = []
    if summary.title:
        lines.extend([f"# {summary.title}", ""])
    if _byline(summary):
        lines.extend([f"*{_byline(summary)}*", ""])
    lines.append(join_sentences(summary.sentences))
    for section in summary.sections:
        lines.extend(["", f"## {section.heading}", "", join_sentences(section.sentences)])
    return "\n".join(lines) + "\n"


def render(summary: Summary, output_format: str) -> str:
    """Render a summary in one of FORMATS."""
    if output_format == "json":
        return json.dumps(summary_dict(summary), ensure_ascii=False, indent=2) + "\n"
    if output_format == "markdown":
        return render_markdown(summary)
    return render_text(summary)
