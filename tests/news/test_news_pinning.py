"""DNS rebinding: the address that is checked is the address that is connected to."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import httpcore
import httpx
import pytest

from bot.news.errors import FetchError, PrivateAddressError, UnsafeUrlError
from bot.news.fetch import Fetcher
from bot.news.pinned_network import PinnedBackend, PinnedTransport, pinned_transport
from bot.news.safety import IPAddress

PUBLIC = ipaddress.ip_address("93.184.216.34")
LOOPBACK = ipaddress.ip_address("127.0.0.1")
LIMITS = httpx.Limits(max_connections=4)


class Rebinding:
    """A resolver that answers a public address once, then loopback (a rebinding attack)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[IPAddress]:
        self.calls.append(host)
        return [PUBLIC] if len(self.calls) == 1 else [LOOPBACK]


class Fixed:
    """A resolver that always gives the same answers."""

    def __init__(self, *answers: str) -> None:
        self.answers: list[IPAddress] = [ipaddress.ip_address(a) for a in answers]

    async def __call__(self, host: str, port: int) -> list[IPAddress]:
        return list(self.answers)


class LoopbackNetwork(httpcore.AsyncNetworkBackend):
    """Stands in for the internet: records the dialled host, then dials the local server."""

    def __init__(self, unreachable: Iterable[str] = ()) -> None:
        self.dialled: list[str] = []
        self.unreachable = set(unreachable)
        self.real = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.dialled.append(host)
        if host in self.unreachable:
            raise httpcore.ConnectError(f"{host} is unreachable")
        return await self.real.connect_tcp("127.0.0.1", port, timeout=timeout)

    async def sleep(self, seconds: float) -> None:
        await self.real.sleep(seconds)


async def test_a_rebinding_host_is_refused_at_connect_time(feed_server):
    port = feed_server.base_url.rsplit(":", 1)[1]
    resolver = Rebinding()
    async with Fetcher(allow_private_urls=False, resolve=resolver) as fetcher:
        with pytest.raises(PrivateAddressError) as caught:
            await fetcher.get(f"http://rebind.test:{port}/feeds/en.rss")
    assert str(caught.value) == "address is private (127.0.0.1) — refused"
    assert resolver.calls == ["rebind.test", "rebind.test"]  # the URL check, then the connect
    assert feed_server.hits["/feeds/en.rss"] == 0


async def test_allow_private_reaches_the_local_server(feed_server):
    async with Fetcher(allow_private_urls=True, resolve=Rebinding()) as fetcher:
        result = await fetcher.get(feed_server.url("/feeds/en.rss"))
    assert result.status == 200
    assert feed_server.hits["/feeds/en.rss"] == 1


@pytest.mark.parametrize(
    ("host", "shown"),
    [("[::1]", "::1"), ("127.0.0.1", "127.0.0.1"), ("[::ffff:127.0.0.1]", "::ffff:7f00:1")],
)
async def test_the_transport_alone_refuses_loopback_literals(feed_server, host, shown):
    port = feed_server.base_url.rsplit(":", 1)[1]
    transport = pinned_transport(allow_private=False, limits=LIMITS)
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(PrivateAddressError) as caught:
            await client.get(f"http://{host}:{port}/feeds/en.rss")
    assert str(caught.value) == f"address is private ({shown}) — refused"
    assert feed_server.hits["/feeds/en.rss"] == 0


async def test_one_private_answer_among_public_ones_is_refused(feed_server):
    port = feed_server.base_url.rsplit(":", 1)[1]
    transport = pinned_transport(
        allow_private=False, limits=LIMITS, resolve=Fixed("93.184.216.34", "10.0.0.7")
    )
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(PrivateAddressError, match=r"\(10\.0\.0\.7\)"):
            await client.get(f"http://mixed.test:{port}/feeds/en.rss")
    assert feed_server.hits["/feeds/en.rss"] == 0


async def test_the_connection_goes_to_the_vetted_address(feed_server):
    port = feed_server.base_url.rsplit(":", 1)[1]
    network = LoopbackNetwork(unreachable={"2606:4700::1111"})
    backend = PinnedBackend(
        allow_private=False, resolve=Fixed("2606:4700::1111", "93.184.216.34"), inner=network
    )
    async with httpx.AsyncClient(transport=PinnedTransport(backend, limits=LIMITS)) as client:
        response = await client.get(f"http://news.test:{port}/feeds/en.rss")
    assert response.status_code == 200
    # Never the name (which would be resolved again), only the checked literals, in order.
    assert network.dialled == ["2606:4700::1111", "93.184.216.34"]
    assert feed_server.hits["/feeds/en.rss"] == 1


async def test_an_unknown_host_is_reported_at_connect_time():
    async def unknown(host: str, port: int) -> list[IPAddress]:
        raise FetchError(f"host not found ({host})")

    backend = PinnedBackend(allow_private=False, resolve=unknown)
    with pytest.raises(FetchError, match=r"host not found \(gone\.test\)"):
        await backend.connect_tcp("gone.test", 80)


async def test_unix_sockets_are_refused():
    backend = PinnedBackend(allow_private=True)
    with pytest.raises(UnsafeUrlError, match="unix sockets"):
        await backend.connect_unix_socket("/tmp/x.sock")


async def test_connections_are_reused_and_errors_are_httpx_errors(feed_server):
    port = feed_server.base_url.rsplit(":", 1)[1]
    network = LoopbackNetwork()
    backend = PinnedBackend(allow_private=False, resolve=Fixed("93.184.216.34"), inner=network)
    async with httpx.AsyncClient(transport=PinnedTransport(backend, limits=LIMITS)) as client:
        bodies = [(await client.get(f"http://news.test:{port}/feeds/en.rss")).text for _ in "ab"]
    assert bodies[0] == bodies[1]
    assert "<rss" in bodies[0]
    assert network.dialled == ["93.184.216.34"], "the second request rode the kept-alive socket"

    down = LoopbackNetwork(unreachable={"93.184.216.34"})
    backend = PinnedBackend(allow_private=False, resolve=Fixed("93.184.216.34"), inner=down)
    async with httpx.AsyncClient(transport=PinnedTransport(backend, limits=LIMITS)) as client:
        with pytest.raises(httpx.ConnectError, match="unreachable"):
            await client.get(f"http://news.test:{port}/feeds/en.rss")


async def test_a_stalled_answer_is_an_httpx_read_timeout(feed_server):
    port = feed_server.base_url.rsplit(":", 1)[1]
    backend = PinnedBackend(
        allow_private=False, resolve=Fixed("93.184.216.34"), inner=LoopbackNetwork()
    )
    transport = PinnedTransport(backend, limits=LIMITS)
    async with httpx.AsyncClient(transport=transport, timeout=httpx.Timeout(0.2)) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get(f"http://news.test:{port}/articles/datong-wall.html")  # 1 s late
