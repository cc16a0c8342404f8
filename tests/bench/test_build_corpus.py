"""The corpus builder reads each source's layout from a real git snapshot and keeps sound pages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from bench.build_corpus import (
    PER_LANGUAGE,
    Page,
    Snapshot,
    daniel,
    holds_its_truth,
    ir_research,
    json_line,
    page_url,
    paragraphs_text,
    sample,
)

ARTICLE = (
    "The river rose two metres overnight and the old bridge was closed to traffic. "
    "Engineers will inspect its pillars once the water falls again next week."
)


def _snapshot(tmp_path: Path, repo: str, files: dict[str, bytes]) -> Snapshot:
    """A bare snapshot of ``repo`` under ``tmp_path`` holding ``files`` at HEAD."""
    work = tmp_path / "work"
    for name, content in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(content)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    subprocess.run([*git, "-C", str(work), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-qm", "pages"], check=True)
    target = tmp_path / "mirror" / repo.replace("/", "+") / "repo"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(target)], check=True)
    return Snapshot(tmp_path / "mirror", repo)


def _page(html: str, truth: str) -> Page:
    return Page("x/1", "x", "en", None, html, truth, True, None)


def test_paragraph_references_become_one_line_each_unescaped() -> None:
    reference = "<p>First  line &amp; more</p>\n<p>\n</p><p class='x'>Second <b>line</b></p>"
    assert paragraphs_text(reference) == "First line & more\nSecond line"


def test_sample_keeps_one_page_a_host_whatever_else_is_offered() -> None:
    items = [(f"id{i}", f"host{i % 3}", "en") for i in range(12)]
    kept = sample(items)
    assert len(kept) == 3
    assert {int(page_id[2:]) % 3 for page_id in kept} == {0, 1, 2}
    # The choice rests on the ids alone: more pages of other hosts never change it.
    assert set(kept) <= set(sample([*items, ("other", "elsewhere", "en")]))


def test_sample_stops_a_language_at_its_cap() -> None:
    items = [(f"zh{i}", f"h{i}", "zh") for i in range(PER_LANGUAGE + 20)] + [("en0", "e", "en")]
    kept = sample(items)
    assert sum(page_id.startswith("zh") for page_id in kept) == PER_LANGUAGE
    assert "en0" in kept


def test_page_url_comes_from_canonical_link_or_og_url() -> None:
    canonical = '<link rel="canonical" href="https://news.example.org/a?b=1&amp;c=2">'
    assert page_url(canonical) == "https://news.example.org/a?b=1&c=2"
    og = "<meta property='og:url' content='http://example.com/story'>"
    assert page_url(og) == "http://example.com/story"
    assert page_url('<link rel="canonical" href="/relative">') is None
    assert page_url("<p>no address</p>") is None


def test_a_capture_must_hold_most_of_its_ground_truth() -> None:
    page = f"<html><script>var x = 1;</script><p>{ARTICLE}</p><p>Menu Home About</p></html>"
    assert holds_its_truth(_page(page, ARTICLE))
    # Another article saved in its place, though as long as the truth.
    other = "A different story about a football match that ended in a draw. " * 3
    assert not holds_its_truth(_page(f"<p>{other}</p>", ARTICLE))
    # An error page.
    assert not holds_its_truth(_page("<p>Not found</p>", ARTICLE))


def test_daniel_reader_pairs_pages_and_references_and_maps_languages(tmp_path: Path) -> None:
    base = "corpora/Corpus_daniel_v2.1"
    names = {
        "20120101_news.example.cn_aaaa": "Chinese",
        "20120101_www.example.ru_bbbb": "Russian",
        "20120102_www.example.ru_cccc": "Russian",  # same host: only one of the two stays
        "20120101_www.example.fr_dddd": "French",  # a language the corpus does not map
        "20120101_no.reference.org_eeee": "English",  # a page without its reference
    }
    files = {f"{base}/doc_lg.json": json.dumps(names).encode()}
    for name in names:
        files[f"{base}/html/{name}"] = f"<html><p>{name} 新闻正文</p></html>".encode()
        if "no.reference" not in name:
            files[f"{base}/reference/{name}"] = f"<p>{name}</p>\n<p>新闻正文</p>".encode()
    pages = list(daniel(_snapshot(tmp_path, "rundimeco/waddle", files)))
    assert sorted((page.lang, page.id.split("/")[1]) for page in pages) == [
        ("ru", "www.example.ru"),
        ("zh", "news.example.cn"),
    ]
    chinese = next(page for page in pages if page.lang == "zh")
    assert chinese.id == "daniel/news.example.cn/aaaa"
    assert chinese.truth == "20120101_news.example.cn_aaaa\n新闻正文"
    assert chinese.truth_full
    assert chinese.url is None


def test_ir_research_reader_decodes_legacy_gold_and_page_charsets(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        '<link rel="canonical" href="https://www.example.com/story"></head>'
        "<body><p>It\x92s raining</p></body></html>"
    ).encode("latin-1")
    files = {
        "Extraction/chaos-all/html/rain (1).htm": page,
        "Extraction/chaos-all/gold/rain (1).txt": "It\u2019s raining\n".encode("cp1252"),
        "Extraction/chaos-all/gold/orphan.txt": b"no page for this gold text",
    }
    pages = list(ir_research(_snapshot(tmp_path, "MSVCode/ir-research-data", files)))
    assert [(p.id, p.url, p.truth, p.lang) for p in pages] == [
        ("msv/chaos-all/rain-1", "https://www.example.com/story", "It\u2019s raining", "en")
    ]
    assert "It\u2019s raining" in pages[0].html


def test_json_lines_survive_splitlines_whatever_the_page_holds() -> None:
    record = {"html": "a\x85b\u2028c\u2029d\x1ce\nf", "truth": "ok"}
    text = json_line(record) + json_line({"html": "", "truth": "second"})
    lines = text.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0]) == record


def test_pages_labelled_latin1_read_as_windows_1252(tmp_path: Path) -> None:
    page = b'<meta charset="ISO-8859-1"><p>Wait\x85 it\x92s here</p>'
    snapshot = _snapshot(tmp_path, "o/r", {"page.html": page})
    assert snapshot.read_html("page.html") == (
        '<meta charset="ISO-8859-1"><p>Wait\u2026 it\u2019s here</p>'
    )
