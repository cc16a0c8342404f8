"""Fixtures for bot.news tests: the local feed server with the test site."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# pytest puts tests/ on sys.path (rootdir conftest without __init__.py), where the directory
# tests/summarizer would shadow the real package as an empty namespace package. Import the
# real one first, from the project root, so `bot.news` gets the library it depends on.
_ROOT = str(Path(__file__).resolve().parents[2])
if "summarizer" not in sys.modules or not hasattr(sys.modules["summarizer"], "summarize"):
    sys.modules.pop("summarizer", None)
    sys.path.insert(0, _ROOT)
    try:
        import summarizer  # noqa: F401
    finally:
        sys.path.remove(_ROOT)

from feedserver import FeedServer  # noqa: E402
from feedsite import build_site  # noqa: E402


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    server.site = build_site(server)  # type: ignore[attr-defined]
    server.start()
    try:
        yield server
    finally:
        server.stop()
