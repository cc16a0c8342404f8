"""Process-wide logging: plain text or JSON lines, with the bot token scrubbed from every record."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import TextIO

REDACTED = "<token>"

# httpx logs each request URL at INFO; those URLs hold the token, and routine polling would
# otherwise flood the log with one line per getUpdates call.
_NOISY_LOGGERS = ("httpx", "httpcore", "apscheduler.executors.default", "apscheduler.scheduler")


class TokenRedactingFilter(logging.Filter):
    """Replace every occurrence of the given secrets in a record's message and traceback."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        # Longest first, so a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """Return `text` with every secret replaced by a placeholder."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the record's message once, redacted, and drop the raw arguments."""
        if not self._secrets:
            return True
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        # The traceback is now kept as redacted text only.
        record.exc_info = None
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        """Serialize the record as a compact JSON object."""
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            payload["exception"] = record.exc_text
        return json.dumps(payload, ensure_ascii=False)


def install_redaction(secrets: list[str], logger: logging.Logger | None = None) -> None:
    """Attach a redacting filter to every handler of `logger` (the root logger by default)."""
    target = logger or logging.getLogger()
    redactor = TokenRedactingFilter(secrets)
    for handler in target.handlers:
        handler.addFilter(redactor)


class _OwnHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Marks the handler installed here, so a second setup replaces it and nothing else."""


def setup_logging(
    *,
    level: str = "INFO",
    log_format: str = "text",
    secrets: list[str] | None = None,
    stream: TextIO | None = None,
) -> None:
    """Configure the root logger for the process: format, level and token redaction."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _OwnHandler)]:
        root.removeHandler(old)
    handler = _OwnHandler(stream or sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonLinesFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.getLevelName(level) != logging.DEBUG
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING if quiet else logging.NOTSET)
    install_redaction(secrets or [])
