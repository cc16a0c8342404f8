"""One object that runs the operator endpoints of a bot process (polling or webhook mode)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.ops.collectors import StoreCollector
from bot.ops.exposition import Exposition, forget_this_process
from bot.ops.health import HealthServer, WebhookRoute, build_app
from bot.ops.liveness import SENDER_LOOP
from bot.ops.readiness import Clock, ReadinessProbe, default_checks, sender_check, utc_now
from bot.store import Store

DEFAULT_HOST = "0.0.0.0"


class OperatorEndpoints:
    """/healthz, /readyz and /metrics for `store`, plus the Telegram webhook when given.

    Readiness allows three missed ingest intervals for the fleet's ingest heartbeat (in the
    database) and for this process's own outbox sender, read through `sender_last_loop`: by
    default the stamp the sender of this process keeps in `SENDER_LOOP`. /metrics reads the
    database gauges at each scrape.
    """

    def __init__(
        self,
        store: Store,
        *,
        ingest_interval_seconds: int,
        webhook: WebhookRoute | None = None,
        clock: Clock = utc_now,
        sender_last_loop: Callable[[], datetime | None] = SENDER_LOOP.last,
    ) -> None:
        probe = ReadinessProbe(
            store.heartbeats,
            default_checks(ingest_interval_seconds),
            loops=[sender_check(ingest_interval_seconds, sender_last_loop)],
            clock=clock,
        )
        exposition = Exposition([StoreCollector(store, clock)])
        self._server = HealthServer(build_app(probe, exposition, webhook=webhook))
        self.port: int | None = None

    async def start(self, port: int, host: str = DEFAULT_HOST) -> int:
        """Start serving on the running event loop; returns the bound port."""
        self.port = await self._server.start(host, port)
        return self.port

    async def stop(self) -> None:
        """Stop serving; in multiprocess mode this process's live gauges go with it."""
        await self._server.stop()
        forget_this_process()
