"""`newsbot summarize`: the summarizer's own command line, reachable from the main command."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `summarize` subcommand (its arguments are parsed by `summarizer.cli`)."""
    subparsers.add_parser(
        "summarize",
        help="summarize an article file (same options as `python -m summarizer`)",
        add_help=False,
    )
