"""Quality gate: on the dev set's untouched part the default must not fall below Lead-3.

The dev set is split by id (bench/dev_split.py). Ranking changes are tuned on the "tune" part
only; this gate reads the "report" part (45 of the 99 articles), so a change that merely fits
the tuned articles does not pass here. The bar is relative, not a pinned score: the default
is at least Lead-3 on ROUGE-1, ROUGE-2 and ROUGE-Lsum with summaries no longer than Lead-3's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from bench.dev_split import REPORT, part_of
from summarizer.algorithms import select
from summarizer.languages import get_language

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT / ".." / "shared" / "eval" / "cnndm_dev.jsonl"


SENTENCES = 3
SCORES = ("rouge1", "rouge2", "rougeLsum")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DEV_SET.is_file(), reason=f"shared eval set absent: {DEV_SET}"),
]


def _mean_scores(
    picks: list[list[int]], split: list[list[str]], refs: list[str]
) -> dict[str, float]:
    scorer = rouge_scorer.RougeScorer(list(SCORES), use_stemmer=True)
    total = dict.fromkeys((*SCORES, "words"), 0.0)
    for picked, sentences, reference in zip(picks, split, refs, strict=True):
        summary = "\n".join(sentences[i] for i in picked)
        scores = scorer.score(reference, summary)
        for name in SCORES:
            total[name] += 100 * scores[name].fmeasure
        total["words"] += len(summary.split())
    return {name: value / len(picks) for name, value in total.items()}


def test_default_is_not_below_lead3_on_the_untouched_part() -> None:
    rows = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line]
    rows = [row for row in rows if part_of(str(row["id"])) == REPORT]
    assert len(rows) >= 40, "the report part lost articles: the split changed"
    english = get_language("en")
    split = [list(english.tokenizer.to_sentences(row["text"])) for row in rows]
    refs = [row["references"][0] for row in rows]
    ours = _mean_scores([select(s, SENTENCES, language=english) for s in split], split, refs)
    lead = _mean_scores([list(range(min(SENTENCES, len(s)))) for s in split], split, refs)
    for name in SCORES:
        assert ours[name] >= lead[name], (name, ours, lead)
    assert ours["words"] <= lead["words"], (ours, lead)
