"""Connect only to the address that was checked: the guard against DNS rebinding.

httpx resolves a host again when it opens a connection, so a host that answers a public
address to the URL check and 127.0.0.1 to the connection would slip through. The network
backend below resolves once, refuses any non-public answer, then connects to the vetted IP
literal. TLS still verifies the original host name: httpcore passes the URL's host to
start_tls for SNI and the certificate check, not the address it connected to.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx

from bot.news.errors import UnsafeUrlError
from bot.news.safety import Resolver, refuse_private, resolve_host


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that vets every resolved address before connecting."""

    def __init__(
        self,
        *,
        allow_private: bool,
        resolve: Resolver = resolve_host,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._allow_private = allow_private
        self._resolve = resolve
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve `host`, refuse non-public answers, and connect to a vetted address."""
        if self._allow_private:
            # Nothing to enforce: keep the platform's own resolution (happy eyeballs, scope ids).
            return await self._inner.connect_tcp(
                host,
                port,
                timeout=timeout,
                local_address=local_address,
                socket_options=socket_options,
            )
        addresses = list(dict.fromkeys(await self._resolve(host, port)))
        refuse_private(addresses)
        failure: httpcore.ConnectError | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:  # try the host's next address, like a browser
                failure = exc
        raise failure or httpcore.ConnectError(f"no address found for {host}")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Refuse: the fetcher only speaks TCP to the hosts of http(s) URLs."""
        raise UnsafeUrlError("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        """Delegate the retry back-off sleep to the wrapped backend."""
        await self._inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (exception mapping included) over a PinnedBackend pool."""

    def __init__(self, backend: PinnedBackend, *, limits: httpx.Limits) -> None:
        ssl_context = httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=ssl_context, limits=limits, trust_env=False)
        # httpx does not expose network_backend, so the pool it built (no sockets yet) is
        # replaced by one with the same settings and the pinned backend.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


def pinned_transport(
    *, allow_private: bool, limits: httpx.Limits, resolve: Resolver = resolve_host
) -> PinnedTransport:
    """The fetcher's default transport: every connection goes to a checked address."""
    return PinnedTransport(
        PinnedBackend(allow_private=allow_private, resolve=resolve), limits=limits
    )
