"""The bot's metrics in one process-wide registry; callers do e.g. `FETCHES.inc(outcome="ok")`.

Label values must come from small fixed sets (outcomes, reasons, known command names), never
from user input, or the number of series grows without bound.
"""

from __future__ import annotations

from bot.ops.registry import Counter, Gauge, Histogram, Registry

REGISTRY = Registry(prefix="newsbot_")

FEEDS: Gauge = REGISTRY.gauge("feeds", "Feeds by state (active, paused).", ["state"])
FETCHES: Counter = REGISTRY.counter(
    "fetches_total",
    "Feed fetches by outcome (ok, not_modified, error, timeout, refused, too_large).",
    ["outcome"],
)
ARTICLES_INGESTED: Counter = REGISTRY.counter(
    "articles_ingested_total", "New articles stored by ingestion."
)
SUMMARIES: Counter = REGISTRY.counter(
    "summaries_total", "Articles summarized; its rate() is summaries per second."
)
SUMMARIZE_SECONDS: Histogram = REGISTRY.histogram(
    "summarize_seconds", "Seconds spent extracting and summarizing one article."
)
DIGESTS_BUILT: Counter = REGISTRY.counter(
    "digests_built_total", "Digests built (once per distinct regions/language/options)."
)
MESSAGES_SENT: Counter = REGISTRY.counter(
    "messages_sent_total", "Outbox messages accepted by Telegram."
)
MESSAGES_FAILED: Counter = REGISTRY.counter(
    "messages_failed_total",
    "Outbox messages not delivered on a try, by reason (retry_after, blocked, chat_not_found, "
    "topic_not_found, migrated, server_error, timeout, bad_request, gave_up, error).",
    ["reason"],
)
OUTBOX_DEPTH: Gauge = REGISTRY.gauge("outbox_depth", "Outbox messages waiting to be sent.")
OUTBOX_OLDEST_AGE: Gauge = REGISTRY.gauge(
    "outbox_oldest_age_seconds", "Age of the oldest unsent outbox message (0 when empty)."
)
TELEGRAM_429: Counter = REGISTRY.counter(
    "telegram_429_total", "Flood-control answers (HTTP 429, retry_after) received from Telegram."
)
COMMAND_SECONDS: Histogram = REGISTRY.histogram(
    "command_seconds", "Seconds from receiving a command to answering it.", ["command"]
)
COMMAND_ERRORS: Counter = REGISTRY.counter(
    "command_errors_total", "Commands that ended in an unexpected error.", ["command"]
)
INGEST_TICKS: Counter = REGISTRY.counter(
    "ingest_ticks_total", "Ingest ticks run by this process, by outcome (ok, error).", ["outcome"]
)
LEADER: Gauge = REGISTRY.gauge(
    "leader", "1 when this process holds the lock that runs the ingest and digest ticks."
)
