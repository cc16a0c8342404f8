"""The delivery core stays free of python-telegram-bot, in the contract and at run time."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import bot.delivery

ROOT = Path(__file__).resolve().parents[2]
ADAPTER = "bot.delivery.telegram_transport"
CONTRACT = "the delivery core never speaks Telegram"


def _core_modules() -> set[str]:
    found = {f"bot.delivery.{m.name}" for m in pkgutil.iter_modules(bot.delivery.__path__)}
    assert ADAPTER in found
    return (found - {ADAPTER}) | {"bot.delivery"}


def test_every_core_module_is_under_the_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (contract,) = [c for c in contracts if c["name"] == CONTRACT]
    assert set(contract["source_modules"]) == _core_modules()
    assert "telegram" in contract["forbidden_modules"]


def test_importing_the_core_does_not_load_telegram() -> None:
    modules = sorted(_core_modules())
    code = (
        f"import importlib, sys\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'telegram' or m.startswith('telegram.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
