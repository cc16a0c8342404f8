"""Rebuild the real-page dev corpus into data/pages.jsonl from local repository snapshots.

Usage: python -m bench.build_corpus [--mirror DIR] [--out FILE]

Each source is a public GitHub repository brought onto this machine beforehand as a bare
snapshot under ``--mirror`` (default /work/.mirror, one ``<owner>+<name>/repo`` git directory
per repository). Nothing is downloaded here; a missing snapshot is named and skipped. Every
page becomes one JSON line: {"id", "source", "lang", "url", "html", "truth", "truth_full",
"title", "part"}. ``truth_full`` is false where the ground truth is only the start of the main
text; ``part`` ("tune" or "report") comes from a hash of the id, so the split never changes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.dev_split import part_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = Path("/work/.mirror")
DEFAULT_OUT = ROOT / "data" / "pages.jsonl"
_INVISIBLE = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Page:
    """One page with its human ground truth."""

    id: str
    source: str
    lang: str
    url: str | None
    html: str
    truth: str
    truth_full: bool
    title: str | None
    part: str = ""


class Snapshot:
    """Read files of one bare repository snapshot at its HEAD."""

    def __init__(self, mirror: Path, repo: str) -> None:
        self.repo = repo
        self.git_dir = mirror / repo.replace("/", "+") / "repo"

    def present(self) -> bool:
        """Whether the snapshot exists on this machine."""
        return (self.git_dir / "HEAD").is_file()

    def files(self, prefix: str) -> list[str]:
        """Paths under ``prefix`` at HEAD."""
        out = self._git("ls-tree", "-r", "--name-only", "HEAD", prefix)
        return [line for line in out.decode("utf-8").splitlines() if line]

    def read(self, path: str) -> str:
        """A file's text at HEAD (UTF-8, undecodable bytes replaced)."""
        return self._git("show", f"HEAD:{path}").decode("utf-8", errors="replace")

    def _git(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True
        ).stdout


def htmltotext(snapshot: Snapshot) -> Iterator[Page]:
    """leogao2/htmltotext-benchmark: hand-cleaned text of pages in several languages."""
    for path in snapshot.files("benchmarkdata"):
        parts = path.split("/")
        if len(parts) != 4 or parts[2] != "html" or not path.endswith(".html"):
            continue
        lang, stem = parts[1], parts[3][: -len(".html")]
        text_path = f"benchmarkdata/{lang}/text/{stem}.txt"
        try:
            truth = snapshot.read(text_path)
        except subprocess.CalledProcessError:
            continue
        yield Page(
            f"htmltotext/{lang}/{stem}",
            snapshot.repo,
            lang,
            None,
            snapshot.read(path),
            truth,
            True,
            None,
        )


def webmainbench(snapshot: Snapshot) -> Iterator[Page]:
    """opendatalab/WebMainBench: the sample records shipped in the repository."""
    seen: set[str] = set()
    for path in ("data/WebMainBench_dataset_sample2.jsonl", "data/sample_dataset.jsonl"):
        try:
            lines = snapshot.read(path).splitlines()
        except subprocess.CalledProcessError:
            continue
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            url, truth = record.get("url"), record.get("groundtruth_content") or ""
            if not url or url in seen or not truth or not record.get("html"):
                continue
            seen.add(url)
            meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
            lang = meta.get("language") or record.get("language") or _guess_lang(truth)
            yield Page(
                f"webmainbench/{hashlib.sha1(url.encode()).hexdigest()[:12]}",
                snapshot.repo,
                lang,
                url,
                record["html"],
                truth,
                True,
                None,
            )


def goose(snapshot: Snapshot) -> Iterator[Page]:
    """goose3/goose3: news pages whose expected text is the start of the article and a title."""
    for path in snapshot.files("tests/data/content"):
        if not path.endswith(".json"):
            continue
        html_path = path[: -len(".json")] + ".html"
        try:
            html = snapshot.read(html_path)
        except subprocess.CalledProcessError:
            continue
        record = json.loads(snapshot.read(path))
        expected = record.get("expected") or {}
        truth = expected.get("cleaned_text") or ""
        if len(truth) < 20:
            continue
        lang = expected.get("meta_lang") or _guess_lang(truth)
        stem = path.rsplit("/", 1)[-1][: -len(".json")]
        yield Page(
            f"goose3/{stem}",
            snapshot.repo,
            lang,
            record.get("url"),
            html,
            truth,
            False,
            expected.get("title"),
        )


