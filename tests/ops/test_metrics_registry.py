import re
import threading

import pytest

from bot.ops import metrics
from bot.ops.registry import Registry


def test_counter_renders_labels_and_escapes_values() -> None:
    reg = Registry()
    fetches = reg.counter("fetches_total", "Fetches.", ["outcome"])
    fetches.inc(outcome="ok")
    fetches.inc(2, outcome="ok")
    fetches.inc(outcome='bad"one\\\n')
    text = reg.render()
    assert "# TYPE newsbot_fetches_total counter" in text
    assert 'newsbot_fetches_total{outcome="ok"} 3' in text
    assert 'newsbot_fetches_total{outcome="bad\\"one\\\\\\n"} 1' in text


def test_counter_refuses_decrease_and_wrong_labels() -> None:
    reg = Registry()
    counter = reg.counter("x_total", "X.", ["reason"])
    with pytest.raises(ValueError, match="cannot decrease"):
        counter.inc(-1, reason="a")
    with pytest.raises(ValueError, match="takes labels"):
        counter.inc(other="a")
    with pytest.raises(ValueError, match="already registered"):
        reg.counter("x_total", "again")


def test_histogram_buckets_are_cumulative_with_sum_and_count() -> None:
    reg = Registry()
    hist = reg.histogram("cmd_seconds", "Latency.", ["command"], buckets=(0.1, 1.0))
    for value in (0.05, 0.5, 0.7, 3.0):
        hist.observe(value, command="search")
    text = reg.render()
    assert 'newsbot_cmd_seconds_bucket{command="search",le="0.1"} 1' in text
    assert 'newsbot_cmd_seconds_bucket{command="search",le="1"} 3' in text
    assert 'newsbot_cmd_seconds_bucket{command="search",le="+Inf"} 4' in text
    assert 'newsbot_cmd_seconds_sum{command="search"} 4.25' in text
    assert 'newsbot_cmd_seconds_count{command="search"} 4' in text
    with hist.time(command="help"):
        pass
    assert hist.count(command="help") == 1


def test_gauge_replace_drops_vanished_series_and_collector_runs_on_render() -> None:
    reg = Registry()
    feeds = reg.gauge("feeds", "Feeds.", ["state"])
    states = {("active",): 3.0, ("paused",): 1.0}
    reg.add_collector(lambda: feeds.replace(states))
    assert 'newsbot_feeds{state="paused"} 1' in reg.render()
    states = {("active",): 4.0}
    text = reg.render()
    assert 'newsbot_feeds{state="active"} 4' in text
    assert "paused" not in text


def test_failing_collector_is_counted_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    reg = Registry()

    def broken() -> None:
        raise RuntimeError("database went away")

    reg.add_collector(broken)
    text = reg.render()
    assert "newsbot_metrics_collector_errors_total 1" in text
    assert "metrics collector failed" in caplog.text


def test_concurrent_increments_are_not_lost() -> None:
    reg = Registry()
    counter = reg.counter("hits_total", "Hits.")

    def work() -> None:
        for _ in range(5000):
            counter.inc()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counter.value() == 20000


def test_process_registry_exposes_every_metric_of_the_issue() -> None:
    text = metrics.REGISTRY.render()
    names = set(re.findall(r"^# TYPE (\S+) ", text, flags=re.MULTILINE))
    assert {
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
    } <= names
    assert all(n.startswith("newsbot_") for n in names)
    # Every sample line is `name{labels} value` or `name value`, as Prometheus parses them.
    for line in text.splitlines():
        if not line.startswith("#"):
            assert re.fullmatch(r"newsbot_[a-z0-9_]+(\{[^}]*\})? \S+", line), line
