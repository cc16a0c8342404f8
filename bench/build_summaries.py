"""Rebuild the summary sets never tuned on into data/ from local repository snapshots.

Usage: python -m bench.build_summaries [--mirror DIR] [--out-dir DIR] [--dev FILE]

Two sets, each a JSONL file of {"id", "source", "lang", "title", "text", "references",
"part", ...} like ../shared/eval/cnndm_dev.jsonl, so bench/quality.py reads either:

- ``bbc_news_summary.jsonl``: the "BBC News Summary" set (BBC articles of 2004-2005, each with
  an extractive reference of about 40% of its sentences), read from the copy in the snapshot
  of Miguel-G-Soares/PRI_proj1 (folder ``BBC News Summary``). Duplicate articles are kept once.
- ``zh_news_summary.jsonl``: Chinese news posts of fuyaonews/fuyaonews-open-dataset
  (Apache-2.0), each Markdown post with its front-matter ``summary`` as the reference. The
  Markdown is reduced to plain paragraphs; headings are kept apart in "headings".

Nothing is downloaded: a missing snapshot is named and skipped. Any article that shares a
sentence-level fingerprint with the tuned-on dev set (``--dev``) is dropped and counted, so
these sets stay disjoint from it. ``part`` comes from bench/dev_split.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.dev_split import part_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = Path("/work/.mirror")
DEFAULT_OUT_DIR = ROOT / "data"
DEFAULT_DEV = ROOT / ".." / "shared" / "eval" / "cnndm_dev.jsonl"

BBC_REPO = "Miguel-G-Soares/PRI_proj1"
BBC_DIR = "BBC News Summary"
ZH_REPO = "fuyaonews/fuyaonews-open-dataset"

# BBC summaries glue their sentences together ("...$10.9bn.For the full-year"): a sentence
# end directly followed by a capital or a double quote may start the next sentence.
_GLUED_END = re.compile(r"[.!?](?=[A-Z\"])")
_SPACE = re.compile(r"\s+")
_FINGERPRINT_SPLIT = re.compile(r"(?<=[.!?。！？])\s*")
_FINGERPRINT_MIN = 40


class Snapshot:
    """Blobs of one bare repository snapshot at its HEAD, read in one ``git cat-file`` batch."""

    def __init__(self, mirror: Path, repo: str) -> None:
        self.repo = repo
        self.git_dir = mirror / repo.replace("/", "+") / "repo"

    def present(self) -> bool:
        """Whether the snapshot exists on this machine."""
        return (self.git_dir / "HEAD").is_file()

    def files(self, prefix: str = "") -> list[str]:
        """Paths at HEAD, under ``prefix`` when given."""
        args = ["ls-tree", "-r", "--name-only", "HEAD"] + ([prefix] if prefix else [])
        out = subprocess.run(
            ["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True
        ).stdout
        return [line for line in out.decode("utf-8").splitlines() if line]

    def read_many(self, paths: list[str]) -> dict[str, bytes]:
        """The bytes of every path at HEAD (one git process for all of them)."""
        query = "".join(f"HEAD:{path}\n" for path in paths).encode("utf-8")
        out = subprocess.run(
            ["git", "--git-dir", str(self.git_dir), "cat-file", "--batch"],
            input=query,
            check=True,
            capture_output=True,
        ).stdout
        blobs: dict[str, bytes] = {}
        at = 0
        for path in paths:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            if len(header) < 3 or header[1] != b"blob":
                at = end + 1
                continue
            size = int(header[2])
            blobs[path] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
        return blobs


def decode(raw: bytes) -> str:
    """UTF-8 text, or Windows-1252 for the few BBC files saved that way (a bare £ byte)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def split_glued(summary: str) -> list[str]:
    """The sentences of a BBC reference whose sentences were joined without spaces.

    A quote right after a sentence end closes the sentence when the sentence has an odd
    number of quotes so far; otherwise it opens the next one.
    """
    text = summary.strip()
    sentences: list[str] = []
    start = 0
    for match in _GLUED_END.finditer(text):
        cut = match.end()
        if cut <= start:
            continue
        if text[cut] == '"' and text.count('"', start, cut) % 2 == 1:
            if cut + 1 >= len(text) or not (text[cut + 1].isupper() or text[cut + 1] == '"'):
                continue
            cut += 1
        sentences.append(text[start:cut].strip())
        start = cut
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def fingerprints(text: str) -> set[str]:
    """Hashes of a text's longer sentences, case and spacing folded: catches a shared article."""
    out = set()
    for sentence in _FINGERPRINT_SPLIT.split(text):
        folded = _SPACE.sub(" ", sentence).strip().lower()
        if len(folded) >= _FINGERPRINT_MIN:
            out.add(hashlib.sha1(folded.encode("utf-8")).hexdigest())
    return out


