"""Make sure these tests import the real summarizer package, not this test directory.

pytest puts tests/ on sys.path (its conftest has no __init__.py), where tests/summarizer
looks like an empty namespace package named "summarizer". The project root goes first.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
_loaded = sys.modules.get("summarizer")
if _loaded is not None and getattr(_loaded, "__file__", None) is None:
    for name in [m for m in sys.modules if m == "summarizer" or m.startswith("summarizer.")]:
        del sys.modules[name]
