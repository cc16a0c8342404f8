import sqlite3
from pathlib import Path

import pytest

from bot.ops.backup import backup_sqlite, sqlite_path
from bot.ops.errors import OpsError
from bot.store import open_store


def test_copy_holds_committed_rows_only_while_a_writer_is_mid_transaction(
    tmp_path: Path,
) -> None:
    db = tmp_path / "live #1.db"
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (n INTEGER)")
    writer.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(1000)])
    writer.execute("BEGIN")
    writer.execute("INSERT INTO t VALUES (-1)")  # not committed: must not appear in the copy
    result = backup_sqlite(f"sqlite:///{db}", tmp_path / "copy.db")
    writer.execute("COMMIT")
    writer.close()
    assert result.path == tmp_path / "copy.db"
    assert result.size_bytes == (tmp_path / "copy.db").stat().st_size
    copy = sqlite3.connect(result.path)
    assert copy.execute("SELECT count(*), min(n) FROM t").fetchone() == (1000, 0)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
    assert not (tmp_path / "copy.db.partial").exists()


def test_store_database_round_trips(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newsbot.db'}"
    store = open_store(url)
    store.upgrade()
    feed = store.feeds.add("https://example.org/rss.xml")
    backup_sqlite(url, tmp_path / "backup.db")
    store.close()
    copy = open_store(f"sqlite:///{tmp_path / 'backup.db'}")
    assert copy.feeds.get_by_url("https://example.org/rss.xml") == feed
    copy.close()


def test_refusals_are_clear(tmp_path: Path) -> None:
    with pytest.raises(OpsError, match="pg_dump"):
        sqlite_path("postgresql+psycopg://postgres@127.0.0.1/test")
    with pytest.raises(OpsError, match="in-memory"):
        sqlite_path("sqlite://")
    with pytest.raises(OpsError, match="no database at"):
        backup_sqlite(f"sqlite:///{tmp_path / 'missing.db'}", tmp_path / "x.db")
    db = tmp_path / "a.db"
    sqlite3.connect(db).close()
    (tmp_path / "taken.db").write_bytes(b"keep me")
    with pytest.raises(OpsError, match="already exists"):
        backup_sqlite(f"sqlite:///{db}", tmp_path / "taken.db")
    assert (tmp_path / "taken.db").read_bytes() == b"keep me"
    with pytest.raises(OpsError, match="does not exist"):
        backup_sqlite(f"sqlite:///{db}", tmp_path / "nodir" / "x.db")
