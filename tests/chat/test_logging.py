"""The bot token never appears in a log line, in text or JSON format, tracebacks included."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.chat.logging_setup import REDACTED, TokenRedactingFilter, setup_logging
from bot.runtime import Background, build_bot
from bot.sandbox import BotApiEmulator
from bot.settings import Settings
from bot.store import Store
from tests.botapi import private_chat
from tests.chat.threaded import ThreadedBot

TOKEN = "123456789:SANDBOX-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Route the root logger through `setup_logging` into a buffer; restore it afterwards."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    buffer = io.StringIO()
    yield buffer
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_filter_redacts_arguments_and_tracebacks() -> None:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(TokenRedactingFilter([TOKEN]))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling %s/bot%s/getMe", "https://api.example", TOKEN)
        try:
            raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("boom")
    finally:
        logger.removeHandler(handler)
    text = buffer.getvalue()
    assert TOKEN not in text
    assert f"/bot{REDACTED}/getMe" in text
    assert f"RuntimeError: failed at /bot{REDACTED}/sendMessage" in text


def test_json_lines_are_redacted(captured: io.StringIO) -> None:
    setup_logging(level="INFO", log_format="json", secrets=[TOKEN], stream=captured)
    logging.getLogger("bot.test").info("token is %s", TOKEN)
    (line,) = captured.getvalue().splitlines()
    record = json.loads(line)
    assert record["message"] == f"token is {REDACTED}"
    assert record["level"] == "INFO"


def test_running_bot_logs_no_token(captured: io.StringIO, store: Store) -> None:
    setup_logging(level="DEBUG", secrets=[TOKEN], stream=captured)
    with BotApiEmulator(TOKEN) as api:
        settings = Settings(bot_token=api.token, api_url=api.root, database_url="unused")
        application = build_bot(settings, store, background=Background.none())
        runner = ThreadedBot(application).start()
        try:
            _user, chat = private_chat(api)
            api.send_text(chat, "/help")
            api.wait_for(1, chat=chat)
        finally:
            runner.stop()
    text = captured.getvalue()
    assert "getUpdates" in text  # httpx logged request URLs, which hold the token...
    assert TOKEN not in text  # ...and every one of them was redacted
    assert f"/bot{REDACTED}/" in text