def body_key(text: str) -> str:
    """A hash of an article's text with spacing and case folded, to keep duplicates once."""
    folded = _SPACE.sub(" ", text).strip().lower()
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def bbc_articles(snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    """BBC News Summary: title on the first line, paragraphs after, a glued extractive summary."""
    articles = [p for p in snapshot.files(f"{BBC_DIR}/News Articles") if p.endswith(".txt")]
    summaries = {
        p.replace(f"{BBC_DIR}/Summaries/", f"{BBC_DIR}/News Articles/", 1): p
        for p in snapshot.files(f"{BBC_DIR}/Summaries")
    }
    wanted = [p for p in articles if p in summaries]
    blobs = snapshot.read_many(wanted + [summaries[p] for p in wanted])
    for path in sorted(wanted):
        if path not in blobs or summaries[path] not in blobs:
            continue
        lines = decode(blobs[path]).replace("\r\n", "\n").split("\n")
        title = lines[0].strip()
        paragraphs = [_SPACE.sub(" ", line).strip() for line in lines[1:]]
        text = "\n\n".join(p for p in paragraphs if p)
        reference = split_glued(decode(blobs[summaries[path]]))
        if not title or not text or not reference:
            continue
        category, name = path.split("/")[-2], path.split("/")[-1].removesuffix(".txt")
        yield {
            "id": f"bbc-{category}-{name}",
            "source": BBC_REPO,
            "lang": "en",
            "title": title,
            "text": text,
            "references": ["\n".join(reference)],
            "category": category,
        }


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_FIELD = re.compile(r'^(\w+):\s*"?(.*?)"?\s*$')
_ANCHOR = re.compile(r"\s*\{#[^}]*\}\s*$")
_UNDERLINE = re.compile(r"^\s*(?:-{3,}|={3,})\s*$")
_RULE = re.compile(r"^\s*(?:\*+\s*)+$|^\s*<br\s*/?>\s*$")
_ATX = re.compile(r"^\s*#{1,6}\s+")
_BULLET = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*+|__")
_TAG = re.compile(r"<[^>]+>")


def front_matter(post: str) -> tuple[dict[str, str], str]:
    """The ``key: "value"`` fields of a post's front matter, and the Markdown after it."""
    match = _FRONT.match(post)
    if not match:
        return {}, post
    fields = {}
    for line in match.group(1).splitlines():
        field = _FIELD.match(line)
        if field:
            fields[field.group(1)] = field.group(2).strip()
    return fields, post[match.end() :]


def markdown_text(markdown: str) -> tuple[list[str], list[str]]:
    """Plain paragraphs and headings of a Markdown body (tables, rules and images dropped)."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    paragraphs: list[str] = []
    headings: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            joined = "".join(current).strip()
            if joined:
                paragraphs.append(joined)
            current.clear()

    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _UNDERLINE.match(line):
            continue
        if (_UNDERLINE.match(following) and line.strip()) or _ATX.match(line):
            flush()
            headings.append(_inline(_ANCHOR.sub("", _ATX.sub("", line))))
            continue
        if not line.strip() or _RULE.match(line) or line.lstrip().startswith("|"):
            flush()
            continue
        stripped = _ANCHOR.sub("", _QUOTE.sub("", line))
        if _BULLET.match(stripped):
            flush()
            stripped = _BULLET.sub("", stripped)
        text = _inline(stripped)
        if text:
            current.append(text)
    flush()
    return paragraphs, headings


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return _SPACE.sub(" ", _TAG.sub("", _EMPHASIS.sub("", text))).strip()


def zh_posts(snapshot: Snapshot) -> Iterator[dict[str, Any]]:
    """fuyaonews-open-dataset: Markdown posts under YYYY/MM/ with a front-matter summary."""
    paths = [p for p in snapshot.files() if re.match(r"\d{4}/\d{2}/", p)]
    blobs = snapshot.read_many(paths)
    for path in sorted(paths):
        if path not in blobs:
            continue
        fields, body = front_matter(decode(blobs[path]))
        summary = fields.get("summary", "").strip()
        title = fields.get("title", "").strip()
        paragraphs, headings = markdown_text(body)
        if not summary or not title or not paragraphs:
            continue
        name = path.rsplit("/", 1)[-1].removesuffix(".md")
        yield {
            "id": f"fuyao-{name}",
            "source": ZH_REPO,
            "lang": "zh",
            "title": title,
            "text": "\n\n".join(paragraphs),
            "headings": headings,
            "references": [summary],
            "author": fields.get("author", ""),
            "url": fields.get("source_url", ""),
        }


def write_set(
    rows: Iterator[dict[str, Any]], out: Path, tuned: set[str]
) -> tuple[int, int, int, dict[str, int]]:
    """Write the rows once each, none sharing a sentence with the tuned-on set.

    Returns (written, duplicates, overlapping, count per part).
    """
    seen_bodies: set[str] = set()
    seen_titles: set[str] = set()
    seen_ids: set[str] = set()
    written = duplicates = overlapping = 0
    parts: dict[str, int] = {}
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            key = body_key(str(row["text"]))
            title_key = body_key(str(row["title"])) if row["lang"] == "zh" else ""
            if key in seen_bodies or title_key in seen_titles or row["id"] in seen_ids:
                duplicates += 1
                continue
            seen_bodies.add(key)
            seen_ids.add(str(row["id"]))
            if title_key:
                seen_titles.add(title_key)
            if fingerprints(str(row["text"])) & tuned:
                overlapping += 1
                continue
            row["part"] = part_of(str(row["id"]))
            parts[row["part"]] = parts.get(row["part"], 0) + 1
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += 1
    return written, duplicates, overlapping, parts


def main(argv: list[str] | None = None) -> int:
    """Rebuild both sets; exit 1 when neither snapshot is present."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args(argv)
    tuned: set[str] = set()
    if args.dev.is_file():
        for line in args.dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                tuned |= fingerprints(str(json.loads(line)["text"]))
    else:
        print(f"build_summaries: no dev set at {args.dev}; overlap not checked", file=sys.stderr)
    built = 0
    for repo, reader, name in (
        (BBC_REPO, bbc_articles, "bbc_news_summary.jsonl"),
        (ZH_REPO, zh_posts, "zh_news_summary.jsonl"),
    ):
        snapshot = Snapshot(args.mirror, repo)
        if not snapshot.present():
            print(f"build_summaries: snapshot of {repo} missing under {args.mirror}; skipped")
            continue
        out = args.out_dir / name
        written, duplicates, overlapping, parts = write_set(reader(snapshot), out, tuned)
        split = ", ".join(f"{part} {size}" for part, size in sorted(parts.items()))
        print(
            f"{out}: {written} articles ({split}), {duplicates} duplicates dropped,"
            f" {overlapping} sharing text with the dev set dropped"
        )
        built += 1
    return 0 if built else 1


if __name__ == "__main__":
    sys.exit(main())
