import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from prometheus_client import CollectorRegistry, Counter

from bot.ops.exposition import Exposition
from bot.ops.health import HealthServer, WebhookRoute, build_app
from bot.ops.liveness import LoopStamp
from bot.ops.readiness import (
    INGEST_HEARTBEAT,
    SENDER_HEARTBEAT,
    ReadinessProbe,
    default_checks,
    sender_check,
)

START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


class Beats:
    """An in-memory heartbeat table with the same `get` as `store.heartbeats`."""

    def __init__(self) -> None:
        self.at: dict[str, datetime] = {}
        self.down = False

    def get(self, name: str) -> datetime | None:
        if self.down:
            raise ConnectionError("database is down")
        return self.at.get(name)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def beats() -> Beats:
    return Beats()


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def sender() -> LoopStamp:
    return LoopStamp("outbox sender")


@pytest.fixture
async def client(beats: Beats, clock: Clock, sender: LoopStamp) -> AsyncIterator[httpx.AsyncClient]:
    registry = CollectorRegistry()
    Counter("newsbot_fetches_total", "Fetches.", ["outcome"], registry=registry).labels("ok").inc()
    probe = ReadinessProbe(
        beats,
        default_checks(60),
        loops=[sender_check(60, sender.last)],
        clock=clock,
        started_at=START,
    )
    server = HealthServer(build_app(probe, Exposition(own=registry)))
    port = await server.start("127.0.0.1", 0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        yield http
    await server.stop()


async def test_healthz_answers_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"


async def test_metrics_are_prometheus_text(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert 'newsbot_fetches_total{outcome="ok"} 1.0' in response.text
    openmetrics = await client.get(
        "/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"}
    )
    assert openmetrics.headers["content-type"].startswith("application/openmetrics-text")
    assert openmetrics.text.endswith("# EOF\n")


async def test_readyz_follows_heartbeats(
    client: httpx.AsyncClient, beats: Beats, clock: Clock, sender: LoopStamp
) -> None:
    # Young process, no heartbeat yet: ready (it has not had its chance).
    assert (await client.get("/readyz")).status_code == 200
    clock.now = START + timedelta(minutes=10)
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == [
        "ingest: no heartbeat since start 600s ago",
        "outbox sender (this process): no heartbeat since start 600s ago",
    ]
    # The leader's ingest row is fresh: this process need not ingest itself to be ready.
    beats.at[INGEST_HEARTBEAT] = clock.now - timedelta(seconds=30)
    sender.mark(clock.now - timedelta(seconds=100))
    assert (await client.get("/readyz")).json() == {"ready": True, "problems": []}
    sender.mark(clock.now - timedelta(seconds=181))
    # Another process's sender keeps the shared row fresh: it does not speak for this one.
    beats.at[SENDER_HEARTBEAT] = clock.now
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == [
        "outbox sender (this process): last heartbeat 181s ago (limit 180s)"
    ]


async def test_readyz_fails_when_database_does_not_answer(
    client: httpx.AsyncClient, beats: Beats, clock: Clock
) -> None:
    beats.down = True
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["database does not answer: ConnectionError"]
    # A stuck sender is reported beside the database, not hidden behind it.
    clock.now = START + timedelta(minutes=10)
    assert (await client.get("/readyz")).json()["problems"] == [
        "database does not answer: ConnectionError",
        "outbox sender (this process): no heartbeat since start 600s ago",
    ]


@pytest.fixture
async def webhook_server(beats: Beats) -> AsyncIterator[tuple[httpx.AsyncClient, list[Any]]]:
    received: list[dict[str, Any]] = []

    async def sink(update: dict[str, Any]) -> None:
        received.append(update)

    route = WebhookRoute(path="telegram/hook", secret_token="s3cret-Token_1", on_update=sink)
    probe = ReadinessProbe(beats, default_checks(60))
    server = HealthServer(build_app(probe, Exposition(), webhook=route))
    port = await server.start("127.0.0.1", 0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        yield http, received
    await server.stop()


async def test_webhook_shares_the_port_and_checks_the_secret(
    webhook_server: tuple[httpx.AsyncClient, list[Any]],
) -> None:
    http, received = webhook_server
    update = {"update_id": 7, "message": {"text": "/start"}}
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"}
    assert (await http.post("/telegram/hook", json=update, headers=headers)).status_code == 200
    assert received == [update]
    wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
    assert (await http.post("/telegram/hook", json=update, headers=wrong)).status_code == 403
    assert (await http.post("/telegram/hook", json=update)).status_code == 403
    bad = await http.post("/telegram/hook", content=b"{not json", headers=headers)
    assert bad.status_code == 400
    assert (await http.post("/telegram/hook", content=b"[1]", headers=headers)).status_code == 400
    assert received == [update]
    assert (await http.get("/healthz")).status_code == 200


def test_webhook_path_may_not_shadow_operator_routes(beats: Beats) -> None:
    async def sink(update: dict[str, Any]) -> None:
        return None

    probe = ReadinessProbe(beats, default_checks(60))
    with pytest.raises(ValueError, match="collides"):
        build_app(probe, Exposition(), webhook=WebhookRoute("/metrics", "x", sink))


def test_readiness_body_is_json_ready() -> None:
    probe = ReadinessProbe(Beats(), default_checks(60), clock=Clock(START))
    assert json.loads(json.dumps(probe.check().as_json())) == {"ready": True, "problems": []}
