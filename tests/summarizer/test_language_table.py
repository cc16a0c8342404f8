"""The README's language table is the one the live tables produce."""

from __future__ import annotations

from pathlib import Path

from tests.language_table import table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_holds_the_current_language_table() -> None:
    assert table() in README.read_text(encoding="utf-8"), (
        "README.md's language table is out of date: paste `python -m tests.language_table`"
    )
