"""Safe HTTP GET for feeds and pages: checked addresses, bounded redirects, time and byte caps."""

from __future__ import annotations

import asyncio
import zlib
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from bot.news.decode import decode_bytes
from bot.news.errors import (
    FetchError,
    FetchTimeoutError,
    HttpStatusError,
    TooLargeError,
    TooManyRedirectsError,
)
from bot.news.pinned_network import pinned_transport
from bot.news.safety import Resolver, check_url, resolve_host

USER_AGENT = "newsbot/0.1 (regional news digest; polite feed reader; +https://github.com/)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_REASONS = {
    401: "login required",
    403: "the site blocks bots",
    404: "not found",
    410: "gone (the address was removed)",
    429: "too many requests (rate limited)",
}


@dataclass(frozen=True)
class FetchLimits:
    """Time and size budgets for one fetch (redirects included)."""

    max_bytes: int = 5 * 1024 * 1024
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 20.0
    max_redirects: int = 5


@dataclass(frozen=True)
class FetchResult:
    """The outcome of a successful GET (2xx or 304), body already decompressed."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304 to a conditional request."""
        return self.status == 304

    def text(self) -> str:
        """The body decoded by HTTP charset, then declaration, then detection."""
        return decode_bytes(self.body, self.content_type)


def status_reason(status: int) -> str:
    """Plain words for an HTTP error status."""
    if status in _REASONS:
        return _REASONS[status]
    if status >= 500:
        return "server error"
    return "unexpected answer"


class _Inflater:
    """Decompress a Content-Encoding stream while capping the DECODED size (gzip bombs)."""

    def __init__(self, encoding: str | None) -> None:
        name = (encoding or "identity").strip().lower()
        if name in {"", "identity"}:
            self._zlib = None
        elif name in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        elif name == "deflate":
            self._zlib = zlib.decompressobj(wbits=zlib.MAX_WBITS | 32)
        else:
            raise FetchError(f"unsupported content encoding {name!r}")

    def feed(self, data: bytes, budget: int) -> bytes:
        """Return the decoded bytes of `data`, or raise once they exceed `budget`."""
        if self._zlib is None:
            return data
        try:
            # max_length bounds memory: a bomb never inflates more than budget + 1 bytes.
            out = self._zlib.decompress(data, budget + 1)
        except zlib.error:
            raise FetchError("the response is corrupt (bad compression)") from None
        if self._zlib.unconsumed_tail or len(out) > budget:
            raise _OverBudgetError
        return out


class _OverBudgetError(Exception):
    """Internal signal: the decoded body went over the byte cap."""


class Fetcher:
    """An httpx client wrapped with the safety rules; inject `transport` or `resolve` in tests.

    Without an injected transport every connection goes through bot.news.pinned_network, which
    connects only to the address it has just checked (so DNS rebinding cannot reach a private
    network); `resolve` answers DNS for both the early URL check and that connect-time check.
    """

    def __init__(
        self,
        *,
        allow_private_urls: bool,
        limits: FetchLimits | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        user_agent: str = USER_AGENT,
        max_connections: int = 20,
        resolve: Resolver = resolve_host,
    ) -> None:
        self.limits = limits or FetchLimits()
        self.allow_private_urls = allow_private_urls
        self._resolve = resolve
        pool_limits = httpx.Limits(max_connections=max_connections)
        if transport is None:
            transport = pinned_transport(
                allow_private=allow_private_urls, limits=pool_limits, resolve=resolve
            )
        timeout = httpx.Timeout(
            connect=self.limits.connect_timeout,
            read=self.limits.read_timeout,
            write=self.limits.read_timeout,
            pool=self.limits.total_timeout,
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=pool_limits,
            trust_env=False,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """GET `url`, following at most `max_redirects` checked redirects, within the deadline."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with asyncio.timeout(self.limits.total_timeout):
                return await self._follow(url, headers)
        except TimeoutError:
            raise FetchTimeoutError(self.limits.total_timeout) from None
        except httpx.ConnectTimeout:
            raise FetchTimeoutError(self.limits.connect_timeout) from None
        except httpx.TimeoutException:
            raise FetchTimeoutError(self.limits.read_timeout) from None
        except httpx.ConnectError as exc:
            raise FetchError(_connect_message(url, exc)) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"network error ({_short(exc)})") from None

    async def _follow(self, url: str, headers: dict[str, str]) -> FetchResult:
        seen: set[str] = set()
        for _ in range(self.limits.max_redirects + 1):
            await check_url(url, allow_private=self.allow_private_urls, resolve=self._resolve)
            seen.add(url)
            request = self._client.build_request("GET", url, headers=headers)
            response = await self._client.send(request, stream=True)
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    target = urljoin(url, response.headers["location"])
                    if target in seen:
                        raise TooManyRedirectsError
                    url = target
                    continue
                return await self._finish(url, response)
            finally:
                await response.aclose()
        raise TooManyRedirectsError

    async def _finish(self, url: str, response: httpx.Response) -> FetchResult:
        status = response.status_code
        if status != 304 and not 200 <= status < 300:
            raise HttpStatusError(status, status_reason(status))
        body = b"" if status == 304 else await self._read_capped(response)
        return FetchResult(
            url=url,
            status=status,
            body=body,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    async def _read_capped(self, response: httpx.Response) -> bytes:
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise TooLargeError(cap)
        inflater = _Inflater(response.headers.get("content-encoding"))
        chunks: list[bytes] = []
        size = raw_size = 0
        try:
            async for raw in response.aiter_raw():
                raw_size += len(raw)
                if raw_size > cap:  # the compressed side is bounded too
                    raise _OverBudgetError
                piece = inflater.feed(raw, cap - size)
                size += len(piece)
                if size > cap:
                    raise _OverBudgetError
                chunks.append(piece)
        except _OverBudgetError:
            raise TooLargeError(cap) from None
        return b"".join(chunks)


_DNS_FAILURES = ("name or service not known", "nodename nor servname", "name resolution")


def _connect_message(url: str, exc: Exception) -> str:
    """Words for a failed connection: unknown host, refused, or the library's own reason."""
    text = str(exc).lower()
    host = urlsplit(url).hostname or url
    if any(marker in text for marker in _DNS_FAILURES):
        return f"host not found ({host})"
    if "refused" in text or "all connection attempts failed" in text:
        return f"cannot connect to {host} (connection refused or host unreachable)"
    return f"cannot connect to {host} ({_short(exc)})"


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text[:160]
