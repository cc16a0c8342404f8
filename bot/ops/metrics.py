"""The bot's metrics (prometheus_client), e.g. `FETCHES.labels(outcome="ok").inc()`.

Label values must come from small fixed sets (outcomes, reasons, known command names), never
from user input, or the number of series grows without bound. The database-backed gauges
(feeds by state, outbox depth and age) are read at scrape time by bot.ops.collectors.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics

# Today's series only: no `_created` twin for every counter and histogram.
disable_created_metrics()

# The bot's own registry, not prometheus_client's default one, so /metrics carries `newsbot_`
# series only (no process_* or python_* collectors).
REGISTRY = CollectorRegistry()
PREFIX = "newsbot_"
# Finer than prometheus_client's defaults below 0.1 s, where commands and summaries land.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, float("inf"))

FETCHES = Counter(
    PREFIX + "fetches_total",
    "Feed fetches by outcome (ok, not_modified, error, timeout, refused, too_large).",
    ["outcome"],
    registry=REGISTRY,
)
ARTICLES_INGESTED = Counter(
    PREFIX + "articles_ingested_total", "New articles stored by ingestion.", registry=REGISTRY
)
SUMMARIES = Counter(
    PREFIX + "summaries_total",
    "Articles summarized; its rate() is summaries per second.",
    registry=REGISTRY,
)
SUMMARIZE_SECONDS = Histogram(
    PREFIX + "summarize_seconds",
    "Seconds spent extracting and summarizing one article.",
    buckets=BUCKETS,
    registry=REGISTRY,
)
DIGESTS_BUILT = Counter(
    PREFIX + "digests_built_total",
    "Digests built (once per distinct regions/language/options).",
    registry=REGISTRY,
)
MESSAGES_SENT = Counter(
    PREFIX + "messages_sent_total", "Outbox messages accepted by Telegram.", registry=REGISTRY
)
MESSAGES_FAILED = Counter(
    PREFIX + "messages_failed_total",
    "Outbox messages not delivered on a try, by reason (retry_after, blocked, chat_not_found, "
    "topic_not_found, migrated, server_error, timeout, bad_request, gave_up, error).",
    ["reason"],
    registry=REGISTRY,
)
TELEGRAM_429 = Counter(
    PREFIX + "telegram_429_total",
    "Flood-control answers (HTTP 429, retry_after) received from Telegram.",
    registry=REGISTRY,
)
COMMAND_SECONDS = Histogram(
    PREFIX + "command_seconds",
    "Seconds from receiving a command to answering it.",
    ["command"],
    buckets=BUCKETS,
    registry=REGISTRY,
)
COMMAND_ERRORS = Counter(
    PREFIX + "command_errors_total",
    "Commands that ended in an unexpected error.",
    ["command"],
    registry=REGISTRY,
)
INGEST_TICKS = Counter(
    PREFIX + "ingest_ticks_total",
    "Ingest ticks run by this process, by outcome (ok, error).",
    ["outcome"],
    registry=REGISTRY,
)
LEADER = Gauge(
    PREFIX + "leader",
    "1 when this process holds the lock that runs the ingest and digest ticks.",
    registry=REGISTRY,
    # Several processes writing to one PROMETHEUS_MULTIPROC_DIR: the sum over the live ones.
    multiprocess_mode="livesum",
)
COLLECTOR_ERRORS = Counter(
    PREFIX + "metrics_collector_errors_total",
    "Scrape-time database reads that failed while rendering /metrics.",
    registry=REGISTRY,
)
