"""The summarizer's public API from many threads at once: same answers, and no native crash."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import summarizer
from bench.page_maker import PageMaker

ROOT = Path(__file__).resolve().parents[2]


def _summary(html: str, url: str) -> tuple[str | None, tuple[str, ...]]:
    article = summarizer.extract_article(html, url=url)
    return article.title, tuple(summarizer.summarize(article).sentences)


def test_threads_get_the_answers_one_thread_gets():
    pages = [
        (p.body.decode(p.charset), f"https://example.com/{n}")
        for n, p in enumerate(PageMaker(11).pages(24))
    ]
    alone = [_summary(html, url) for html, url in pages]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda page: _summary(*page), pages * 2))
    assert together == alone * 2
    assert all(title and sentences for title, sentences in alone)


@pytest.mark.slow
def test_threads_hammering_extract_and_summarize_never_crash_the_process():
    # In a child process, so that a native crash fails this test instead of killing pytest.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.extract_stress",
            "--variant",
            "summarizer",
            "--runs",
            "2",
            "--seconds",
            "15",
            "--threads",
            "6",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 of 2 runs crashed" in done.stdout
