"""Address safety: schemes, private networks, and re-checks after redirects."""

from __future__ import annotations

import ipaddress

import httpx
import pytest

from bot.news.errors import PrivateAddressError, UnsafeUrlError
from bot.news.fetch import Fetcher
from bot.news.safety import check_scheme, is_public_address


@pytest.mark.parametrize(
    "url", ["ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/"]
)
def test_non_http_schemes_are_refused(url):
    with pytest.raises(UnsafeUrlError, match="only http and https"):
        check_scheme(url)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1/feed", "127.0.0.1"),
        ("http://10.1.2.3/feed", "10.1.2.3"),
        ("http://192.168.0.5/", "192.168.0.5"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]:8080/", "::1"),
        ("http://[fc00::1]/", "fc00::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
        ("http://0.0.0.0/", "0.0.0.0"),
        ("http://localhost:9/", "127.0.0.1"),
    ],
)
async def test_private_addresses_are_refused_when_not_allowed(url, shown):
    async with Fetcher(allow_private_urls=False) as fetcher:
        with pytest.raises(PrivateAddressError) as caught:
            await fetcher.get(url)
    assert str(caught.value) == f"address is private ({shown}) — refused"


async def test_local_server_is_refused_unless_allowed(feed_server):
    url = feed_server.url("/feeds/en.rss")
    async with Fetcher(allow_private_urls=False) as fetcher:
        with pytest.raises(PrivateAddressError):
            await fetcher.get(url)
    assert feed_server.hits["/feeds/en.rss"] == 0
    async with Fetcher(allow_private_urls=True) as fetcher:
        assert (await fetcher.get(url)).status == 200


async def test_a_redirect_into_a_private_network_is_refused():
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/secrets"})

    transport = httpx.MockTransport(handler)
    async with Fetcher(allow_private_urls=False, transport=transport) as fetcher:
        with pytest.raises(PrivateAddressError, match=r"169\.254\.169\.254"):
            await fetcher.get("http://93.184.216.34/feed.xml")
    assert seen == ["http://93.184.216.34/feed.xml"]


def test_public_and_private_classification():
    assert is_public_address(ipaddress.ip_address("93.184.216.34"))
    assert is_public_address(ipaddress.ip_address("2606:4700::1111"))
    for raw in ["127.0.0.1", "10.0.0.1", "172.16.0.1", "100.64.0.1", "224.0.0.1", "fe80::1"]:
        assert not is_public_address(ipaddress.ip_address(raw)), raw
