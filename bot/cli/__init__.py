"""The `newsbot` command: one subcommand module per concern, composed here."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from bot.settings import SettingsError, load_settings

# Each module exposes `register(subparsers)`, which adds its parser and sets `handler`,
# a callable `(args, settings) -> int`. Imported lazily so `newsbot summarize` never loads Telegram.
SUBCOMMAND_MODULES = (
    "bot.cli.summarize",
    "bot.cli.db",
    "bot.cli.feeds",
    "bot.cli.regions",
    "bot.cli.ingest",
    "bot.cli.search",
    "bot.cli.digest",
    "bot.cli.run",
    "bot.cli.sandbox",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Regional news digests on Telegram."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that concern is not part of this build
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # python-telegram-bot 22 warns on every RetryAfter unless it may hand out timedeltas;
    # opting in keeps flood-control handling identical in production and tests.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    if args_list[:1] == ["summarize"]:
        # The summarizer has its own CLI; hand it the rest of the line untouched.
        from summarizer.cli import main as summarize_main

        return summarize_main(args_list[1:], prog="newsbot summarize")
    parser = build_parser()
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"newsbot: configuration error: {exc}", file=sys.stderr)
        return 2
    result: int = handler(args, settings)
    return result
