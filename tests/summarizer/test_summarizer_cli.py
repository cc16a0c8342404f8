"""The command line, through main() and as a real `python -m summarizer` process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.cli import main

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SAMPLE = REPO / ".." / "shared" / "samples" / "jinyuan-cadre-training.txt"
JUNK = ("Shaohao", "Zhejiang", "Video/Snapshot", "END", "Editor", "Source")


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_done_when_sample_article_as_json() -> None:
    result = run(str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert (
        data["title"]
        == "Innovative party and cadre training mode of Jinyuan District, Taiyuan City"
    )
    assert data["byline"] == "Shanxi Pictorial"
    assert data["published"] == "2022-07-27"
    assert data["language"] == "en"
    assert [s["heading"] for s in data["sections"]] == [
        "Red visit+base teaching",
        "Couple assistance+four -handed teaching",
        "Students send teaching+flow lecture hall",
    ]
    assert all(1 <= len(s["sentences"]) <= 2 for s in data["sections"])
    assert len(data["sentences"]) == 3
    text = result.stdout.decode()
    for junk in JUNK:
        assert junk not in text


def test_main_text_and_markdown_formats(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "english_sections.txt")
    assert main([path]) == 0
    text = capsys.readouterr().out
    assert text.startswith(
        "Harbour bridge reopens after two years of repairs\nTom Becker · 2023-05-14\n"
    )
    assert "\nCost and delays\n" in text
    assert main([path, "--format", "markdown", "--sentences", "1"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# Harbour bridge reopens after two years of repairs\n")
    assert "\n## What changed\n" in markdown


def test_main_json_options(capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(DATA / "no_headings.txt"), "--format", "json", "--sentences", "2"]
    assert main([*args, "--algorithm", "lexrank", "--language", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "byline", "published", "language", "sentences", "sections"}
    assert len(data["sentences"]) == 2
    assert data["sections"] == []


def test_stdin_and_forced_html(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    html = b"<h1>Town fair</h1><p>The fair opened on Friday. Ten thousand people came.</p>"
    feed_stdin(monkeypatch, html)
    assert main(["-", "--html", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Town fair"


def test_legacy_encoding_is_decoded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (DATA / "chinese_clean.txt").read_text(encoding="utf-8")
    feed_stdin(monkeypatch, text.encode("gb18030"))
    assert main(["--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "城东社区建成老年食堂"


@pytest.mark.parametrize(
    ("stdin", "args", "message"),
    [
        (b"", [], "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "binary"),
        (b"Some text here.", ["--language", "xx"], "language"),
        (b"Some text here.", ["--algorithm", "nope"], "algorithm"),
        (b"Some text here.", ["--sentences", "zero"], "invalid int"),
        (b"Some text here.", ["--sentences", "0"], "at least 1"),
        (b"Some text here.", ["--format", "pdf"], "invalid choice"),
        (b"Some text here.", ["--bogus"], "unrecognized"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stdin: bytes,
    args: list[str],
    message: str,
) -> None:
    feed_stdin(monkeypatch, stdin)
    assert main(args, prog="newsbot summarize") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("newsbot summarize: error: ")
    assert captured.err.count("\n") == 1
    assert message in captured.err


def test_bad_input_in_a_process_has_no_traceback() -> None:
    result = run("--language", "xx", stdin=b"\xff\xfe\x00binary\x00")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_missing_file_and_oversized_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 10)
    assert main([str(big)]) == 2
    assert "larger than 50 MB" in capsys.readouterr().err


def test_jsonl_batch_keeps_order_and_skips_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "a", "text": (DATA / "english_sections.txt").read_text(), "x": 1}),
        "{not json",
        json.dumps({"id": "b", "text": (DATA / "chinese_clean.txt").read_text(), "lang": "zh"}),
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": "Short one. Two sentences.", "lang": "xx"}),
        "",
        json.dumps({"id": 5, "text": (DATA / "no_headings.txt").read_text()}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", str(source), "-o", str(out), "--sentences", "2"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b", 5]
    assert all(set(r) == {"id", "sentences", "sections"} for r in records)
    assert [len(r["sentences"]) for r in records] == [2, 2, 2]
    assert records[0]["sections"][0]["heading"] == "What changed"
    err = capsys.readouterr().err
    assert "line 2 skipped" in err
    assert "line 4 skipped" in err
    assert "line 5 skipped" in err
    assert "3 line(s) skipped" in err


def test_jsonl_batch_to_stdout_in_a_process(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "One fact. Another fact here."}) + "\n")
    result = run("--jsonl", str(source))
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["id"] == 1
    assert result.stderr == b""


def test_chinese_sentences_are_joined_without_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(DATA / "chinese_clean.txt"), "--sentences", "2"]) == 0
    out = capsys.readouterr().out
    assert "。 " not in out
    assert out.startswith("城东社区建成老年食堂\n\n")