_JS_STRING = r"""(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`)"""
_FIXTURE = re.compile(r"readFileSync\(\s*'\./fixtures/([^']+\.html)'")
_URL = re.compile(r"\b(?:url|uri)\s*=\s*" + _JS_STRING)
_TITLE = re.compile(r"assert\.equal\(\s*title,\s*" + _JS_STRING + r"\s*,?\s*\)")
_FIRST_WORDS = re.compile(r"assert\.equal\(\s*first13,\s*" + _JS_STRING + r"\s*,?\s*\)")


def _js_value(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    raw = next((group for group in match.groups() if group is not None), "")
    return re.sub(r"\\(.)", r"\1", raw)


def postlight(snapshot: Snapshot) -> Iterator[Page]:
    """postlight/parser: per-site test pages with the expected title and first 13 words."""
    for path in snapshot.files("src/extractors/custom"):
        if not path.endswith("index.test.js"):
            continue
        test = snapshot.read(path)
        fixture = _FIXTURE.search(test)
        first_words = _js_value(_FIRST_WORDS.search(test))
        if fixture is None or not first_words:
            continue
        try:
            html = snapshot.read(f"fixtures/{fixture.group(1)}")
        except subprocess.CalledProcessError:
            continue
        site = path.split("/")[-2]
        yield Page(
            f"postlight/{site}",
            snapshot.repo,
            _guess_lang(first_words),
            _js_value(_URL.search(test)),
            html,
            first_words,
            False,
            _js_value(_TITLE.search(test)),
        )


def _guess_lang(text: str) -> str:
    kana = sum(1 for ch in text[:2000] if "\u3040" <= ch <= "\u30ff")
    if kana > 2:
        return "ja"
    cjk = sum(1 for ch in text[:2000] if "\u4e00" <= ch <= "\u9fff")
    return "zh" if cjk > 5 else "en"


SOURCES = {
    "leogao2/htmltotext-benchmark": htmltotext,
    "opendatalab/WebMainBench": webmainbench,
    "goose3/goose3": goose,
    "postlight/parser": postlight,
}


def holds_its_truth(page: Page) -> bool:
    """Whether the saved page holds its ground truth at all (some captures are error pages).

    The page's visible text must be at least half as long as a complete ground truth.
    """
    if not page.truth_full:
        return True
    visible = _TAG.sub(" ", _INVISIBLE.sub(" ", page.html))
    return len("".join(visible.split())) >= 0.5 * len("".join(page.truth.split()))


def build(mirror: Path) -> tuple[list[Page], list[str], list[str]]:
    """Pages of every present source with their part; the missing sources; broken captures."""
    pages: list[Page] = []
    missing: list[str] = []
    broken: list[str] = []
    for repo, reader in SOURCES.items():
        snapshot = Snapshot(mirror, repo)
        if not snapshot.present():
            missing.append(repo)
            continue
        for page in reader(snapshot):
            if not holds_its_truth(page):
                broken.append(page.id)
                continue
            pages.append(Page(**{**asdict(page), "part": part_of(page.id)}))
    return pages, missing, broken


def main(argv: list[str] | None = None) -> int:
    """Write the corpus and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    pages, missing, broken = build(args.mirror)
    for page_id in broken:
        print(f"corpus: skipped {page_id}: the saved page does not hold its ground truth")
    for repo in missing:
        print(
            f"corpus: snapshot of {repo} missing under {args.mirror}; "
            f"bring it with the fetch tool (github:{repo}) and run again",
            file=sys.stderr,
        )
    if not pages:
        print("corpus: no source present, nothing written", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for page in pages:
            out.write(json.dumps(asdict(page), ensure_ascii=False) + "\n")
    by = Counter((p.source, p.lang, p.part) for p in pages)
    print(f"corpus: {len(pages)} pages -> {args.out}")
    for (source, lang, part), n in sorted(by.items()):
        print(f"  {source:32} {lang:3} {part:6} {n}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
