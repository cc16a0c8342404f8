import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.ops.errors import OpsError
from bot.ops.leader import AdvisoryLockLeader, SingleProcessLeader, leadership_for, lock_key
from bot.ops.metrics import REGISTRY
from bot.settings import normalize_database_url

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def lock_name() -> str:
    # A fresh name per test: other test runs may share this database.
    return f"test-leader-{uuid.uuid4()}"


@pytest.fixture
def pg_url(postgres_url: str) -> str:
    """The test's PostgreSQL database, in the driver form the leader connects with."""
    return normalize_database_url(postgres_url)


@pytest.fixture
def electors(pg_url: str, lock_name: str) -> Iterator[Callable[[], AdvisoryLockLeader]]:
    made: list[AdvisoryLockLeader] = []

    def make() -> AdvisoryLockLeader:
        leader = AdvisoryLockLeader(pg_url, lock_name)
        made.append(leader)
        return leader

    yield make
    for leader in made:
        leader.release()


def _eventually(predicate: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_sqlite_is_always_leader() -> None:
    leader = leadership_for("sqlite:///data/newsbot.db")
    assert isinstance(leader, SingleProcessLeader)
    assert leader.check()
    assert REGISTRY.get_sample_value("newsbot_leader") == 1
    leader.release()


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(OpsError, match="not mysql"):
        leadership_for("mysql://db/newsbot")


def test_lock_key_is_stable_and_fits_bigint() -> None:
    assert lock_key("newsbot:ticks") == lock_key("newsbot:ticks")
    assert lock_key("a") != lock_key("b")
    assert 0 <= lock_key("x") < 2**63


def test_only_one_leader_and_release_hands_over(
    electors: Callable[[], AdvisoryLockLeader],
) -> None:
    first, second = electors(), electors()
    assert first.check()
    assert not second.check()
    assert first.check(), "re-checking keeps the lock"
    assert not second.check()
    first.release()
    assert second.check()
    assert not first.check()


def test_terminated_session_loses_leadership(
    electors: Callable[[], AdvisoryLockLeader], pg_url: str
) -> None:
    first, second = electors(), electors()
    assert first.check()
    pid = first.backend_pid
    admin = create_engine(pg_url)
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()
    assert _eventually(second.check)
    assert not first.check(), "the old leader notices at its next tick and stands down"


LEADER_SCRIPT = """
import sys, time
from bot.ops.leader import AdvisoryLockLeader
leader = AdvisoryLockLeader(sys.argv[1], sys.argv[2])
while not leader.check():
    time.sleep(0.1)
print("leader", flush=True)
time.sleep(600)
"""


def test_killed_leader_process_is_replaced(
    electors: Callable[[], AdvisoryLockLeader], lock_name: str, pg_url: str
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", LEADER_SCRIPT, pg_url, lock_name],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "leader"
        follower = electors()
        assert not follower.check()
        proc.kill()  # SIGKILL: no cleanup runs, only the closed socket tells PostgreSQL
        proc.wait()
        assert _eventually(follower.check)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
