"""Rebuild the real-page dev corpus into data/pages.jsonl from local repository snapshots.

Usage: python -m bench.build_corpus [--mirror DIR] [--out FILE]

Each source is a public GitHub repository brought onto this machine beforehand as a bare
snapshot under ``--mirror`` (default /work/.mirror, one ``<owner>+<name>/repo`` git directory
per repository). Nothing is downloaded here; a missing snapshot is named and skipped. Every
page becomes one JSON line: {"id", "source", "lang", "url", "html", "truth", "truth_full",
"title", "part"}. ``truth_full`` is false where the ground truth is only the start of the main
text; ``part`` ("tune" or "report") comes from a hash of the id, so the split never changes.
The two large sources give one page a site and at most 80 a language (see ``sample``).
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
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from bench.dev_split import part_of
from bench.snapshot import Snapshot

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
            snapshot.read_html(path),
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
            html = snapshot.read_html(html_path)
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
            html = snapshot.read_html(f"fixtures/{fixture.group(1)}")
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


_DANIEL = "corpora/Corpus_daniel_v2.1"
_DANIEL_LANGS = {"English": "en", "Chinese": "zh", "Russian": "ru", "Greek": "el", "Polish": "pl"}
_PARAGRAPH_TAG = re.compile(r"</?p\b[^>]*>", re.I)
PER_HOST = 1
PER_LANGUAGE = 160


def paragraphs_text(reference: str) -> str:
    """The text of a reference written as ``<p>`` paragraphs: one paragraph a line, unescaped."""
    lines = (unescape(_TAG.sub(" ", chunk)) for chunk in _PARAGRAPH_TAG.split(reference))
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def sample(items: list[tuple[str, str, str]]) -> list[str]:
    """Of (id, host, language) triples, the ids kept: one page a host, 80 a language.

    Pages of one site share its template, so more of them add little, and the bench's time
    grows with every page; which pages stay depends on a hash of the id alone, so the choice
    never shifts when other pages come or go.
    """
    kept: list[str] = []
    hosts: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for page_id, host, lang in sorted(
        items, key=lambda item: hashlib.sha1(item[0].encode()).digest()
    ):
        if hosts[host] < PER_HOST and languages[lang] < PER_LANGUAGE:
            hosts[host] += 1
            languages[lang] += 1
            kept.append(page_id)
    return sorted(kept)


def daniel(snapshot: Snapshot) -> Iterator[Page]:
    """rundimeco/waddle: the DAnIEL news pages (2011-2012) with their hand-cleaned text."""
    languages = json.loads(snapshot.read(f"{_DANIEL}/doc_lg.json"))
    have_html = {path.rsplit("/", 1)[-1] for path in snapshot.files(f"{_DANIEL}/html")}
    names = [
        path.rsplit("/", 1)[-1]
        for path in snapshot.files(f"{_DANIEL}/reference")
        if path.rsplit("/", 1)[-1] in have_html
    ]
    # Names are <date>_<host>_<hash>.
    triples = [
        (name, name.split("_")[1], _DANIEL_LANGS[languages[name]])
        for name in names
        if languages.get(name) in _DANIEL_LANGS
    ]
    for name in sample(triples):
        lang = _DANIEL_LANGS[languages[name]]
        truth = paragraphs_text(snapshot.read(f"{_DANIEL}/reference/{name}"))
        if not truth:
            continue
        _date, host, digest = name.split("_", 2)
        yield Page(
            f"daniel/{host}/{digest[:12]}",
            snapshot.repo,
            lang,
            None,
            snapshot.read_html(f"{_DANIEL}/html/{name}"),
            truth,
            True,
            None,
        )


_CANONICAL = re.compile(
    r"<link\b[^>]*\brel=[\"']canonical[\"'][^>]*\bhref=[\"']([^\"']+)"
    r"|<meta\b[^>]*\bproperty=[\"']og:url[\"'][^>]*\bcontent=[\"']([^\"']+)",
    re.I,
)


def page_url(page_html: str) -> str | None:
    """The page's own address from its canonical link or og:url, if it names one."""
    match = _CANONICAL.search(page_html)
    if match is None:
        return None
    url = unescape(match.group(1) or match.group(2)).strip()
    return url if url.startswith(("http://", "https://")) else None


def _host(url: str | None) -> str:
    return urlsplit(url or "").netloc.lower().removeprefix("www.")


def ir_research(snapshot: Snapshot) -> Iterator[Page]:
    """MSVCode/ir-research-data: 2017 pages of many sites ("chaos") and of nine news sites in
    2005-2017 ("big5-*"), each with a hand-made gold text."""
    found: dict[str, tuple[str, str, str | None]] = {}
    for folder in sorted(
        {path.split("/")[1] for path in snapshot.files("Extraction") if path.count("/") == 3}
    ):
        pages = {
            path.rsplit("/", 1)[-1].rsplit(".", 1)[0]: path
            for path in snapshot.files(f"Extraction/{folder}/html")
        }
        for gold in snapshot.files(f"Extraction/{folder}/gold"):
            stem = gold.rsplit("/", 1)[-1][: -len(".txt")]
            if stem not in pages:
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
            page_html = snapshot.read_html(pages[stem])
            found[f"msv/{folder}/{slug}"] = (page_html, gold, page_url(page_html))
    # Each folder samples sites on its own, so the cap is per folder and host.
    # A page naming no address of its own counts as a site of its own.
    triples = [
        (page_id, page_id.split("/")[1] + " " + (_host(url) or page_id), "en")
        for page_id, (_, _, url) in found.items()
    ]
    for page_id in sample(triples):
        page_html, gold, url = found[page_id]
        # Gold texts written on Windows are in its Western code page.
        truth = snapshot.read(gold, fallback="cp1252").strip()
        if not truth:
            continue
        yield Page(page_id, snapshot.repo, _guess_lang(truth), url, page_html, truth, True, None)


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
    "rundimeco/waddle": daniel,
    "MSVCode/ir-research-data": ir_research,
}


_WORD_CHARS = re.compile(r"[^\W_]+")
_PIECE = 8
_PIECES_FOUND = 0.8


def _letters(text: str) -> str:
    return "".join(_WORD_CHARS.findall(text.casefold()))


def holds_its_truth(page: Page) -> bool:
    """Whether the saved page holds its ground truth at all (some captures are error pages or
    another article than the one cleaned).

    The page's visible text must be at least half as long as a complete ground truth, and 80%
    of the truth's successive 8-character pieces (letters and digits only) must occur in it.
    """
    if not page.truth_full:
        return True
    visible = _letters(unescape(_TAG.sub(" ", _INVISIBLE.sub(" ", page.html))))
    truth = _letters(page.truth)
    if len(visible) < 0.5 * len(truth):
        return False
    pieces = [truth[i : i + _PIECE] for i in range(0, max(1, len(truth) - _PIECE + 1), _PIECE)]
    return sum(piece in visible for piece in pieces) >= _PIECES_FOUND * len(pieces)


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


_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_line(record: dict[str, object]) -> str:
    """One JSON line whose text holds no character that ``str.splitlines`` breaks at."""
    line = json.dumps(record, ensure_ascii=False)
    for char, escaped in _LINE_BREAKS.items():
        line = line.replace(char, escaped)
    return line + "\n"


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
            out.write(json_line(asdict(page)))
    by = Counter((p.source, p.lang, p.part) for p in pages)
    print(f"corpus: {len(pages)} pages -> {args.out}")
    for (source, lang, part), n in sorted(by.items()):
        print(f"  {source:32} {lang:3} {part:6} {n}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
