"""Which addresses the fetcher may contact: http(s) only, never a private network unless allowed."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from bot.news.errors import FetchError, PrivateAddressError, UnsafeUrlError

ALLOWED_SCHEMES = frozenset({"http", "https"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# (host, port) -> every address the host stands for; the seam through which tests answer DNS.
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]


def check_scheme(url: str) -> str:
    """Return the URL's host after checking the scheme is http or https."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise UnsafeUrlError(f"not a valid address: {url[:200]!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or "none"
        raise UnsafeUrlError(f"only http and https addresses are allowed (got scheme {shown!r})")
    if not parts.hostname:
        raise UnsafeUrlError(f"the address has no host: {url[:200]!r}")
    return parts.hostname


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast addresses; False for private, loopback, link-local."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return is_public_address(mapped)
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


async def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Resolve a host name (or literal) to every address the system resolver returns."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"host not found ({host})") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        raw = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        addresses.append(ipaddress.ip_address(raw))
    return addresses


def refuse_private(addresses: Iterable[IPAddress]) -> None:
    """Raise PrivateAddressError naming the first address that is not public."""
    for address in addresses:
        if not is_public_address(address):
            raise PrivateAddressError(str(address))


async def check_url(url: str, *, allow_private: bool, resolve: Resolver = resolve_host) -> None:
    """Refuse a URL whose scheme is not http(s) or whose host resolves to a non-public address.

    This early check gives the clearest error before any request; the guarantee against DNS
    rebinding is the connect-time check in bot.news.pinned_network.
    """
    host = check_scheme(url)
    if allow_private:
        return
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise UnsafeUrlError(f"the address has an invalid port: {url[:200]!r}") from None
    refuse_private(await resolve(host, port))
