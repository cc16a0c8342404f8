"""bench/inline.py still runs: a tiny archive on each store, checking what it reports."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from bench.inline import measure, reader_regions, search_inputs
from bench.search import load
from bot.sandbox import BotApiEmulator
from bot.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def test_inline_bench_asks_every_input_once_through_the_bot(store_url: str) -> None:
    with open_store(store_url) as store, BotApiEmulator() as api:
        load(store, 400)
        api.set_inline_mode()
        timings = asyncio.run(measure(api, store, store_url))
    asked = {kind: len(values) for kind, values in timings.items()}
    assert asked["one word"] == len(search_bench_words())
    assert asked["empty query"] == len(reader_regions())
    assert asked["next page"] > 0
    assert sum(asked.values()) >= len(search_inputs()) + len(reader_regions())


def search_bench_words() -> list[str]:
    return [ask.query for ask in search_inputs() if ask.kind == "one word"]


def test_inline_bench_explains_itself() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.inline", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
