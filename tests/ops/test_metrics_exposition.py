"""/metrics via prometheus_client: today's `newsbot_` names, database reads, many processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from bot.ops.collectors import StoreCollector
from bot.ops.exposition import Exposition, multiprocess_mode
from bot.ops.metrics import (
    COMMAND_SECONDS,
    FETCHES,
    MESSAGES_FAILED,
    REGISTRY,
)
from bot.store import Store

Samples = dict[str, float]

# Every series named in the operator docs, as Prometheus sees them after parsing.
DOCUMENTED = {
    "newsbot_feeds",
    "newsbot_fetches_total",
    "newsbot_articles_ingested_total",
    "newsbot_summaries_total",
    "newsbot_summarize_seconds",
    "newsbot_digests_built_total",
    "newsbot_messages_sent_total",
    "newsbot_messages_failed_total",
    "newsbot_outbox_depth",
    "newsbot_outbox_oldest_age_seconds",
    "newsbot_telegram_429_total",
    "newsbot_command_seconds",
    "newsbot_command_errors_total",
    "newsbot_ingest_ticks_total",
    "newsbot_leader",
    "newsbot_metrics_collector_errors_total",
}


def samples(text: str) -> Samples:
    """`name{a="b"}` (labels sorted) -> value, parsed by prometheus_client's own parser."""
    found: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            found[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return found


def type_names(text: str) -> set[str]:
    return {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE ")}


def test_this_process_is_not_in_multiprocess_mode() -> None:
    # The other tests of this module rely on it; the subprocess test below covers the other mode.
    assert not multiprocess_mode()


def test_every_documented_series_with_database_gauges(store: Store) -> None:
    store.feeds.add("https://example.org/a.xml")
    paused = store.feeds.add("https://example.org/b.xml")
    store.feeds.pause(paused.id)
    store.feeds.add("https://example.org/c.xml")
    body, content_type = Exposition([StoreCollector(store)]).render()
    text = body.decode()
    assert content_type == "text/plain; version=0.0.4; charset=utf-8"
    assert type_names(text) >= DOCUMENTED
    assert all(name.startswith("newsbot_") for name in type_names(text))
    assert "_created" not in text
    seen = samples(text)
    assert seen['newsbot_feeds{state="active"}'] == 2
    assert seen['newsbot_feeds{state="paused"}'] == 1
    assert seen["newsbot_outbox_depth"] == 0
    assert seen["newsbot_outbox_oldest_age_seconds"] == 0


def test_labelled_series_move_with_the_code_that_counts() -> None:
    before = samples(Exposition().render()[0].decode())
    FETCHES.labels(outcome="timeout").inc()
    MESSAGES_FAILED.labels(reason="blocked").inc(2)
    for seconds in (0.004, 0.3, 40.0):
        COMMAND_SECONDS.labels(command="search").observe(seconds)
    after = samples(Exposition().render()[0].decode())

    def moved(key: str) -> float:
        return after[key] - before.get(key, 0.0)

    assert moved('newsbot_fetches_total{outcome="timeout"}') == 1
    assert moved('newsbot_messages_failed_total{reason="blocked"}') == 2
    # The bucket bounds of the hand-written registry, now prometheus_client's cumulative buckets.
    assert moved('newsbot_command_seconds_bucket{command="search",le="0.005"}') == 1
    assert moved('newsbot_command_seconds_bucket{command="search",le="0.5"}') == 2
    assert moved('newsbot_command_seconds_bucket{command="search",le="30.0"}') == 2
    assert moved('newsbot_command_seconds_bucket{command="search",le="+Inf"}') == 3
    assert moved('newsbot_command_seconds_count{command="search"}') == 3
    assert (
        REGISTRY.get_sample_value("newsbot_command_seconds_count", {"command": "search"})
        == after['newsbot_command_seconds_count{command="search"}']
    )


def test_openmetrics_when_the_scraper_asks_for_it() -> None:
    body, content_type = Exposition().render("application/openmetrics-text; version=1.0.0")
    assert content_type.startswith("application/openmetrics-text")
    assert body.decode().endswith("# EOF\n")


WORKER = """
import sys
from bot.ops.exposition import forget_this_process
from bot.ops.metrics import FETCHES, LEADER
FETCHES.labels(outcome="ok").inc(int(sys.argv[1]))
LEADER.set(int(sys.argv[2]))
if sys.argv[3] == "stop":
    forget_this_process()
"""

SCRAPE = """
import sys
from bot.ops.exposition import Exposition, multiprocess_mode
assert multiprocess_mode()
sys.stdout.write(Exposition().render()[0].decode())
"""


def _python(script: str, *args: str, folder: Path) -> str:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(folder)}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_processes_sharing_a_directory_answer_for_each_other(tmp_path: Path) -> None:
    _python(WORKER, "3", "1", "run", folder=tmp_path)  # the leader, still running
    _python(WORKER, "4", "0", "run", folder=tmp_path)
    seen = samples(_python(SCRAPE, folder=tmp_path))
    assert seen['newsbot_fetches_total{outcome="ok"}'] == 7
    assert seen["newsbot_leader"] == 1
    # A process that stops cleanly takes its live gauges along, but not its counts.
    _python(WORKER, "5", "1", "stop", folder=tmp_path)
    seen = samples(_python(SCRAPE, folder=tmp_path))
    assert seen['newsbot_fetches_total{outcome="ok"}'] == 12
    assert seen["newsbot_leader"] == 1
