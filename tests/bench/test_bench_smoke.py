"""The benches still run: each at a tiny size, checking what they report (never timings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from delivery import run_once  # noqa: E402
from memory import fill, measure  # noqa: E402
from search import load  # noqa: E402
from search import measure as measure_search  # noqa: E402

from bot.store import open_store  # noqa: E402


def test_delivery_sends_each_message_exactly_once(store_url: str) -> None:
    result = run_once(store_url, messages=30, rate=200)
    assert (result.delivered, result.missing, result.duplicates) == (30, 0, 0)


def test_memory_bench_builds_digests_and_reports_rss(store_url: str) -> None:
    with open_store(store_url) as store:
        fill(store, articles=300, subscribers=40)
    numbers = measure(store_url)
    assert numbers["messages"] == 40
    assert numbers["peak"] >= numbers["opened"] > 0


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_search_bench_finds_its_synthetic_words(store_url: str) -> None:
    with open_store(store_url) as store:
        load(store, 600)
        results = {label: hits for label, hits, _p50, _p95 in measure_search(store, runs=2)}
    assert results["common word"] > 0
    assert results["Chinese 2 chars"] > 0


def test_bench_scripts_explain_themselves() -> None:
    for script in (
        "crowd.py",
        "delivery.py",
        "memory.py",
        "search.py",
        "soak.py",
        "extract_stress.py",
    ):
        done = subprocess.run(
            [sys.executable, str(BENCH / script), "--help"], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "usage:" in done.stdout


@pytest.mark.slow
def test_soak_rounds_count_the_poisoned_page_and_nothing_else() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "soak.py"),
            "rounds",
            "--rounds",
            "2",
            "--pages-per-host",
            "4",
            "--poison",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rounds completed: 2 of 2; crashes of the ingesting process: 0" in done.stdout
    assert (
        "pages: 24, articles stored: 24, pages lost to a dead worker: 2 (poisoned on purpose: 2)"
        in (done.stdout)
    )
    assert "fell back to feed text unexpectedly: 0" in done.stdout
