"""Debris gate: articles wrapped in debris worded as nothing was tuned on stay clean.

bench/debris.py wraps the dev set's report part (and its own Chinese stories) in header and
tail debris drawn from the held-out wordings; at most 2% of the summaries may show any of it,
none may be empty and no debris line may head a section, for text and for HTML input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.debris import run

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / ".." / "shared" / "eval" / "cnndm_dev.jsonl"


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DEV_SET.is_file(), reason=f"shared eval set absent: {DEV_SET}"),
]


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_held_out_debris_stays_out_of_summaries(fmt: str) -> None:
    tally = run("heldout", fmt, DEV_SET)
    assert tally.summaries >= 40
    assert len(tally.with_debris) <= 0.02 * tally.summaries, tally.with_debris
    assert tally.empty == []
    assert tally.headings == []
    assert tally.titles == []
