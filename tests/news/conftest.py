"""Fixtures for bot.news tests: the local feed server with the test site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.feedserver import FeedServer
from tests.news.feedsite import build_site


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """The local feed server, serving the test site."""
    server = FeedServer()
    server.site = build_site(server)  # type: ignore[attr-defined]
    server.start()
    try:
        yield server
    finally:
        server.stop()
