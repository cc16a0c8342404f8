"""A consistent copy of the SQLite database, taken while the bot keeps running.

SQLite's online backup API copies pages under its own locking, so the copy is a snapshot
of one committed state even while other connections write (WAL mode included). The copy is
written beside the destination first and renamed into place, so a failed backup never leaves
a half-written file under the requested name.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.ops.errors import OpsError

# Pages per step: small steps let writers in between, so the bot never stalls for long.
PAGES_PER_STEP = 1024


@dataclass(frozen=True)
class BackupResult:
    """Where the copy went and how big it is."""

    path: Path
    size_bytes: int


def sqlite_path(url: str) -> Path:
    """The database file named by a `sqlite:///...` URL; OpsError for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise OpsError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() != "sqlite":
        raise OpsError(
            f"backup copies SQLite databases; for {parsed.get_backend_name()} use its own tools "
            "(pg_dump for PostgreSQL)"
        )
    if not parsed.database or parsed.database == ":memory:":
        raise OpsError("an in-memory SQLite database has nothing to back up")
    return Path(parsed.database)


def backup_sqlite(url: str, dest: Path) -> BackupResult:
    """Copy the SQLite database at `url` to `dest` consistently; refuses to overwrite."""
    source = sqlite_path(url)
    if not source.is_file():
        raise OpsError(f"no database at {source}")
    dest = Path(dest)
    if dest.exists():
        raise OpsError(f"{dest} already exists; choose a new file name")
    if not dest.parent.is_dir():
        raise OpsError(f"directory {dest.parent} does not exist")
    partial = dest.with_name(dest.name + ".partial")
    try:
        _copy(source, partial)
        os.replace(partial, dest)
    except sqlite3.Error as exc:
        raise OpsError(f"backup failed: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(dest, dest.stat().st_size)


def _copy(source: Path, target: Path) -> None:
    # Opened read-only by URI: a backup must never create or alter the source.
    src = sqlite3.connect(f"file:{urllib.parse.quote(str(source.resolve()))}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=PAGES_PER_STEP)
            # The copy is a standalone file: no WAL beside it to forget when moving it.
            dst.execute("PRAGMA journal_mode=DELETE")
            check = dst.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise OpsError(f"the copy failed its integrity check: {check}")
        finally:
            dst.close()
    finally:
        src.close()
