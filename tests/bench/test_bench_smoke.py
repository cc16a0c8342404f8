"""The benches still run: each at a tiny size, checking what they report (never timings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.delivery import run_once
from bench.memory import fill, measure
from bench.search import load
from bench.search import measure as measure_search
from bot.store import open_store

ROOT = Path(__file__).resolve().parents[2]


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
    for script in ("crowd", "delivery", "memory", "search", "soak", "extract_stress"):
        done = subprocess.run(
            [sys.executable, "-m", f"bench.{script}", "--help"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        assert "usage:" in done.stdout


@pytest.mark.slow
def test_soak_rounds_count_the_poisoned_page_and_nothing_else() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.soak",
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
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rounds completed: 2 of 2; crashes of the ingesting process: 0" in done.stdout
    assert (
        "pages: 24, articles stored: 24, pages lost to a dead worker: 2 (poisoned on purpose: 2)"
        in (done.stdout)
    )
    assert "fell back to feed text unexpectedly: 0" in done.stdout
