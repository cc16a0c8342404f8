"""Connect only to the address that was checked: the guard against DNS rebinding.

httpx resolves a host again when it opens a connection, so a host that answers a public
address to the URL check and 127.0.0.1 to the connection would slip through. The network
backend below resolves once, refuses any non-public answer, then connects to the vetted IP
literal. TLS still verifies the original host name: httpcore passes the URL's host to
start_tls for SNI and the certificate check, not the address it connected to.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import contextmanager

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


# httpcore's errors as the httpx errors callers catch; the first match wins, so the most
# specific classes come first (a ConnectTimeout is also a TimeoutException).
_ERRORS: tuple[tuple[type[Exception], type[httpx.HTTPError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    """Re-raise httpcore's exceptions as httpx's; anything else (our refusals) passes as is."""
    try:
        yield
    except Exception as exc:
        for source, target in _ERRORS:
            if isinstance(exc, source):
                raise target(str(exc)) from exc
        raise


class _Body(httpx.AsyncByteStream):
    """A response body read from httpcore, with its errors mapped and its connection released."""

    def __init__(self, response: httpcore.Response) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_httpx_errors():
            async for chunk in self._response.aiter_stream():
                yield chunk

    async def aclose(self) -> None:
        """Give the connection back to the pool."""
        with _as_httpx_errors():
            await self._response.aclose()


class PinnedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over httpcore's connection pool, dialling through a PinnedBackend.

    Built on the two documented seams, httpx's `AsyncBaseTransport` and the `network_backend`
    of `httpcore.AsyncConnectionPool`, so it does not depend on httpx's private internals.
    """

    def __init__(self, backend: PinnedBackend, *, limits: httpx.Limits) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` through the pinned pool and hand the streamed response to httpx."""
        if not isinstance(request.stream, httpx.AsyncByteStream):
            raise TypeError("PinnedTransport serves httpx.AsyncClient requests only")
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,  # carries httpx's timeouts to httpcore
        )
        with _as_httpx_errors():
            response = await self._pool.handle_async_request(core_request)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        """Close every pooled connection."""
        await self._pool.aclose()


def pinned_transport(
    *, allow_private: bool, limits: httpx.Limits, resolve: Resolver = resolve_host
) -> PinnedTransport:
    """The fetcher's default transport: every connection goes to a checked address."""
    return PinnedTransport(
        PinnedBackend(allow_private=allow_private, resolve=resolve), limits=limits
    )
