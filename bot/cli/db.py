"""`newsbot db upgrade|current|backup`: apply and inspect migrations, copy a SQLite database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.region_seed import seed_regions
from bot.ops.backup import backup_sqlite
from bot.ops.errors import OpsError
from bot.settings import Settings
from bot.store import StoreError, head_revision, open_store


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `db` subcommand and its actions."""
    parser = subparsers.add_parser("db", help="database migrations")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help="apply every pending migration")
    upgrade.set_defaults(handler=run_upgrade)
    current = actions.add_parser("current", help="show the database's migration revision")
    current.set_defaults(handler=run_current)
    backup = actions.add_parser(
        "backup", help="copy the SQLite database consistently, even while the bot runs"
    )
    backup.add_argument("file", type=Path, help="where to write the copy (must not exist)")
    backup.set_defaults(handler=run_backup)
    parser.set_defaults(handler=_usage(parser))


def _usage(parser: argparse.ArgumentParser) -> object:
    def handler(_args: argparse.Namespace, _settings: Settings) -> int:
        parser.print_usage(sys.stderr)
        print("newsbot db: choose an action: upgrade, current or backup", file=sys.stderr)
        return 2

    return handler


def run_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    """Migrate the configured database to the newest revision; load regions into an empty one."""
    try:
        with open_store(settings.database_url) as store:
            before = store.current_revision()
            store.upgrade()
            after = store.current_revision()
            loaded = seed_regions(store, settings)
    except StoreError as exc:
        print(f"newsbot db upgrade: {exc}", file=sys.stderr)
        return 1
    if before == after:
        print(f"database already at revision {after}")
    else:
        print(f"database upgraded from {before or 'empty'} to {after}")
    if loaded:
        print(f"loaded {loaded} regions from {settings.config_dir / 'regions.toml'}")
    return 0


def run_current(_args: argparse.Namespace, settings: Settings) -> int:
    """Print the database's revision and whether it is the newest."""
    try:
        with open_store(settings.database_url) as store:
            revision = store.current_revision()
    except StoreError as exc:
        print(f"newsbot db current: {exc}", file=sys.stderr)
        return 1
    head = head_revision()
    if revision is None:
        print(f"database is empty (no revision); newest is {head}: run `newsbot db upgrade`")
    elif revision == head:
        print(f"{revision} (head)")
    else:
        print(f"{revision} (newest is {head}: run `newsbot db upgrade`)")
    return 0


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    """Write a consistent copy of the configured SQLite database to FILE."""
    try:
        result = backup_sqlite(settings.database_url, args.file)
    except OpsError as exc:
        print(f"newsbot db backup: {exc}", file=sys.stderr)
        return 2
    print(f"backed up to {result.path} ({result.size_bytes:,} bytes)")
    return 0
